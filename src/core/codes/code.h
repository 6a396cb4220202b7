/* code.h — the typed result of reading one scanned or typed code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bound on any input we accept: scanned text is hostile and never unbounded. */
#define SUYUAN_CODE_MAX_INPUT 4096

typedef enum {
  SUYUAN_CODE_TEXT = 0,        /* anything we do not recognise: kept raw */
  SUYUAN_CODE_GS1,             /* GS1 element string (GS1-128, GS1 QR/DataMatrix, DataBar) */
  SUYUAN_CODE_DIGITAL_LINK,    /* GS1 Digital Link URI */
  SUYUAN_CODE_SUYUAN,          /* our own producer URI with a local product key */
  SUYUAN_CODE_EAN13,
  SUYUAN_CODE_EAN8,
  SUYUAN_CODE_UPCA,
  SUYUAN_CODE_UPCE,
  SUYUAN_CODE_DRUG_TRACE,      /* 20-digit Chinese drug trace code (药品追溯码) */
  SUYUAN_CODE_DRUG_STANDARD,   /* 14-digit drug standard code (本位码) */
  SUYUAN_CODE_TRACE_URL,       /* another recognisable trace URL: raw, never opened */
} SuyuanCodeKind;

typedef struct {
  char ai[5];
  gint16 spec;          /* index in suyuan_gs1_ai_table, -1 when unknown */
  char *value;
} SuyuanAiValue;

/* Dates are packed as YYYYMMDD integers (0 = absent); DD=00 is already
 * resolved to the last day of the month. */
typedef struct {
  SuyuanCodeKind kind;
  gboolean valid;
  char *raw;            /* the input after normalisation (GS as 0x1D, no AIM prefix) */
  char *aim;            /* AIM symbology identifier such as "]d2", or NULL */
  char *error;          /* why it is invalid, for people; NULL when valid */
  GArray *ai;           /* of SuyuanAiValue, in order; empty when not GS1 content */

  /* What the rest of the program uses, whatever the carrier. */
  char *gtin;           /* 14 digits (EAN/UPC are widened to GTIN-14) */
  char *product_key;    /* local product key of a Suyuan producer code */
  char *lot;
  char *serial;
  char *drug_id;        /* 7-digit drug identifier incl. packaging level */
  char *host;           /* host of a URI, for display only */
  guint32 production;   /* YYYYMMDD */
  guint32 best_before;
  guint32 expiry;
  gint16 expiry_time;   /* HHMM from AI (7003), -1 when absent */
  char *drug_check;     /* the 4-digit check part of a drug trace code */
  char *drug_standard;  /* 14-digit drug standard code (本位码) */
  char *element_string; /* GS1 content as an element string (GS separators), also for Digital Link */

  /* private: the block most strings above live in (code-storage.c); never
   * free or replace a field yourself, suyuan_code_free does */
  char *storage;
  gsize storage_used;
  gsize storage_size;
} SuyuanCode;

SuyuanCode  *suyuan_code_parse        (const char   *input,
                                       gssize        length);
void         suyuan_code_free         (SuyuanCode   *code);
const char  *suyuan_code_kind_to_string (SuyuanCodeKind kind);
const char  *suyuan_code_get_ai       (const SuyuanCode *code,
                                       const char   *ai);

/* A code built by hand, AI by AI, for suyuan_digital_link_build (labels). */
SuyuanCode  *suyuan_code_new          (SuyuanCodeKind kind,
                                       const char   *raw);
void         suyuan_code_add_ai       (SuyuanCode   *code,
                                       const char   *ai,
                                       const char   *value,
                                       gssize        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanCode, suyuan_code_free)

G_END_DECLS
