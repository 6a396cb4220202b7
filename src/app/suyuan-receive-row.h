/* suyuan-receive-row.h — one line of the receiving tally: the product, what
 * is matched, missing or wrong (colour, icon and words), the count, and a
 * button to reject or accept the goods again.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "receipt.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_RECEIVE_ROW (suyuan_receive_row_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanReceiveRow, suyuan_receive_row, SUYUAN, RECEIVE_ROW, AdwActionRow)

/* Line @index of the receipt; its button activates receive.reject with @index.
 * Properties (read-only): "index", "product", "state-text", "count",
 * "rejected", "level" and "text", all of it as one line; "saved" and
 * "save-text" follow the line's queued save (suyuan_receive_row_update_saved). */
GtkWidget  *suyuan_receive_row_new      (const SuyuanReceiptLine *line,
                                         guint                    index);
const char *suyuan_receive_row_get_text (SuyuanReceiveRow        *self);
void        suyuan_receive_row_update_saved (SuyuanReceiveRow        *self,
                                             const SuyuanReceiptLine *line);

G_END_DECLS
