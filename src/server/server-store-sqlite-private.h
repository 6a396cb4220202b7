/* server-store-sqlite-private.h — what the SQLite backend's files share: the
 * connection and the statement helpers (server-store-sqlite.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store-private.h"

#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct {
  ServerStore parent;
  sqlite3 *db;
  sqlite3_stmt *append;   /* kept: imports append one change per entity */
} SqliteStore;

#define SQLITE_STORE(s) ((SqliteStore *) (s))

/* Sets @error from the connection's last error; returns FALSE. */
gboolean      sqlite_store_error   (SqliteStore  *self,
                                    GError      **error);
/* A new statement (finalize it), or NULL with @error set. */
sqlite3_stmt *sqlite_store_prepare (SqliteStore  *self,
                                    const char   *sql,
                                    GError      **error);

/* server-store-sqlite-jobs.c: EPCIS capture jobs. */
gboolean      sqlite_job_save      (ServerStore *store, const char *id, const char *owner, gboolean running,
                                    const char *json, GError **error);
char         *sqlite_job_load      (ServerStore *store, const char *id, const char *owner);
gboolean      sqlite_job_foreach   (ServerStore *store, const char *owner, gboolean running_only, gint64 after,
                                    guint limit, ServerJobFunc func, gpointer user_data, GError **error);

G_END_DECLS
