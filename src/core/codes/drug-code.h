/* drug-code.h — Chinese drug trace codes (药品追溯码) and drug standard codes (本位码).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

#define SUYUAN_DRUG_TRACE_LENGTH 20
#define SUYUAN_DRUG_ID_LENGTH 7
#define SUYUAN_DRUG_SERIAL_LENGTH 9
#define SUYUAN_DRUG_STANDARD_LENGTH 14

/* TRUE when @digits is a 20-digit trace code (starting with 8) and was taken. */
gboolean  suyuan_drug_code_parse     (SuyuanCode *code,
                                      const char *digits,
                                      gsize       length);
/* TRUE when @digits is a 14-digit 本位码 (starting with 869) and was taken. */
gboolean  suyuan_drug_standard_parse (SuyuanCode *code,
                                      const char *digits,
                                      gsize       length);

G_END_DECLS
