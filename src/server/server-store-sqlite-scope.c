/* server-store-sqlite-scope.c — the SQLite backend's scope keys: writing
 * them beside each change, and the scoped pull's (key, seq) range reads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-sqlite-private.h"

#include <gio/gio.h>

gboolean
sqlite_tag (ServerStore *store, gint64 seq, const char *const *keys, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);

  if (self->tag == NULL
      && (self->tag = ssql_prepare (self, "INSERT OR IGNORE INTO change_scope (key, seq) VALUES (?1, ?2)", error)) == NULL)
    return FALSE;
  for (; keys && *keys; keys++)
    {
      sqlite3_reset (self->tag);
      sqlite3_bind_text (self->tag, 1, *keys, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->tag, 2, seq);
      if (sqlite3_step (self->tag) != SQLITE_DONE)
        return ssql_error (self, error);
      sqlite3_clear_bindings (self->tag);
    }
  return TRUE;
}

/* Per key the first @limit seqs after @after from its (key, seq) range, the
 * union cut to @limit, then the changes: CROSS JOIN keeps that order, so
 * SQLite never walks the feed itself. */
gboolean
sqlite_foreach_scoped (ServerStore *store, gint64 after, guint limit, const char *const *keys,
                       ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  guint n = keys ? g_strv_length ((char **) keys) : 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (n >= 1 && n <= SERVER_SCOPE_MAX_KEYS, FALSE);
  if (self->scoped[n - 1] == NULL)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT c.seq, c.type, c.data FROM (");

      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, "%sSELECT seq FROM (SELECT seq FROM change_scope WHERE key = ?%u AND seq > ?1"
                                     " ORDER BY seq LIMIT ?2)", i ? " UNION " : "", i + 3);
      g_string_append (sql, " ORDER BY seq LIMIT ?2) AS s CROSS JOIN changes AS c ON c.seq = s.seq ORDER BY s.seq");
      if ((self->scoped[n - 1] = ssql_prepare (self, sql->str, error)) == NULL)
        return FALSE;
    }
  stmt = self->scoped[n - 1];
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, (int) i + 3, keys[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2), user_data);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

int
sqlite_tagged_both (ServerStore *store, const char *anchor, const char *key, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  if (self->both == NULL
      && (self->both = ssql_prepare (self, "SELECT 1 FROM change_scope AS a CROSS JOIN change_scope AS b"
                                           " ON b.key = ?2 AND b.seq = a.seq WHERE a.key = ?1"
                                           " ORDER BY a.seq DESC LIMIT 1", error)) == NULL)
    return -1;
  stmt = self->both;
  sqlite3_bind_text (stmt, 1, anchor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ssql_error (self, error), -1;
  return rc == SQLITE_ROW ? 1 : 0;
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

