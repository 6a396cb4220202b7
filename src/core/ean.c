/* ean.c — retail product codes, widened to GTIN-14 for lookups.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ean.h"
#include "gs1.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
suyuan_ean_parse (SuyuanCode *code,
                  const char *digits,
                  gsize       length)
{
  switch (length)
    {
    case 8:
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
  if (!suyuan_gs1_check_digit_ok (digits, length))
    {
      suyuan_code_set_error (code, _("Wrong check digit"));
      return TRUE;
    }
  code->gtin = g_strnfill (14, '0');
  memcpy (code->gtin + 14 - length, digits, length);
  return TRUE;
}
