/* store-sync-state.c — when the store last heard from the server, and a
 * watch on what changes in it (the header's pending count, pages refreshing).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store-private.h"

#include <sqlite3.h>

gint64
suyuan_store_get_synced_at (SuyuanStore *store)
{
  sqlite3_stmt *stmt;
  gint64 at;

  g_return_val_if_fail (store != NULL, 0);
  stmt = suyuan_store_prepare (store, "SELECT value FROM sync_state WHERE key = 'synced-at'", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return 0;
    }
  at = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return MAX (at, 0);
}

gboolean
suyuan_store_set_synced_at (SuyuanStore *store,
                            gint64       unix_time,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, FALSE);
  stmt = suyuan_store_prepare (store,
      "INSERT INTO sync_state (key, value) VALUES ('synced-at', ?1)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unix_time);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  sqlite3_reset (stmt);
  return TRUE;
}

typedef struct {
  SuyuanStoreChanged func;
  gpointer user_data;
} Watch;

static void
on_update (void          *data,
           int            op,
           const char    *db_name,
           const char    *table,
           sqlite3_int64  rowid)
{
  Watch *watch = data;

  watch->func (table, watch->user_data);
}

void
suyuan_store_watch (SuyuanStore        *store,
                    SuyuanStoreChanged  func,
                    gpointer            user_data)
{
  Watch *watch = NULL;

  g_return_if_fail (store != NULL);
  if (func != NULL)
    {
      watch = g_new (Watch, 1);
      watch->func = func;
      watch->user_data = user_data;
    }
  /* SQLite keeps one update hook per connection, and only we set it: the
   * one it hands back is the previous Watch. */
  g_free (sqlite3_update_hook (suyuan_store_get_db (store), watch ? on_update : NULL, watch));
}

char *
suyuan_store_dup_pulled_scope (SuyuanStore *store)
{
  sqlite3_stmt *stmt;
  char *scope = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = suyuan_store_prepare (store, "SELECT value FROM sync_state WHERE key = 'pulled-scope'", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    scope = suyuan_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return scope;
}

gboolean
suyuan_store_set_pulled_scope (SuyuanStore *store,
                               const char  *scope,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && scope != NULL, FALSE);
  stmt = suyuan_store_prepare (store,
      "INSERT INTO sync_state (key, value) VALUES ('pulled-scope', ?1)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Units and events are what a scope selects (docs/api.md, "Scoped pull");
 * parties, products, batches and notices every scope has, and the next pull
 * from 0 brings them again anyway. The outbox and the terminal's own
 * records stay, and so do the events of records not yet sent, with their
 * units: the user still sees what they recorded. */
gboolean
suyuan_store_drop_scoped_data (SuyuanStore *store,
                               const char  *new_scope,
                               GError     **error)
{
  g_return_val_if_fail (store != NULL && new_scope != NULL, FALSE);

  if (!suyuan_store_begin (store, error))
    return FALSE;
  if (suyuan_store_exec (store,
        "DELETE FROM events WHERE id NOT IN (SELECT json_extract (body, '$.data.id') FROM outbox"
        "  WHERE sent_at IS NULL AND json_valid (body) AND json_extract (body, '$.data.id') IS NOT NULL);"
        "DELETE FROM units WHERE NOT EXISTS (SELECT 1 FROM events e"
        "  WHERE e.product_id = units.product_id AND e.serial = units.serial);", error)
      && suyuan_store_set_cursor (store, 0, error)
      && suyuan_store_set_pulled_scope (store, new_scope, error)
      && suyuan_store_commit (store, error))
    return TRUE;
  suyuan_store_rollback (store);
  return FALSE;
}

gint64
suyuan_store_count_units (SuyuanStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (store != NULL, -1);
  stmt = suyuan_store_prepare (store, "SELECT count(*) FROM units", NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}
