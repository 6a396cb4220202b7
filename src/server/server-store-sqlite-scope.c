/* server-store-sqlite-scope.c — the SQLite backend's scope keys: writing
 * them beside each change, and the scoped pull's (key, seq) range reads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-sqlite-private.h"
#include "server-scope-runs.h"

#include <gio/gio.h>

gboolean
sqlite_tag (ServerStore *store, const char *key, gint64 first, gint64 last, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);

  if (self->tag == NULL
      && (self->tag = ssql_prepare (self, "INSERT OR IGNORE INTO change_scope (key, seq, seq_last)"
                                          " VALUES (?1, ?2, ?3)", error)) == NULL)
    return FALSE;
  sqlite3_reset (self->tag);
  sqlite3_bind_text (self->tag, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->tag, 2, first);
  if (last > first)
    sqlite3_bind_int64 (self->tag, 3, last);
  else
    sqlite3_bind_null (self->tag, 3);
  if (sqlite3_step (self->tag) != SQLITE_DONE)
    return ssql_error (self, error);
  sqlite3_clear_bindings (self->tag);
  return TRUE;
}

/* @key's run that holds @after, then its first @limit runs after it (up
 * to @through), into @runs. */
static gboolean
key_runs (SqliteStore *self, const char *key, gint64 after, gint64 through, guint limit, ServerScopeRuns *runs,
          GError **error)
{
  int rc;

  if (self->scoped == NULL
      && (self->scoped = ssql_prepare (self, "SELECT * FROM (SELECT seq, COALESCE (seq_last, seq) FROM change_scope"
                                             " WHERE key = ?1 AND seq <= ?2 ORDER BY seq DESC LIMIT 1)"
                                             " UNION ALL SELECT * FROM (SELECT seq, COALESCE (seq_last, seq)"
                                             " FROM change_scope WHERE key = ?1 AND seq > ?2 AND seq <= ?3"
                                             " ORDER BY seq LIMIT ?4)", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (self->scoped, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->scoped, 2, after);
  sqlite3_bind_int64 (self->scoped, 3, through);
  sqlite3_bind_int64 (self->scoped, 4, limit);
  while ((rc = sqlite3_step (self->scoped)) == SQLITE_ROW)
    server_scope_runs_add (runs, sqlite3_column_int64 (self->scoped, 0), sqlite3_column_int64 (self->scoped, 1));
  sqlite3_reset (self->scoped);
  sqlite3_clear_bindings (self->scoped);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

/* Per key its runs after @after from its (key, seq) range, merged into
 * the page's numbers (server-scope-runs.c), then those changes by seq:
 * SQLite never walks the feed itself. */
gboolean
sqlite_foreach_scoped (ServerStore *store, gint64 after, gint64 through, guint limit, const char *const *keys,
                       ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  g_autoptr(ServerScopeRuns) runs = server_scope_runs_new (after, through, limit);
  g_autofree char *list = NULL;
  GArray *seqs;
  int rc;

  for (const char *const *k = keys; *k; k++)
    if (!key_runs (self, *k, after, through, limit, runs, error))
      return FALSE;
  seqs = server_scope_runs_seqs (runs);
  if (seqs->len == 0)
    return TRUE;
  if (self->by_seq == NULL
      && (self->by_seq = ssql_prepare (self, "SELECT c.seq, c.type, c.data FROM json_each (?1) AS j"
                                             " CROSS JOIN changes AS c ON c.seq = j.value ORDER BY c.seq", error)) == NULL)
    return FALSE;
  list = server_scope_seq_list (seqs, '[', ']');
  sqlite3_bind_text (self->by_seq, 1, list, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (self->by_seq)) == SQLITE_ROW)
    func (sqlite3_column_int64 (self->by_seq, 0), (const char *) sqlite3_column_text (self->by_seq, 1),
          (const char *) sqlite3_column_text (self->by_seq, 2),
          (gsize) sqlite3_column_bytes (self->by_seq, 2), user_data);
  sqlite3_reset (self->by_seq);
  sqlite3_clear_bindings (self->by_seq);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

/* Unit registrations, not copies, in seq order: all of @batch_id (the
 * changes_unit_batch index), or @product_id's from @first to @last of
 * @batch_id (changes_unit; @batch_id NULL: any batch). */
gboolean
sqlite_foreach_unit (ServerStore *store, const char *batch_id, const char *product_id, const char *first,
                     const char *last, ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt **cached = product_id == NULL ? &self->units_of_batch : &self->units_in_range;
  sqlite3_stmt *stmt;
  int rc;

  if (*cached == NULL)
    *cached = product_id == NULL
              ? ssql_prepare (self, "SELECT seq, type, data FROM changes WHERE type = 'unit' AND json_valid(data)"
                                    " AND json_extract(data, '$.batch_id') = ?1 AND copy_of IS NULL ORDER BY seq", error)
              : ssql_prepare (self, "SELECT seq, type, data FROM changes WHERE type = 'unit' AND json_valid(data)"
                                    " AND json_extract(data, '$.product_id') = ?2"
                                    " AND json_extract(data, '$.serial') BETWEEN ?3 AND ?4"
                                    " AND length(json_extract(data, '$.serial')) = length(?3)"
                                    " AND (?1 IS NULL OR json_extract(data, '$.batch_id') = ?1)"
                                    " AND copy_of IS NULL ORDER BY seq", error);
  if ((stmt = *cached) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  if (product_id != NULL)
    {
      sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, last, -1, SQLITE_STATIC);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2), user_data);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

gint64
sqlite_backfill_through (ServerStore *store)
{
  return ssql_query_int (SQLITE_STORE (store), "SELECT COALESCE(max(through), -1) FROM change_scope_backfill", -1);
}

gboolean
sqlite_backfill_done (ServerStore *store, GError **error)
{
  return ssql_exec (SQLITE_STORE (store), "DELETE FROM change_scope_backfill", error);
}

