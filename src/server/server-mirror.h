/* server-mirror.h — the server's lookup copy of its own change feed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"
#include "store.h"

G_BEGIN_DECLS

/* Where the mirror of @db lives unless --mirror says: beside a SQLite
 * file (@db.lookup); for a PostgreSQL URL in $XDG_STATE_HOME/suyuan-server/. */
char        *server_mirror_default_path (const char *db);
/* Opens (creating, with its directory) the mirror file at @path. */
SuyuanStore *server_mirror_open     (const char  *path,
                                     GError     **error);
/* Applies every change after the mirror's cursor, a page per transaction. */
gboolean     server_mirror_catch_up (SuyuanStore *mirror,
                                     ServerStore *store,
                                     GError     **error);

/* Whether the writer thread is applying what it stored to the mirror (on a
 * connection of its own) before it answers: a lookup then answers from the
 * mirror as it stands rather than wait for it. */
gboolean     server_mirror_busy     (void);
void         server_mirror_set_busy (gboolean     busy);

G_END_DECLS
