/* suyuan-receive-page.h — Receive (收货): scan a delivery against the
 * supplier's shipment and keep the purchase-inspection record (进货查验记录).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "receipt.h"
#include "suyuan-receive-row.h"
#include "suyuan-verdict-banner.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_RECEIVE_PAGE (suyuan_receive_page_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanReceivePage, suyuan_receive_page, SUYUAN, RECEIVE_PAGE, GtkWidget)

/* The store, and this shop's party id (NULL: deliveries to anyone). */
void           suyuan_receive_page_set_store   (SuyuanReceivePage *self,
                                                SuyuanStore       *store,
                                                const char        *shop_id);
void           suyuan_receive_page_set_verdict_settings (SuyuanReceivePage           *self,
                                                         const SuyuanVerdictSettings *settings);
/* Reloads the shipments waiting (after a sync). */
void           suyuan_receive_page_refresh     (SuyuanReceivePage *self);
/* Starts receiving shipment @index of the list shown, or ad hoc with -1. */
gboolean       suyuan_receive_page_start       (SuyuanReceivePage *self,
                                                int                index);
/* Counts one scan on the open receipt; FALSE when none is open. */
gboolean       suyuan_receive_page_scan        (SuyuanReceivePage *self,
                                                const char        *payload);
/* The window's "scan" handler: takes the scan while a receipt is open and in
 * view. Each scan judged emits "checked" (int level) for the beep and flash. */
gboolean       suyuan_receive_page_claim_scan  (SuyuanReceivePage *self,
                                                const char        *payload);
SuyuanReceipt *suyuan_receive_page_get_receipt (SuyuanReceivePage *self);
guint          suyuan_receive_page_get_n_shipments (SuyuanReceivePage *self);
SuyuanVerdictBanner *suyuan_receive_page_get_banner (SuyuanReceivePage *self);
/* The text of the summary line, as shown. */
const char    *suyuan_receive_page_get_summary (SuyuanReceivePage *self);
/* What the page says about the last scan (or a save that failed). */
const char    *suyuan_receive_page_get_last_scan (SuyuanReceivePage *self);
/* Tally row @index (its properties say what it shows), or NULL. */
SuyuanReceiveRow *suyuan_receive_page_get_row   (SuyuanReceivePage *self,
                                                 guint              index);
/* The dialog asking why goods are rejected, and its entry. */
AdwMessageDialog *suyuan_receive_page_get_reject_dialog (SuyuanReceivePage *self,
                                                         GtkEntry         **entry);
/* The question being asked (finishing with goods that must not be sold or
 * goods missing, cancelling, the supplier of an ad-hoc receipt) while it is
 * open, else NULL; and its text entry, when it has one. */
AdwMessageDialog *suyuan_receive_page_get_confirm_dialog (SuyuanReceivePage *self);
GtkEditable      *suyuan_receive_page_get_confirm_entry  (SuyuanReceivePage *self);
/* The entry for typing a code by hand. */
GtkEntry         *suyuan_receive_page_get_code_entry     (SuyuanReceivePage *self);

G_END_DECLS
