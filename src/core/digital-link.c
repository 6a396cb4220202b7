/* digital-link.c — reading GS1 Digital Link URIs (any host, any path prefix).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "digital-link.h"
#include "gs1.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Primary keys a Digital Link path may start with. */
static const char *const primary_keys[] = { "01", "00", "414", "8003", "8004", "8006", "8010", "8017", "8018", "253", "255", "401", "402", "417", NULL };

static gboolean
is_primary_key (const char *segment)
{
  return g_strv_contains (primary_keys, segment);
}

static gboolean
add_checked (SuyuanCode *code,
             const char *ai,
             const char *value)
{
  const SuyuanAiSpec *spec = suyuan_gs1_lookup_ai (ai, strlen (ai));

  if (spec == NULL || strcmp (spec->ai, ai) != 0)
    {
      suyuan_code_set_error (code, _("Unknown application identifier (%s) in Digital Link"), ai);
      return FALSE;
    }
  if (!suyuan_gs1_check_value (code, spec, value, strlen (value)))
    return FALSE;
  suyuan_code_add_ai (code, ai, value, -1);
  return TRUE;
}

static gboolean
parse_query (SuyuanCode *code,
             const char *query)
{
  g_auto(GStrv) params = NULL;

  if (query == NULL)
    return TRUE;
  params = g_strsplit (query, "&", -1);
  for (guint i = 0; params[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (params[i], "=", 2);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (kv[0] == NULL || kv[1] == NULL)
        continue;
      key = g_uri_unescape_string (kv[0], NULL);
      value = g_uri_unescape_string (kv[1], NULL);
      /* Only numeric keys are AIs; other attributes (e.g. linkType) are ignored. */
      if (key == NULL || value == NULL || key[0] == '\0' || strspn (key, "0123456789") != strlen (key))
        continue;
      if (!add_checked (code, key, value))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_path (SuyuanCode  *code,
            char       **segments,
            guint        start)
{
  for (guint i = start; segments[i] != NULL; i += 2)
    {
      g_autofree char *value = NULL;

      if (segments[i + 1] == NULL)
        {
          suyuan_code_set_error (code, _("Digital Link path ends with AI (%s) but no value"), segments[i]);
          return FALSE;
        }
      value = g_uri_unescape_string (segments[i + 1], NULL);
      if (value == NULL || value[0] == '\0')
        {
          suyuan_code_set_error (code, _("Digital Link value for AI (%s) is badly encoded"), segments[i]);
          return FALSE;
        }
      if (code->kind == SUYUAN_CODE_SUYUAN && i == start)
        {
          code->product_key = g_steal_pointer (&value);
          continue;
        }
      if (!add_checked (code, segments[i], value))
        return FALSE;
    }
  return TRUE;
}

gboolean
suyuan_digital_link_parse (SuyuanCode *code,
                           const char *input)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) segments = NULL;
  const char *path;
  guint first = G_MAXUINT;

  if (!g_str_has_prefix (input, "https://") && !g_str_has_prefix (input, "http://")
      && !g_str_has_prefix (input, "HTTPS://") && !g_str_has_prefix (input, "HTTP://"))
    return FALSE;
  uri = g_uri_parse (input, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  path = g_uri_get_path (uri);
  segments = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (is_primary_key (segments[i]) || strcmp (segments[i], "p") == 0)
        {
          first = i;
          break;
        }
    }
  if (first == G_MAXUINT)
    return FALSE;

  code->kind = strcmp (segments[first], "p") == 0 ? SUYUAN_CODE_SUYUAN : SUYUAN_CODE_DIGITAL_LINK;
  code->host = g_strdup (g_uri_get_host (uri));
  if (!parse_path (code, segments, first) || !parse_query (code, g_uri_get_query (uri)))
    return TRUE;
  suyuan_gs1_derive_fields (code);
  return TRUE;
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
suyuan_digital_link_build (const char       *base,
                           const SuyuanCode *code)
{
  /* Key qualifiers of (01) in the order GS1 requires. */
  static const char *const qualifiers[] = { "22", "10", "21", NULL };
  GString *uri = g_string_new (base);
  const char *gtin = suyuan_code_get_ai (code, "01");
  gboolean first_query = TRUE;

  g_return_val_if_fail (gtin != NULL || code->product_key != NULL, NULL);
  while (uri->len > 0 && uri->str[uri->len - 1] == '/')
    g_string_truncate (uri, uri->len - 1);
  if (gtin != NULL)
    append_segment (uri, "01", gtin);
  else
    append_segment (uri, "p", code->product_key);
  for (guint i = 0; qualifiers[i]; i++)
    {
      const char *value = suyuan_code_get_ai (code, qualifiers[i]);

      if (value != NULL)
        append_segment (uri, qualifiers[i], value);
    }
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      g_autofree char *escaped = NULL;

      if (strcmp (pair->ai, "01") == 0 || g_strv_contains (qualifiers, pair->ai))
        continue;
      escaped = g_uri_escape_string (pair->value, NULL, FALSE);
      g_string_append_printf (uri, "%c%s=%s", first_query ? '?' : '&', pair->ai, escaped);
      first_query = FALSE;
    }
  return g_string_free (uri, FALSE);
}
