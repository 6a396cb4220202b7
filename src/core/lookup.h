/* lookup.h — what the store knows about one code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *name;
  char *licence_no;
  guint32 licence_valid_until;   /* YYYYMMDD, 0 = unknown */
  char *licence_status;          /* valid / revoked / suspended */
  char *region;
} SuyuanParty;

typedef struct {
  char *id;
  char *gtin;
  char *product_key;
  char *drug_id;
  char *name;
  char *spec;
  char *category;                /* food, drug, vaccine, agri, cold-chain, other */
  char *approval_no;
  int shelf_life_days;
} SuyuanProduct;

typedef struct {
  char *id;
  char *lot;
  guint32 production;
  guint32 expiry;
  char *status;                  /* normal, held, unqualified, recalled, destroyed */
  char *notice;
} SuyuanBatch;

typedef struct {
  char *serial;
  char *state;                   /* commissioned, shipped, received, sold, destroyed */
} SuyuanUnit;

typedef struct {
  SuyuanProduct *product;        /* NULL when unknown */
  SuyuanBatch *batch;            /* NULL when the code names no known batch */
  SuyuanUnit *unit;              /* NULL when the code names no known unit */
  SuyuanParty *producer;
} SuyuanLookup;

void  suyuan_lookup_free (SuyuanLookup *lookup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanLookup, suyuan_lookup_free)

G_END_DECLS
