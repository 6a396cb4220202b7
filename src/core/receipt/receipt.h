/* receipt.h — receiving a delivery (收货 / 进货查验): a tally of what was scanned
 * per product and batch against what the supplier shipped, and the
 * purchase-inspection record (进货查验记录) it becomes when finished.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"
#include "verdict.h"

G_BEGIN_DECLS

/* Problems a line carries; a line can have several. */
typedef enum {
  SUYUAN_RECEIPT_FLAG_EXPIRED     = 1 << 0,
  SUYUAN_RECEIPT_FLAG_NEAR_EXPIRY = 1 << 1,
  SUYUAN_RECEIPT_FLAG_UNQUALIFIED = 1 << 2,
  SUYUAN_RECEIPT_FLAG_RECALLED    = 1 << 3,
  SUYUAN_RECEIPT_FLAG_HELD        = 1 << 4,  /* held or destroyed batch */
  SUYUAN_RECEIPT_FLAG_DUPLICATED  = 1 << 5,  /* a unit scanned twice, or already sold / elsewhere */
  SUYUAN_RECEIPT_FLAG_OTHER       = 1 << 6,  /* any other STOP reason: licence, tampered … */
} SuyuanReceiptFlags;

/* How a line stands against the shipment. */
typedef enum {
  SUYUAN_RECEIPT_MATCHED,
  SUYUAN_RECEIPT_MISSING,   /* fewer received than shipped */
  SUYUAN_RECEIPT_EXTRA,     /* more than shipped, or not shipped at all */
} SuyuanReceiptState;

/* What one scan did. */
typedef enum {
  SUYUAN_RECEIPT_SCAN_COUNTED,
  SUYUAN_RECEIPT_SCAN_DUPLICATE,  /* the same unit again: not counted twice */
  SUYUAN_RECEIPT_SCAN_UNKNOWN,    /* names no product the store knows: not counted */
  SUYUAN_RECEIPT_SCAN_INVALID,    /* not a code: not counted */
} SuyuanReceiptScanResult;

typedef struct {
  char *product_id;
  char *product_name;
  char *spec;
  char *batch_id;         /* NULL when the scans named no known batch */
  char *lot;
  guint32 production;     /* YYYYMMDD, 0 = unknown */
  guint32 expiry;
  char *certificates;     /* approval / licence numbers behind the goods */
  guint expected;
  guint received;
  guint duplicates;
  guint flags;            /* SuyuanReceiptFlags */
  SuyuanLevel level;      /* the gravest verdict of its scans */
  gboolean rejected;
  char *reject_reason;
  GPtrArray *serials;     /* of char *: units received, in scan order */
  guint n_saving;         /* saves of this line queued on the writer, not yet committed */
  gboolean save_failed;   /* its last save failed: saved again by the next scan or finishing */
} SuyuanReceiptLine;

typedef struct _SuyuanReceipt SuyuanReceipt;
typedef struct _SuyuanStoreWriter SuyuanStoreWriter;

/* A queued save of @receipt committed (@error NULL) or failed. */
typedef void (*SuyuanReceiptSaved) (SuyuanReceipt *receipt,
                                    const GError  *error,
                                    gpointer       user_data);

/* Deliveries shipped to @destination_id (NULL: to anyone) not yet received. */
typedef struct {
  char *key;              /* identifies the shipment for suyuan_receipt_new_from_shipment */
  char *supplier_id;
  char *supplier_name;
  char *destination_id;
  char *time;
  guint n_lines;
  guint n_items;
} SuyuanShipment;

void            suyuan_shipment_free          (SuyuanShipment *shipment);
GPtrArray      *suyuan_receipt_list_shipments (SuyuanStore    *store,
                                               const char     *destination_id,
                                               GError        **error);

/* A receipt of goods for @shop_id (may be NULL); ad hoc or against a shipment. */
SuyuanReceipt  *suyuan_receipt_new_ad_hoc     (SuyuanStore    *store,
                                               const char     *shop_id,
                                               const char     *supplier_id);
/* Names who delivered an ad-hoc receipt: a known party (@supplier_id, may be
 * NULL) and the name as the receiver gave it. Saved at once. */
gboolean        suyuan_receipt_set_supplier   (SuyuanReceipt  *receipt,
                                               const char     *supplier_id,
                                               const char     *supplier_name,
                                               GError        **error);
SuyuanReceipt  *suyuan_receipt_new_from_shipment (SuyuanStore *store,
                                                  const char  *shipment_key,
                                                  GError     **error);
void            suyuan_receipt_free           (SuyuanReceipt  *receipt);
/* The newest unfinished receipt of @shop_id (NULL: of any shop) as it was
 * last saved, to go on with; NULL with no error when there is none. */
SuyuanReceipt  *suyuan_receipt_load_unfinished (SuyuanStore   *store,
                                                const char    *shop_id,
                                                GError       **error);

const char     *suyuan_receipt_get_uuid       (SuyuanReceipt  *receipt);
const char     *suyuan_receipt_get_supplier_name (SuyuanReceipt *receipt);
gboolean        suyuan_receipt_is_finished    (SuyuanReceipt  *receipt);
/* Lines, expected ones first in shipment order, then others as first scanned. */
GPtrArray      *suyuan_receipt_get_lines      (SuyuanReceipt  *receipt);
SuyuanReceiptState suyuan_receipt_line_state  (const SuyuanReceiptLine *line);
/* Counts of lines matched / missing / extra, and lines with a problem flag. */
void            suyuan_receipt_count          (SuyuanReceipt  *receipt,
                                               guint          *matched,
                                               guint          *missing,
                                               guint          *extra,
                                               guint          *flagged);

/* Parses, looks up and judges @payload, and counts it on its line. @line_out
 * gets the line's index (-1 when not counted), @verdict_out the verdict. The
 * receipt is saved in the store after every scan, so a crash loses nothing. */
SuyuanReceiptScanResult suyuan_receipt_scan   (SuyuanReceipt  *receipt,
                                               const char     *payload,
                                               guint32         today,
                                               const SuyuanVerdictSettings *settings,
                                               int            *line_out,
                                               SuyuanVerdict **verdict_out,
                                               GError        **error);
/* Rejects line @index with @reason (non-empty), or accepts it again (NULL). */
gboolean        suyuan_receipt_set_rejected   (SuyuanReceipt  *receipt,
                                               guint           index,
                                               const char     *reason,
                                               GError        **error);

/* Makes the purchase-inspection record and the receiving events, in one
 * transaction with the outbox; afterwards the receipt cannot change. */
gboolean        suyuan_receipt_finish         (SuyuanReceipt  *receipt,
                                               GError        **error);

/* Drops an unfinished receipt (the person cancelled it). */
gboolean        suyuan_receipt_discard        (SuyuanReceipt  *receipt,
                                               GError        **error);

/* Saves from now on go to @writer (not owned; NULL: commit at once, on the
 * caller's thread) and report with @saved on its thread. Scans and
 * rejections then return before their commit; finishing, discarding and
 * freeing the receipt wait for the queued saves first. */
void            suyuan_receipt_set_writer     (SuyuanReceipt      *receipt,
                                               SuyuanStoreWriter  *writer,
                                               SuyuanReceiptSaved  saved,
                                               gpointer            user_data);
/* Whether everything counted on @line is committed. */
gboolean        suyuan_receipt_line_is_saved  (const SuyuanReceiptLine *line);

/* The receipt as the record the server gets (kind "receipt"). */
JsonObject     *suyuan_receipt_to_json        (SuyuanReceipt  *receipt);
gboolean        suyuan_receipt_save           (SuyuanReceipt  *receipt,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanReceipt, suyuan_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanShipment, suyuan_shipment_free)

G_END_DECLS
