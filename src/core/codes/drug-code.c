/* drug-code.c — the 20-digit drug trace code: 7-digit product and packaging
 * identifier (药品标识码: box, case and unit of one drug differ here), 9-digit
 * serial, 4-digit check part; and the 14-digit drug standard code (本位码).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "drug-code.h"
#include "code-private.h"

#include <string.h>

gboolean
suyuan_drug_code_parse (SuyuanCode *code,
                        const char *digits,
                        gsize       length)
{
  if (length != SUYUAN_DRUG_TRACE_LENGTH || digits[0] != '8')
    return FALSE;
  code->kind = SUYUAN_CODE_DRUG_TRACE;
  code->drug_id = suyuan_code_store (code, digits, SUYUAN_DRUG_ID_LENGTH);
  code->serial = suyuan_code_store (code, digits + SUYUAN_DRUG_ID_LENGTH, SUYUAN_DRUG_SERIAL_LENGTH);
  /* The check part is computed by the code issuer's platform with a key we do
   * not have: it is kept, not verified. */
  code->drug_check = suyuan_code_store (code, digits + SUYUAN_DRUG_ID_LENGTH + SUYUAN_DRUG_SERIAL_LENGTH, 4);
  return TRUE;
}

/* 本位码: 86 (China), 9 (drug), then the product and a check digit. A GTIN-14
 * with indicator 8 and a Chinese prefix looks the same; on a shelf of drugs
 * the 本位码 is the one met, so it wins unless the carrier was ITF-14. */
gboolean
suyuan_drug_standard_parse (SuyuanCode *code,
                            const char *digits,
                            gsize       length)
{
  if (length != SUYUAN_DRUG_STANDARD_LENGTH || strncmp (digits, "869", 3) != 0)
    return FALSE;
  code->kind = SUYUAN_CODE_DRUG_STANDARD;
  code->drug_standard = suyuan_code_store (code, digits, length);
  return TRUE;
}
