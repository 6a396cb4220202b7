/* server-store-sqlite-schema.h — the SQLite server schema's version and upgrades.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The version this build writes (PRAGMA user_version). */
int      server_store_sqlite_schema_version (void);
/* Runs the upgrade steps @db (the file @path) lacks; refuses a newer schema. */
gboolean server_store_sqlite_upgrade        (sqlite3    *db,
                                             const char *path,
                                             GError    **error);

G_END_DECLS
