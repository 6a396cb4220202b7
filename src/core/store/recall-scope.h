/* recall-scope.h — where one batch went (去向可追): every party it reached,
 * with what each received, holds, sold or destroyed, for a recall.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

/* One party the batch reached. Counts are items: one per unit-level event,
 * or the quantity a batch-level event states. */
typedef struct {
  char *party_id;
  char *name;                    /* NULL when the party is not in the store */
  char *kind;
  char *region;
  gint64 shipped_to;             /* shipped to this party by others */
  gint64 received;
  gint64 shipped_on;             /* shipped from this party to others */
  gint64 sold;
  gint64 destroyed;
  gint64 in_stock;               /* received (or made) and not yet gone */
  gint64 in_transit;             /* shipped to it, not yet received */
  char *first_event_at;          /* UTC, ISO 8601 */
  char *last_event_at;
} SuyuanScopeParty;

typedef struct {
  char *batch_id;
  char *lot;
  char *status;
  char *notice;
  char *production_date;
  char *expiry_date;
  char *product_id;
  char *product_name;
  char *gtin;
  char *producer_id;
  char *producer_name;
  GPtrArray *parties;            /* of SuyuanScopeParty, upstream first */
} SuyuanRecallScope;

void               suyuan_recall_scope_free (SuyuanRecallScope *scope);
/* The scope of @batch_id, or NULL with no error when the batch is unknown.
 * @region_prefix, when not NULL, keeps only parties whose region starts with
 * it (an inspector sees its own region). Owned by the caller. */
SuyuanRecallScope *suyuan_store_recall_scope (SuyuanStore  *store,
                                              const char   *batch_id,
                                              const char   *region_prefix,
                                              GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanRecallScope, suyuan_recall_scope_free)

G_END_DECLS
