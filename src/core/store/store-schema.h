/* store-schema.h — numbered migrations of the terminal store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

int       suyuan_store_schema_latest  (void);
/* Brings the file to the latest version, each step in its own transaction. */
gboolean  suyuan_store_schema_migrate (SuyuanStore *store,
                                       GError     **error);

G_END_DECLS
