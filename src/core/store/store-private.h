/* store-private.h — the SQL side of the store: statements, errors, the
 * database handle. For src/core/store and the *-store.c files of the areas
 * above it (SQL stays in the store, docs/architecture.md); never for the
 * CLI, the server or the app, which call functions (tests/check-layering.py).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "store.h"

G_BEGIN_DECLS

/* How many items an event is about: one for a unit, the quantity a
 * batch-level event states in data.quantity (bounded), else one. */
#define SUYUAN_SQL_EVENT_QUANTITY(serial, data) \
  "CASE WHEN " serial " IS NOT NULL THEN 1" \
  " WHEN json_valid (" data ") AND json_extract (" data ", '$.quantity') > 0" \
  " THEN min (CAST (json_extract (" data ", '$.quantity') AS INTEGER), 1000000) ELSE 1 END"

sqlite3      *suyuan_store_get_db       (SuyuanStore  *store);
gboolean      suyuan_store_lookup_alerts (SuyuanStore  *store,
                                          SuyuanLookup *lookup,
                                          const char   *producer_id,
                                          GError      **error);
gboolean      suyuan_store_lookup_events (SuyuanStore  *store,
                                          SuyuanLookup *lookup,
                                          GError      **error);
gboolean      suyuan_store_exec         (SuyuanStore  *store,
                                         const char   *sql,
                                         GError      **error);
gboolean      suyuan_store_set_sql_error (SuyuanStore *store,
                                          GError     **error);
/* Steps a statement that returns no rows, then resets it; FALSE with the
 * store's error unless it ran to SQLITE_DONE. */
gboolean      suyuan_store_step_done    (SuyuanStore  *store,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
/* A cached prepared statement, reset and with bindings cleared; owned by the store. */
sqlite3_stmt *suyuan_store_prepare      (SuyuanStore  *store,
                                         const char   *sql,
                                         GError      **error);
/* The same for SQL text that lives as long as the store, found by its address:
 * hashing the text costs more than a short statement runs. */
sqlite3_stmt *suyuan_store_prepare_static (SuyuanStore *store,
                                           const char  *sql,
                                           GError     **error);
char         *suyuan_stmt_dup_text      (sqlite3_stmt *stmt,
                                         int           column);

G_END_DECLS
