/* label-catalog.h — the products and batches a producer can print labels for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

typedef struct {
  char *id;       /* product id, or lot for a batch */
  char *title;    /* for people: "name spec" or "lot · production → expiry" */
} SuyuanLabelChoice;

void        suyuan_label_choice_free    (SuyuanLabelChoice *choice);
/* Products with a GTIN or a product key, by name. */
GPtrArray  *suyuan_label_list_products  (SuyuanStore *store,
                                         GError     **error);
/* Unexpired, normal (not held, recalled …) batches of @product_id, newest first. */
GPtrArray  *suyuan_label_list_batches   (SuyuanStore *store,
                                         const char  *product_id,
                                         GError     **error);

G_END_DECLS
