/* suyuan-product-editor.h — a window to add or edit one of the producer's products.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_PRODUCT_EDITOR (suyuan_product_editor_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanProductEditor, suyuan_product_editor, SUYUAN, PRODUCT_EDITOR, AdwWindow)

/* Edits @product_id, or a new product when NULL. Emits "saved" (the product
 * id) and closes once the product is stored. */
SuyuanProductEditor *suyuan_product_editor_new         (SuyuanStore         *store,
                                                        const char          *product_id);
/* What the Save button does; FALSE when the form shows an error. */
gboolean             suyuan_product_editor_save        (SuyuanProductEditor *self);
/* The error shown beside the form, or NULL. */
const char          *suyuan_product_editor_get_error   (SuyuanProductEditor *self);
/* Puts the keyboard focus in field @name ("name", "spec", "gtin", "key",
 * "shelf-life", "approval", "storage", "new-producer", "licence"). */
void                 suyuan_product_editor_focus_field (SuyuanProductEditor *self,
                                                        const char          *name);
/* Selects category @category and producer @producer_id ("" for a new one). */
void                 suyuan_product_editor_choose      (SuyuanProductEditor *self,
                                                        const char          *category,
                                                        const char          *producer_id);

G_END_DECLS
