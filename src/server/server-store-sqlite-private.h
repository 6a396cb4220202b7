/* server-store-sqlite-private.h — what the SQLite backend's two files share:
 * the connection and the statement helpers (server-store-sqlite.c).
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
  sqlite3_stmt *tag;      /* and tag it with a few scope keys */
  sqlite3_stmt *scoped;   /* a scoped read's runs of one key */
  sqlite3_stmt *by_seq;   /* and its changes */
  sqlite3_stmt *units_of_batch;   /* a batch's registrations: the history a batch brings */
  sqlite3_stmt *units_in_range;   /* a unit's, or a consignment's */
} SqliteStore;

#define SQLITE_STORE(s) ((SqliteStore *) (s))

/* Sets @error from the connection's last error; FALSE. */
gboolean      ssql_error     (SqliteStore *self, GError **error);
sqlite3_stmt *ssql_prepare   (SqliteStore *self, const char *sql, GError **error);
gboolean      ssql_exec      (SqliteStore *self, const char *sql, GError **error);
/* The first column of a one-row query as an integer, or @fallback. */
gint64        ssql_query_int (SqliteStore *self, const char *sql, gint64 fallback);

/* server-store-sqlite-scope.c: the scope keys of changes (server-store-private.h). */
gboolean  sqlite_tag            (ServerStore *store, const char *key, gint64 first, gint64 last, GError **error);
gboolean  sqlite_foreach_scoped (ServerStore *store, gint64 after, gint64 through, guint limit,
                                 const char *const *keys, ServerChangeFunc func, gpointer user_data,
                                 GError **error);
gboolean  sqlite_foreach_unit   (ServerStore *store, const char *batch_id, const char *product_id,
                                 const char *first, const char *last, ServerChangeFunc func,
                                 gpointer user_data, GError **error);
gint64    sqlite_backfill_through (ServerStore *store);
gboolean  sqlite_backfill_done  (ServerStore *store, GError **error);

G_END_DECLS
