/* receipt-private.h — the receipt as its modules (tally, store, JSON) share it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "receipt.h"
#include "store-writer.h"

G_BEGIN_DECLS

struct _SuyuanReceipt {
  SuyuanStore *store;
  char *uuid;
  char *shop_id;
  char *supplier_id;
  char *supplier_name;
  char *shipment_key;       /* NULL for an ad hoc receipt */
  char *started_at;
  char *finished_at;        /* set once: a finished receipt never changes */
  GPtrArray *lines;         /* of SuyuanReceiptLine */
  GHashTable *units;        /* "product_id\x1fserial" of units counted */
  guint n_scans;
  guint n_saved_lines;      /* lines 0 … n-1 have their receipt_lines row (or one queued) */
  SuyuanStoreWriter *writer; /* not owned; NULL: saves commit on the caller's thread */
  SuyuanReceiptSaved saved;
  gpointer saved_data;
  gboolean needs_full_save; /* a queued save failed: the next one writes everything */
};

SuyuanReceipt     *suyuan_receipt_alloc     (SuyuanStore *store);
SuyuanReceiptLine *suyuan_receipt_add_line  (SuyuanReceipt *receipt,
                                             const char    *product_id,
                                             const char    *batch_id);
char              *suyuan_receipt_now       (void);

/* The record without its lines, and one line (its units only @with_serials):
 * what an open receipt keeps in receipts.data and receipt_lines. */
JsonObject        *suyuan_receipt_header_to_json (SuyuanReceipt           *receipt);
JsonObject        *suyuan_receipt_line_to_json   (const SuyuanReceiptLine *line,
                                                  gboolean                 with_serials);
/* Saves what one scan changed: the header, line @index, and @serial (may be
 * NULL) as a unit of it; one durable transaction. */
gboolean           suyuan_receipt_save_scan      (SuyuanReceipt           *receipt,
                                                  guint                    index,
                                                  const char              *serial,
                                                  GError                 **error);
/* suyuan_receipt_save () inside the caller's transaction. */
gboolean           suyuan_receipt_save_all       (SuyuanReceipt           *receipt,
                                                  GError                 **error);
/* Waits for the saves queued on the receipt's writer and runs their callbacks. */
void               suyuan_receipt_wait_saved     (SuyuanReceipt           *receipt);
/* Reads the lines and units of the open receipt @receipt saved scan by scan. */
gboolean           suyuan_receipt_load_lines     (SuyuanReceipt           *receipt,
                                                  GError                 **error);

G_END_DECLS
