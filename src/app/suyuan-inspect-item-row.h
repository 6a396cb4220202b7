/* suyuan-inspect-item-row.h — one product scanned during an inspection: its
 * verdict, and the inspector's action, notes and photos for it.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "inspection.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_INSPECT_ITEM_ROW (suyuan_inspect_item_row_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanInspectItemRow, suyuan_inspect_item_row, SUYUAN, INSPECT_ITEM_ROW,
                      AdwExpanderRow)

/* Properties: "seq", "level", "editable" (set at construction), "action",
 * "notes" and "n-photos" (as shown), "saved" and "save-text" (the item's
 * queued save: suyuan_inspect_item_row_update_saved). When the user changes the item the row
 * emits "changed" (int action, const char *notes, const char *photo) →
 * gboolean: @photo set means a photo was attached, else @action and @notes
 * are the new values; the handler saves them and returns FALSE when the
 * change was not kept. */
GtkWidget *suyuan_inspect_item_row_new        (const SuyuanInspectionItem *item,
                                               gboolean                    editable);
int        suyuan_inspect_item_row_get_seq    (SuyuanInspectItemRow       *self);
void       suyuan_inspect_item_row_update_saved (SuyuanInspectItemRow     *self,
                                                 const SuyuanInspectionItem *item);
/* As a user would: picks the action, types the notes and applies them. */
gboolean   suyuan_inspect_item_row_set        (SuyuanInspectItemRow       *self,
                                               SuyuanInspectionAction      action,
                                               const char                 *notes);
gboolean   suyuan_inspect_item_row_attach     (SuyuanInspectItemRow       *self,
                                               const char                 *path);
/* What the Photos row's button does: opens the Take a Photo window. */
GtkWindow *suyuan_inspect_item_row_take_photo (SuyuanInspectItemRow       *self);

G_END_DECLS
