/* server-store-sqlite-schema.c — the SQLite server schema's version and its
 * upgrades, so a database made by an older release opens in a newer one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-store-sqlite-schema.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

/* Step i brings a database from version i to i + 1 (PRAGMA user_version).
 * Append only: never edit a step a release has shipped. Tables the server
 * opens with CREATE TABLE IF NOT EXISTS need no step; a changed column does.
 *   0 → 1: 0.3.0 had no version; its changes, records and tokens tables are
 *          the current ones, so stamping is all.
 *   1 → 2: scoped pull (docs/api.md): each change's scope keys, one row per
 *          key, read as (key, seq) ranges; copy_of marks the copies of a
 *          unit's history made for a scope it enters; changes older than the step get
 *          their keys once, from the row in change_scope_backfill
 *          (server-store-scope.c).
 *   2 → 3: reports (check scans, finished inspections) numbered for the
 *          lookup mirror, taken from the records held; 双随机 draws and
 *          their tasks.
 *   3 → 4: scope rules 2 (docs/api.md "Scoped pull"): a unit's registration
 *          is keyed by its place alone, a region by its full code, a run of
 *          consecutive changes with one key by one row (seq to seq_last);
 *          the keys and copies of rules 1 go, and every change is keyed
 *          again. */
static const char *const upgrades[] = {
  "",
  "ALTER TABLE changes ADD COLUMN copy_of INTEGER;"
  "CREATE TABLE IF NOT EXISTS change_scope (key TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (key, seq)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS change_scope_backfill (through INTEGER NOT NULL);"
  "INSERT INTO change_scope_backfill SELECT COALESCE(max(seq), 0) FROM changes",
  "CREATE TABLE reports ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
  "  created_at TEXT NOT NULL, data TEXT NOT NULL, device TEXT, party TEXT);"
  "INSERT INTO reports (uuid, kind, created_at, data, device, party)"
  "  SELECT r.uuid, r.kind, r.created_at, r.data, r.device, t.party FROM records r"
  "  LEFT JOIN tokens t ON t.name = r.device WHERE r.kind IN ('scan', 'inspection')"
  "  ORDER BY r.received_at, r.rowid;"
  "CREATE TABLE draws ("
  "  id TEXT PRIMARY KEY, region TEXT NOT NULL, size INTEGER NOT NULL, seed TEXT NOT NULL,"
  "  created_at TEXT NOT NULL, created_by TEXT NOT NULL);"
  "CREATE TABLE draw_tasks ("
  "  draw_id TEXT NOT NULL REFERENCES draws (id), party_id TEXT NOT NULL, party_name TEXT,"
  "  credit_class TEXT, inspector TEXT NOT NULL, PRIMARY KEY (draw_id, party_id));",
  "DELETE FROM changes WHERE copy_of IS NOT NULL;"
  "DELETE FROM change_scope;"
  "ALTER TABLE change_scope ADD COLUMN seq_last INTEGER;"
  "DELETE FROM change_scope_backfill;"
  "INSERT INTO change_scope_backfill SELECT COALESCE(max(seq), 0) FROM changes",
};

int
server_store_sqlite_schema_version (void)
{
  return (int) G_N_ELEMENTS (upgrades);
}

static int
read_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
server_store_sqlite_upgrade (sqlite3    *db,
                             const char *path,
                             GError    **error)
{
  int version = read_version (db);
  int latest = server_store_sqlite_schema_version ();

  if (version < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  if (version > latest)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s has schema version %d, newer than this suyuan-server knows (%d): upgrade the server, "
                     "or restore a backup made before the upgrade"), path, version, latest);
      return FALSE;
    }
  for (int step = version; step < latest; step++)
    {
      /* Each step and its new number in one transaction: a crash leaves the old version. */
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s; PRAGMA user_version = %d; COMMIT;",
                                              upgrades[step], step + 1);

      if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("upgrading %s to schema version %d: %s"),
                       path, step + 1, sqlite3_errmsg (db));
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (step > 0 || version > 0)
        g_message ("upgraded %s to schema version %d", path, step + 1);
    }
  return TRUE;
}
