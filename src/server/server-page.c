/* server-page.c — rendering page templates with escaped values (server-page.h).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-page.h"

#include <gio/gio.h>
#include <string.h>

#define PAGES_PATH "/io/github/suyuan/server/pages/"
/* Longest placeholder name a template may use. */
#define NAME_MAX_LEN 63

typedef struct {
  char *text;
  gboolean html;
} PageValue;

struct _ServerPageValues {
  GHashTable *table;   /* name → PageValue */
};

static void
page_value_free (gpointer data)
{
  PageValue *value = data;

  g_free (value->text);
  g_free (value);
}

ServerPageValues *
server_page_values_new (void)
{
  ServerPageValues *values = g_new0 (ServerPageValues, 1);

  values->table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, page_value_free);
  return values;
}

void
server_page_values_free (ServerPageValues *values)
{
  if (values == NULL)
    return;
  g_hash_table_unref (values->table);
  g_free (values);
}

static void
put (ServerPageValues *values,
     const char       *name,
     char             *text,
     gboolean          html)
{
  PageValue *value = g_new0 (PageValue, 1);

  value->text = text;
  value->html = html;
  g_hash_table_replace (values->table, g_strdup (name), value);
}

void
server_page_values_set (ServerPageValues *values,
                        const char       *name,
                        const char       *text)
{
  g_return_if_fail (values != NULL && name != NULL);
  if (text != NULL)
    put (values, name, g_strdup (text), FALSE);
}

void
server_page_values_set_printf (ServerPageValues *values,
                               const char       *name,
                               const char       *format,
                               ...)
{
  va_list args;

  g_return_if_fail (values != NULL && name != NULL);
  va_start (args, format);
  put (values, name, g_strdup_vprintf (format, args), FALSE);
  va_end (args);
}

void
server_page_values_set_html (ServerPageValues *values,
                             const char       *name,
                             char             *html)
{
  g_return_if_fail (values != NULL && name != NULL && html != NULL);
  put (values, name, html, TRUE);
}

char *
server_page_escape (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  /* & < > " ' — enough for element text and quoted attribute values. */
  return g_markup_escape_text (text, -1);
}

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_strconcat (PAGES_PATH, name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (bytes == NULL)
    g_error ("page template %s: %s", name, error->message);
  return bytes;
}

GBytes *
server_page_static (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return load (name);
}

static void
insert (GString                *out,
        const ServerPageValues *values,
        const char             *name,
        gboolean                raw)
{
  const PageValue *value = g_hash_table_lookup (values->table, name);
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  if (raw && value->html)
    {
      g_string_append (out, value->text);
      return;
    }
  escaped = server_page_escape (value->text);
  g_string_append (out, escaped);
}

char *
server_page_render (const char             *name,
                    const ServerPageValues *values)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *p, *end;
  gsize len;
  GString *out;

  g_return_val_if_fail (name != NULL && values != NULL, NULL);
  bytes = load (name);
  p = g_bytes_get_data (bytes, &len);
  end = p + len;
  out = g_string_sized_new (len + 1024);
  while (p < end)
    {
      const char *open = g_strstr_len (p, end - p, "{{");
      gboolean raw;
      const char *start, *close;
      char key[NAME_MAX_LEN + 1];

      if (open == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, open - p);
      raw = open + 2 < end && open[2] == '{';
      start = open + (raw ? 3 : 2);
      close = g_strstr_len (start, end - start, raw ? "}}}" : "}}");
      /* Our own files: a broken placeholder is a bug to see at once. */
      if (close == NULL || close - start > NAME_MAX_LEN)
        g_error ("page template %s: unclosed or overlong placeholder", name);
      memcpy (key, start, (gsize) (close - start));
      key[close - start] = '\0';
      insert (out, values, g_strstrip (key), raw);
      p = close + (raw ? 3 : 2);
    }
  return g_string_free (out, FALSE);
}
