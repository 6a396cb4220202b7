/* digital-link-build.c — Digital Link URIs from parsed codes (for labels).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "digital-link.h"
#include "gs1.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* Primary keys in the order we prefer them when a code carries several. */
static const char *const key_order[] = {
  "01", "00", "414", "417", "8003", "8004", "8006", "8010", "8013", "8017", "8018",
  "253", "255", "401", "402", NULL
};

static const SuyuanAiSpec *
primary_key (const SuyuanCode *code)
{
  for (guint k = 0; key_order[k]; k++)
    if (suyuan_code_get_ai (code, key_order[k]) != NULL)
      return suyuan_gs1_find_ai (key_order[k]);
  return NULL;
}

/* The qualifier alternative ("22,10,21" or "235") that covers most AIs. */
static GStrv
best_qualifiers (const SuyuanCode *code,
                 const char       *dlpkey)
{
  g_auto(GStrv) alternatives = g_strsplit (dlpkey, "|", -1);
  GStrv best = NULL;
  guint best_hits = 0;

  for (guint a = 0; alternatives[a]; a++)
    {
      GStrv order = g_strsplit (alternatives[a], ",", -1);
      guint hits = 0;

      for (guint i = 0; order[i]; i++)
        hits += suyuan_code_get_ai (code, order[i]) != NULL;
      if (best == NULL || hits > best_hits)
        {
          g_strfreev (best);
          best = order;
          best_hits = hits;
        }
      else
        g_strfreev (order);
    }
  return best != NULL ? best : g_new0 (char *, 1);  /* a key without qualifiers */
}

static void
append_segment (GString    *uri,
                const char *key,
                const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (uri, "/%s/%s", key, escaped);
}

char *
suyuan_digital_link_build_full (const char        *base,
                                const SuyuanCode  *code,
                                GError           **error)
{
  g_autoptr(GString) uri = g_string_new (base);
  /* A producer code keeps its product key even when it carries other keys. */
  const SuyuanAiSpec *key = code->product_key != NULL && suyuan_code_get_ai (code, "01") == NULL
                            ? NULL : primary_key (code);
  g_auto(GStrv) qualifiers = NULL;
  gboolean first_query = TRUE;

  g_return_val_if_fail (base != NULL && code != NULL, NULL);
  if (key == NULL && code->product_key == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A Digital Link needs a GS1 key such as a GTIN, or a product key"));
      return NULL;
    }
  while (uri->len > 0 && uri->str[uri->len - 1] == '/')
    g_string_truncate (uri, uri->len - 1);
  if (key != NULL)
    append_segment (uri, key->ai, suyuan_code_get_ai (code, key->ai));
  else
    append_segment (uri, "p", code->product_key);
  qualifiers = best_qualifiers (code, key != NULL ? key->dlpkey : "22,10,21");
  for (guint i = 0; qualifiers[i]; i++)
    {
      const char *value = suyuan_code_get_ai (code, qualifiers[i]);

      if (value != NULL)
        append_segment (uri, qualifiers[i], value);
    }
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      const SuyuanAiSpec *spec = suyuan_gs1_pair_spec (pair);
      g_autofree char *escaped = NULL;

      if ((key != NULL && strcmp (pair->ai, key->ai) == 0) || g_strv_contains ((const char *const *) qualifiers, pair->ai))
        continue;
      if (spec == NULL || !spec->dl_attribute)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("AI (%s) cannot be carried in a Digital Link with this key"), pair->ai);
          return NULL;
        }
      escaped = g_uri_escape_string (pair->value, NULL, FALSE);
      g_string_append_printf (uri, "%c%s=%s", first_query ? '?' : '&', pair->ai, escaped);
      first_query = FALSE;
    }
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

char *
suyuan_digital_link_build (const char       *base,
                           const SuyuanCode *code)
{
  return suyuan_digital_link_build_full (base, code, NULL);
}
