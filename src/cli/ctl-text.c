/* ctl-text.c — every character suyuanctl prints goes through here: control
 * characters from scanned codes, the store or a server (a product name that
 * clears the screen and paints a green "OK" over a STOP) are shown as
 * \uXXXX escapes, never sent to the terminal.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"

#include <stdio.h>
#include <string.h>

/* C0, DEL, C1 and the bidirectional overrides that reorder what is shown. */
static gboolean
is_hostile (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* @keep: the layout characters our own output may use (NUL-terminated). */
static char *
escape (const char *text,
        const char *keep)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (is_hostile (c) && (c >= 0x80 || strchr (keep, (int) c) == NULL))
        /* The same escape as JSON's, so --json lines stay valid JSON. */
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

char *
ctl_escape (const char *text)
{
  return escape (text != NULL ? text : "", "");
}

static void
print_stdout (const char *text)
{
  g_autofree char *safe = escape (text, "\n\t");

  fputs (safe, stdout);
}

static void
print_stderr (const char *text)
{
  /* \r: the progress line rewrites itself. */
  g_autofree char *safe = escape (text, "\n\t\r");

  fputs (safe, stderr);
}

void
ctl_text_install (void)
{
  g_set_print_handler (print_stdout);
  g_set_printerr_handler (print_stderr);
}
