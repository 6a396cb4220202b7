/* server-csv.c — see server-csv.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-csv.h"

#include <gio/gio.h>
#include <string.h>

static void
end_row (GPtrArray *rows,
         GPtrArray *fields)
{
  gboolean blank = fields->len == 1 && *(char *) fields->pdata[0] == '\0';

  if (blank)
    {
      g_free (fields->pdata[0]);
      g_ptr_array_set_size (fields, 0);
    }
  else
    {
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
    }
}

GPtrArray *
server_csv_parse (const char *text,
                  gsize       length,
                  GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  /* No free function: a finished row is stolen as a GStrv. */
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gsize i = 0;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the CSV is not UTF-8 text");
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  for (; i < length; i++)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            g_string_append_c (field, text[++i]);
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
          continue;
        }
      if (c == '"' && field->len == 0)
        quoted = TRUE;
      else if (c == ',')
        g_ptr_array_add (fields, g_strdup (field->str)), g_string_truncate (field, 0);
      else if (c == '\n' || c == '\r')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          end_row (rows, fields);
          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (field, c);
    }
  if (quoted)
    {
      for (guint f = 0; f < fields->len; f++)
        g_free (fields->pdata[f]);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the CSV ends inside a quoted field");
      return NULL;
    }
  if (field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      end_row (rows, fields);
    }
  return g_steal_pointer (&rows);
}
