/* gs1-ai-table.c — the Application Identifiers we know, with their formats.
 * Facts from the GS1 General Specifications / GS1 Syntax Dictionary.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gs1.h"

#include <string.h>

#define N TRUE
#define X FALSE
#define FIXED TRUE
#define VAR FALSE

static const SuyuanAiSpec ai_table[] = {
  { "00", 18, 18, N, FIXED, SUYUAN_AI_CONTENT_CHECK_DIGIT, "SSCC" },
  { "01", 14, 14, N, FIXED, SUYUAN_AI_CONTENT_CHECK_DIGIT, "GTIN" },
  { "02", 14, 14, N, FIXED, SUYUAN_AI_CONTENT_CHECK_DIGIT, "CONTENT" },
  { "10", 1, 20, X, VAR, SUYUAN_AI_CONTENT_PLAIN, "BATCH/LOT" },
  { "11", 6, 6, N, FIXED, SUYUAN_AI_CONTENT_DATE, "PROD DATE" },
  { "13", 6, 6, N, FIXED, SUYUAN_AI_CONTENT_DATE, "PACK DATE" },
  { "15", 6, 6, N, FIXED, SUYUAN_AI_CONTENT_DATE, "BEST BEFORE or BEST BY" },
  { "16", 6, 6, N, FIXED, SUYUAN_AI_CONTENT_DATE, "SELL BY" },
  { "17", 6, 6, N, FIXED, SUYUAN_AI_CONTENT_DATE, "USE BY OR EXPIRY" },
  { "20", 2, 2, N, FIXED, SUYUAN_AI_CONTENT_PLAIN, "VARIANT" },
  { "21", 1, 20, X, VAR, SUYUAN_AI_CONTENT_PLAIN, "SERIAL" },
  { "30", 1, 8, N, VAR, SUYUAN_AI_CONTENT_PLAIN, "VAR. COUNT" },
  { "37", 1, 8, N, VAR, SUYUAN_AI_CONTENT_PLAIN, "COUNT" },
  { "400", 1, 30, X, VAR, SUYUAN_AI_CONTENT_PLAIN, "ORDER NUMBER" },
  { "414", 13, 13, N, FIXED, SUYUAN_AI_CONTENT_CHECK_DIGIT, "LOC No." },
};

const SuyuanAiSpec *
suyuan_gs1_lookup_ai (const char *digits,
                      gsize       available)
{
  for (gsize i = 0; i < G_N_ELEMENTS (ai_table); i++)
    {
      gsize len = strlen (ai_table[i].ai);

      if (len <= available && memcmp (ai_table[i].ai, digits, len) == 0)
        return &ai_table[i];
    }
  return NULL;
}
