/* code-display.c — a scanned code as people see it: the invisible GS
 * separator (and any other control character) as a visible symbol.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "code.h"

char *
suyuan_code_dup_display (const char *raw)
{
  GString *text;

  g_return_val_if_fail (raw != NULL, NULL);
  text = g_string_sized_new (strlen (raw) + 8);
  for (const char *p = raw; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      /* Fonts draw GS as a box (tofu) or nothing: name it. */
      if (c == 0x1d)
        g_string_append (text, "⟨GS⟩");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (text, "⟨%02X⟩", c);
      else
        g_string_append_c (text, (char) c);
    }
  return g_string_free (text, FALSE);
}
