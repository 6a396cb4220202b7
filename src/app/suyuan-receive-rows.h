/* suyuan-receive-rows.h — a row of the Receive page: a shipment waiting
 * (the tally's lines are SuyuanReceiveRow).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "receipt.h"

G_BEGIN_DECLS

GtkWidget *suyuan_receive_shipment_row_new (const SuyuanShipment    *shipment);

G_END_DECLS
