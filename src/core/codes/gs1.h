/* gs1.h — GS1 element strings: the AI table, check digits, dates, linters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

#define SUYUAN_GS '\x1d'
#define SUYUAN_AI_MAX_COMPONENTS 5

typedef enum {
  SUYUAN_AI_CONTENT_PLAIN = 0,
  SUYUAN_AI_CONTENT_CHECK_DIGIT,  /* GTIN, SSCC, GLN …: last digit is a mod-10 check */
  SUYUAN_AI_CONTENT_DATE,         /* YYMMDD, DD=00 allowed where the standard allows */
} SuyuanAiContent;

/* The content checks ("linters") of the GS1 Syntax Dictionary we implement. */
typedef enum {
  SUYUAN_LINT_CSUM          = 1u << 0,
  SUYUAN_LINT_YYMMD0        = 1u << 1,
  SUYUAN_LINT_YYMMDD        = 1u << 2,
  SUYUAN_LINT_YYYYMMDD      = 1u << 3,
  SUYUAN_LINT_HHMI          = 1u << 4,
  SUYUAN_LINT_HH            = 1u << 5,
  SUYUAN_LINT_MI            = 1u << 6,
  SUYUAN_LINT_SS            = 1u << 7,
  SUYUAN_LINT_ISO3166       = 1u << 8,
  SUYUAN_LINT_ISO3166999    = 1u << 9,
  SUYUAN_LINT_ISO3166ALPHA2 = 1u << 10,
  SUYUAN_LINT_ISO4217       = 1u << 11,
  SUYUAN_LINT_YESNO         = 1u << 12,
  SUYUAN_LINT_ZERO          = 1u << 13,
  SUYUAN_LINT_NONZERO       = 1u << 14,
  SUYUAN_LINT_WINDING       = 1u << 15,
  SUYUAN_LINT_PIECEOFTOTAL  = 1u << 16,
  SUYUAN_LINT_NOZEROPREFIX  = 1u << 17,
  SUYUAN_LINT_HYPHEN        = 1u << 18,
  SUYUAN_LINT_PCENC         = 1u << 19,
  SUYUAN_LINT_LATITUDE      = 1u << 20,
  SUYUAN_LINT_LONGITUDE     = 1u << 21,
  SUYUAN_LINT_ISO5218       = 1u << 22,
  SUYUAN_LINT_MEDIATYPE     = 1u << 23,
  SUYUAN_LINT_IMPORTERIDX   = 1u << 24,
  SUYUAN_LINT_POSINSEQSLASH = 1u << 25,
  SUYUAN_LINT_HASNONDIGIT   = 1u << 26,
} SuyuanGs1Lint;

/* One component of an AI's data field: character set N (digits), X (CSET 82),
 * Y (CSET 39) or Z (CSET 64, base64url), and its length. */
typedef struct {
  char cset;
  guint8 min_length;
  guint8 max_length;
  gboolean optional;
  guint32 lints;           /* SuyuanGs1Lint bits */
} SuyuanAiComponent;

typedef struct {
  const char *ai;
  guint8 min_length;       /* of the whole data field */
  guint8 max_length;
  gboolean numeric;        /* every component is N */
  gboolean predefined;     /* pre-defined length: no FNC1 separator needed */
  SuyuanAiContent content;
  const char *title;
  gboolean dl_attribute;   /* allowed as a Digital Link query attribute */
  guint8 n_components;
  SuyuanAiComponent components[SUYUAN_AI_MAX_COMPONENTS];
  const char *req;         /* "01,02+21;21": ';' between rules, ',' alternatives, '+' all of */
  const char *ex;          /* "01,31nn": AIs or patterns that must not appear */
  const char *dlpkey;      /* NULL: no primary key; "" no qualifiers; "22,10,21|235" */
} SuyuanAiSpec;

extern const SuyuanAiSpec suyuan_gs1_ai_table[];
extern const gsize suyuan_gs1_ai_table_length;
extern const char suyuan_gs1_iso3166[][4];
extern const gsize suyuan_gs1_iso3166_length;
extern const char suyuan_gs1_iso3166_alpha2[][3];
extern const gsize suyuan_gs1_iso3166_alpha2_length;
extern const char suyuan_gs1_iso4217[][4];
extern const gsize suyuan_gs1_iso4217_length;

/* The AI @digits starts with (looking at most @available bytes), or NULL. */
const SuyuanAiSpec *suyuan_gs1_lookup_ai      (const char *digits,
                                               gsize       available);
/* The spec of a parsed AI, or NULL. */
#define suyuan_gs1_pair_spec(pair) \
  ((pair)->spec >= 0 ? &suyuan_gs1_ai_table[(pair)->spec] : NULL)
/* The AI that is exactly @ai, or NULL. */
const SuyuanAiSpec *suyuan_gs1_find_ai        (const char *ai);
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
/* Runs a component's linters; returns NULL or the fault, for people. */
const char         *suyuan_gs1_lint           (guint32     lints,
                                               const char *value,
                                               gsize       length);
/* Checks req= and ex= associations over the code's AIs. */
gboolean            suyuan_gs1_check_associations (SuyuanCode *code);
/* Fills gtin/lot/serial/dates from the AI list and checks AI associations. */
gboolean            suyuan_gs1_derive_fields  (SuyuanCode *code);
/* The element string equivalent to @code's AIs: GS after each variable-length
 * value that is not last; no leading FNC1. */
char               *suyuan_gs1_element_string (const SuyuanCode *code);
/* The same, kept in the code's own storage and set as its element_string. */
void                suyuan_gs1_set_element_string (SuyuanCode *code);

G_END_DECLS
