/* receipt-private.h — the receipt as its modules (tally, store, JSON) share it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "receipt.h"

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
};

SuyuanReceipt     *suyuan_receipt_alloc     (SuyuanStore *store);
SuyuanReceiptLine *suyuan_receipt_add_line  (SuyuanReceipt *receipt,
                                             const char    *product_id,
                                             const char    *batch_id);
char              *suyuan_receipt_now       (void);

G_END_DECLS
