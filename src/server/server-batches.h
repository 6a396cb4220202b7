/* server-batches.h — the rules that keep a regulator's notice on the batch it
 * names: terminals key batches by product and lot, so no record may give a
 * flagged batch's lot to another batch, or move a batch to another lot.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* Whether batch @id may be stored as of @product_id with @lot: a new id for a
 * lot another batch holds, or an existing batch with another product or lot,
 * is refused with a G_IO_ERROR_INVALID_DATA error saying so. */
gboolean server_batch_check (ServerStore *store,
                             const char  *id,
                             const char  *product_id,
                             const char  *lot,
                             GError     **error);

G_END_DECLS
