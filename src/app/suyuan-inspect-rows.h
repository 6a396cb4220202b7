/* suyuan-inspect-rows.h — the rows of the Inspect page: a business to start
 * an inspection of, and one scanned product with its action, notes, photos.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "inspection.h"

G_BEGIN_DECLS

/* Called when the user changes an item: @photo set means a photo was
 * attached, else @action and @notes are the row's new values. Returns FALSE
 * (and shows why) when the change was not kept. */
typedef gboolean (*SuyuanInspectItemChanged) (gpointer    user_data,
                                              int         seq,
                                              int         action,
                                              const char *notes,
                                              const char *photo);

GtkWidget *suyuan_inspect_business_row_new (const SuyuanInspectionTask *business);

GtkWidget *suyuan_inspect_item_row_new     (const SuyuanInspectionItem *item,
                                            gboolean                    editable,
                                            SuyuanInspectItemChanged    changed,
                                            gpointer                    user_data);
int        suyuan_inspect_item_row_get_seq (GtkWidget                  *row);
/* As a user would: picks the action, types the notes and applies them. */
gboolean   suyuan_inspect_item_row_set     (GtkWidget                  *row,
                                            SuyuanInspectionAction      action,
                                            const char                 *notes);
gboolean   suyuan_inspect_item_row_attach  (GtkWidget                  *row,
                                            const char                 *path);
/* What the Photos row's button does: opens the Take a Photo window. */
GtkWindow *suyuan_inspect_item_row_take_photo (GtkWidget              *row);

G_END_DECLS
