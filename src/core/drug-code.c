/* drug-code.c — the 20-digit drug trace code: 7-digit product and packaging
 * identifier, 9-digit serial, 4-digit check part.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "drug-code.h"

gboolean
suyuan_drug_code_parse (SuyuanCode *code,
                        const char *digits,
                        gsize       length)
{
  if (length != SUYUAN_DRUG_TRACE_LENGTH || digits[0] != '8')
    return FALSE;
  code->kind = SUYUAN_CODE_DRUG_TRACE;
  code->drug_id = g_strndup (digits, SUYUAN_DRUG_ID_LENGTH);
  code->serial = g_strndup (digits + SUYUAN_DRUG_ID_LENGTH, 9);
  return TRUE;
}
