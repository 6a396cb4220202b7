/* server-catalog.c — reading the zh_CN .mo catalog (server-catalog.h).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-catalog.h"

#include <string.h>

#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static GHashTable *zh_table;   /* msgid → msgstr, pointing into zh_data */
static char *zh_data;

static guint32
word (const char *data,
      gsize       offset,
      gboolean    swapped)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The GNU .mo layout: magic, revision, N, offset of the original strings'
 * table, offset of the translations' table; each entry (length, offset). */
static void
read_catalog (const char *path)
{
  gsize len = 0;
  guint32 magic, n, orig, trans;
  gboolean swapped;

  if (!g_file_get_contents (path, &zh_data, &len, NULL) || len < 28)
    return;
  memcpy (&magic, zh_data, 4);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = word (zh_data, 8, swapped);
  orig = word (zh_data, 12, swapped);
  trans = word (zh_data, 16, swapped);
  if ((guint64) orig + (guint64) n * 8 > len || (guint64) trans + (guint64) n * 8 > len)
    return;
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = word (zh_data, orig + i * 8, swapped);
      guint32 ooff = word (zh_data, orig + i * 8 + 4, swapped);
      guint32 tlen = word (zh_data, trans + i * 8, swapped);
      guint32 toff = word (zh_data, trans + i * 8 + 4, swapped);

      /* Each string is NUL-terminated in the file; skip any that is not. */
      if ((guint64) ooff + olen >= len || (guint64) toff + tlen >= len
          || zh_data[ooff + olen] != '\0' || zh_data[toff + tlen] != '\0' || olen == 0)
        continue;
      g_hash_table_insert (zh_table, zh_data + ooff, zh_data + toff);
    }
}

static void
ensure_loaded (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("SUYUAN_LOCALEDIR");
      /* $SUYUAN_LOCALEDIR, the installed catalog, else the build tree's (an
       * uninstalled server, as `scripts/dev run` starts it). */
      const char *dirs[] = { env && *env ? env : NULL, LOCALEDIR, BUILD_LOCALEDIR };

      zh_table = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < G_N_ELEMENTS (dirs) && zh_data == NULL; i++)
        {
          g_autofree char *path = NULL;

          if (dirs[i] == NULL)
            continue;
          path = g_build_filename (dirs[i], "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
          read_catalog (path);
        }
      g_once_init_leave (&once, 1);
    }
}

const char *
server_gettext (ServerLang  lang,
                const char *msgid)
{
  const char *found;

  g_return_val_if_fail (msgid != NULL, NULL);
  if (lang != SERVER_LANG_ZH)
    return msgid;
  ensure_loaded ();
  found = g_hash_table_lookup (zh_table, msgid);
  return found && *found ? found : msgid;
}

const char *
server_lang_tag (ServerLang lang)
{
  return lang == SERVER_LANG_EN ? "en" : "zh-CN";
}

ServerLang
server_lang_from_header (const char *accept_language)
{
  g_auto(GStrv) items = NULL;
  double best_zh = -1, best_en = -1;

  if (accept_language == NULL || strlen (accept_language) > 512)
    return SERVER_LANG_ZH;
  items = g_strsplit (accept_language, ",", 32);
  for (guint i = 0; items[i]; i++)
    {
      char *tag = g_strstrip (items[i]);
      char *semi = strchr (tag, ';');
      double q = 1.0;

      if (semi != NULL)
        {
          const char *qs = strstr (semi, "q=");

          *semi = '\0';
          if (qs != NULL)
            q = g_ascii_strtod (qs + 2, NULL);
        }
      if (g_ascii_strncasecmp (tag, "zh", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        best_zh = MAX (best_zh, q);
      else if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        best_en = MAX (best_en, q);
    }
  return best_en > 0 && best_en > best_zh ? SERVER_LANG_EN : SERVER_LANG_ZH;
}
