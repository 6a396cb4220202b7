/* ean.c — retail product codes (EAN-13, EAN-8, UPC-A, UPC-E), widened to
 * GTIN-14 for lookups.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ean.h"
#include "gs1.h"
#include "code-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
suyuan_ean_upce_expand (const char *upce,
                        char        upca[13])
{
  const char *d = upce + 1;   /* the six data digits */
  char s = upce[0];

  if (s != '0' && s != '1')
    return FALSE;
  switch (d[5])
    {
    case '0': case '1': case '2':
      g_snprintf (upca, 13, "%c%c%c%c0000%c%c%c%c", s, d[0], d[1], d[5], d[2], d[3], d[4], upce[7]);
      break;
    case '3':
      g_snprintf (upca, 13, "%c%c%c%c00000%c%c%c", s, d[0], d[1], d[2], d[3], d[4], upce[7]);
      break;
    case '4':
      g_snprintf (upca, 13, "%c%c%c%c%c00000%c%c", s, d[0], d[1], d[2], d[3], d[4], upce[7]);
      break;
    default:
      g_snprintf (upca, 13, "%c%c%c%c%c%c0000%c%c", s, d[0], d[1], d[2], d[3], d[4], d[5], upce[7]);
      break;
    }
  return TRUE;
}

static void
set_gtin (SuyuanCode *code,
          const char *digits,
          gsize       length)
{
  if (!suyuan_gs1_check_digit_ok (digits, length))
    {
      suyuan_code_set_error (code, _("Wrong check digit"));
      return;
    }
  char gtin[14];

  memset (gtin, '0', 14 - length);
  memcpy (gtin + 14 - length, digits, length);
  code->gtin = suyuan_code_store (code, gtin, 14);
}

/* Eight digits are EAN-8 or UPC-E: the AIM identifier tells (]E4 is EAN-8,
 * ]E0 is the UPC/EAN-13 family); without one, the check digit decides. */
static gboolean
is_upce (const char *digits,
         const char *aim)
{
  char upca[13];

  if (aim != NULL && strcmp (aim, "]E4") == 0)
    return FALSE;
  if (!suyuan_ean_upce_expand (digits, upca))
    return FALSE;
  if (aim != NULL && strcmp (aim, "]E0") == 0)
    return TRUE;
  return !suyuan_gs1_check_digit_ok (digits, 8) && suyuan_gs1_check_digit_ok (upca, 12);
}

gboolean
suyuan_ean_parse (SuyuanCode *code,
                  const char *digits,
                  gsize       length,
                  const char *aim)
{
  char upca[13];

  switch (length)
    {
    case 8:
      if (is_upce (digits, aim))
        {
          code->kind = SUYUAN_CODE_UPCE;
          suyuan_ean_upce_expand (digits, upca);
          set_gtin (code, upca, 12);
          return TRUE;
        }
      code->kind = SUYUAN_CODE_EAN8;
      break;
    case 12:
      code->kind = SUYUAN_CODE_UPCA;
      break;
    case 13:
      code->kind = SUYUAN_CODE_EAN13;
      break;
    default:
      return FALSE;
    }
  set_gtin (code, digits, length);
  return TRUE;
}
