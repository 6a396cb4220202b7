/* gs1.h — GS1 element strings: the AI table, check digits and dates.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

#define SUYUAN_GS '\x1d'

typedef enum {
  SUYUAN_AI_CONTENT_PLAIN = 0,
  SUYUAN_AI_CONTENT_CHECK_DIGIT,  /* GTIN, SSCC, GLN …: last digit is a mod-10 check */
  SUYUAN_AI_CONTENT_DATE,         /* YYMMDD, DD=00 allowed where the standard allows */
} SuyuanAiContent;

typedef struct {
  const char *ai;
  guint8 min_length;
  guint8 max_length;
  gboolean numeric;        /* else CSET 82 */
  gboolean predefined;     /* pre-defined length: no FNC1 separator needed */
  SuyuanAiContent content;
  const char *title;
} SuyuanAiSpec;

const SuyuanAiSpec *suyuan_gs1_lookup_ai      (const char *digits,
                                               gsize       available);
gboolean            suyuan_gs1_check_digit_ok (const char *digits,
                                               gsize       length);
char                suyuan_gs1_check_digit    (const char *digits,
                                               gsize       length_without_check);
guint32             suyuan_gs1_decode_date    (const char *yymmdd,
                                               gboolean    allow_day_zero);

/* Parses an element string (GS as separator, no leading FNC1) into @code. */
gboolean            suyuan_gs1_parse_element_string (SuyuanCode *code,
                                                     const char *data,
                                                     gsize       length);
/* Validates one AI value against its spec; sets the code's error on failure. */
gboolean            suyuan_gs1_check_value    (SuyuanCode         *code,
                                               const SuyuanAiSpec *spec,
                                               const char         *value,
                                               gsize               length);
/* Fills gtin/lot/serial/dates from the AI list and checks AI associations. */
gboolean            suyuan_gs1_derive_fields  (SuyuanCode *code);

G_END_DECLS
