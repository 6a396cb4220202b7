/* server-mirror.h — the server's lookup copy of its own change feed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"
#include "store.h"

G_BEGIN_DECLS

/* Opens (creating) the mirror beside the server database: @db_path.lookup. */
SuyuanStore *server_mirror_open     (const char  *db_path,
                                     GError     **error);
/* Applies every change after the mirror's cursor, a page per transaction. */
gboolean     server_mirror_catch_up (SuyuanStore *mirror,
                                     ServerStore *store,
                                     GError     **error);

G_END_DECLS
