/* suyuan-receive-rows.h — the rows of the Receive page: a shipment waiting,
 * and a tally line where problems stand out in colour, icon and words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "receipt.h"

G_BEGIN_DECLS

GtkWidget *suyuan_receive_shipment_row_new (const SuyuanShipment    *shipment);
/* Its reject button activates receive.reject with @index. */
GtkWidget *suyuan_receive_row_new          (const SuyuanReceiptLine *line,
                                            guint                    index);
/* What the row says, as one line of text (for tests and screen readers). */
char      *suyuan_receive_row_dup_text     (GtkListBoxRow           *row);

G_END_DECLS
