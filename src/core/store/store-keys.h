/* store-keys.h — the store's own ids for what a code or an EPC names: the
 * product of a GTIN, the batch of a lot or a unit, whether a unit or an
 * event is known. For callers that must not read the schema (suyuan-server).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

/* Each returns a new string (transfer full), or NULL when the store has no
 * such row or fails (then @error is set). */
char     *suyuan_store_dup_product_for_gtin (SuyuanStore  *store,
                                             const char   *gtin,
                                             GError      **error);
char     *suyuan_store_dup_batch_for_lot    (SuyuanStore  *store,
                                             const char   *product_id,
                                             const char   *lot,
                                             GError      **error);
char     *suyuan_store_dup_batch_for_unit   (SuyuanStore  *store,
                                             const char   *product_id,
                                             const char   *serial,
                                             GError      **error);
char     *suyuan_store_dup_producer         (SuyuanStore  *store,
                                             const char   *product_id,
                                             GError      **error);

/* FALSE also when the store fails (then @error is set). */
gboolean  suyuan_store_has_product          (SuyuanStore  *store,
                                             const char   *product_id,
                                             GError      **error);
gboolean  suyuan_store_has_unit             (SuyuanStore  *store,
                                             const char   *product_id,
                                             const char   *serial,
                                             GError      **error);
gboolean  suyuan_store_has_event            (SuyuanStore  *store,
                                             const char   *event_id,
                                             GError      **error);

G_END_DECLS
