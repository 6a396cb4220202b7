/* server-store-sqlite.c — the embedded backend: one SQLite file (WAL).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-sqlite-private.h"
#include "server-store-sqlite-schema.h"
#include "server-store-epcis-schema.h"
#include "server-store-jobs-schema.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include "store.h"

#define NOW_UTC "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

gboolean
ssql_error (SqliteStore *self,
           GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
ssql_prepare (SqliteStore *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    ssql_error (self, error);
  return stmt;
}

gboolean
ssql_exec (SqliteStore *self,
      const char  *sql,
      GError     **error)
{
  return sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK || ssql_error (self, error);
}

static void
sqlite_close (ServerStore *store)
{
  SqliteStore *self = SQLITE_STORE (store);

  sqlite3_finalize (self->append);
  sqlite3_finalize (self->tag);
  sqlite3_finalize (self->scoped);
  sqlite3_finalize (self->by_seq);
  sqlite3_finalize (self->units_of_batch);
  sqlite3_finalize (self->units_in_range);
  sqlite3_close_v2 (self->db);
  g_free (self);
}

/* IMMEDIATE: the write lock is taken at once, so seq order is commit order. */
static gboolean
sqlite_begin (ServerStore *store, GError **error)
{
  return ssql_exec (SQLITE_STORE (store), "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (ServerStore *store, GError **error)
{
  return ssql_exec (SQLITE_STORE (store), "COMMIT", error);
}

static void
sqlite_rollback (ServerStore *store)
{
  sqlite3_exec (SQLITE_STORE (store)->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
sqlite_savepoint (ServerStore *store, ServerSavepoint op, GError **error)
{
  static const char *const sql[] = { "SAVEPOINT record", "RELEASE record", "ROLLBACK TO record" };

  return ssql_exec (SQLITE_STORE (store), sql[op], error);
}

static gint64
sqlite_append (ServerStore *store, const char *type, const char *json, gint64 copy_of, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);

  if (self->append == NULL
      && (self->append = ssql_prepare (self, "INSERT INTO changes (type, data, copy_of) VALUES (?1, ?2, ?3)", error)) == NULL)
    return 0;
  sqlite3_reset (self->append);
  sqlite3_bind_text (self->append, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->append, 2, json, -1, SQLITE_STATIC);
  if (copy_of > 0)
    sqlite3_bind_int64 (self->append, 3, copy_of);
  if (sqlite3_step (self->append) != SQLITE_DONE)
    return ssql_error (self, error), 0;
  sqlite3_clear_bindings (self->append);
  return sqlite3_last_insert_rowid (self->db);
}

static int
sqlite_insert_record (ServerStore *store, const ServerRecord *r, const char *device, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = ssql_prepare (self, "INSERT INTO records (uuid, kind, created_at, data, device, received_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, " NOW_UTC ") ON CONFLICT (uuid) DO NOTHING", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, r->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->data, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, device, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ssql_error (self, error), -1;
  return sqlite3_changes (self->db) == 1 ? 1 : 0;
}

/* The first column of a one-row query as an integer, or @fallback. */
gint64
ssql_query_int (SqliteStore *self, const char *sql, gint64 fallback)
{
  sqlite3_stmt *stmt = ssql_prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
sqlite_last_seq (ServerStore *store)
{
  return ssql_query_int (SQLITE_STORE (store), "SELECT COALESCE(MAX(seq), 0) FROM changes", 0);
}

static gint64
sqlite_count_records (ServerStore *store)
{
  return ssql_query_int (SQLITE_STORE (store), "SELECT count(*) FROM records", -1);
}

static gboolean
sqlite_foreach_change (ServerStore *store, gint64 after, guint limit,
                       ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = ssql_prepare (self, "SELECT seq, type, data FROM changes WHERE seq > ?1 AND copy_of IS NULL"
                                      " ORDER BY seq LIMIT ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2), user_data);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

/* The first column of the first row as text (NULL stays NULL). */
static char *
step_text (sqlite3_stmt *stmt)
{
  char *text = NULL;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Our own names only: they are written into the SQL, so the expression
 * matches an index (a bound JSON path never does). */
static gboolean
is_name (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_islower (*text) && *text != '_')
      return FALSE;
  return TRUE;
}

static char *
sqlite_entity_member (ServerStore *store, const char *type, const char *key,
                      const char *value, const char *member)
{
  g_autofree char *member_path = member ? g_strconcat ("$.", member, NULL) : g_strdup ("$");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (is_name (type) && is_name (key), NULL);
  /* Newest first: a later change of the same id replaces the earlier one. */
  sql = g_strdup_printf ("SELECT json_extract(data, ?2) FROM changes WHERE type = '%s' AND json_valid(data)"
                         " AND json_extract(data, '$.%s') = ?1 ORDER BY seq DESC LIMIT 1", type, key);
  if ((stmt = ssql_prepare (SQLITE_STORE (store), sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, member_path, -1, SQLITE_STATIC);
  return step_text (stmt);
}

static char *
sqlite_batch_for_lot (ServerStore *store, const char *product_id, const char *lot)
{
  sqlite3_stmt *stmt = ssql_prepare (SQLITE_STORE (store),
                                "SELECT json_extract(data, '$.id') FROM changes WHERE type = 'batch' AND json_valid(data)"
                                " AND json_extract(data, '$.product_id') = ?1 AND json_extract(data, '$.lot') = ?2"
                                " ORDER BY seq DESC LIMIT 1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lot, -1, SQLITE_STATIC);
  return step_text (stmt);
}

static gboolean
sqlite_unit_in_range (ServerStore *store, const char *product_id, const char *first, const char *last)
{
  sqlite3_stmt *stmt = ssql_prepare (SQLITE_STORE (store),
                                "SELECT 1 FROM changes WHERE type = 'unit' AND json_valid(data)"
                                " AND json_extract(data, '$.product_id') = ?1"
                                " AND json_extract(data, '$.serial') BETWEEN ?2 AND ?3"
                                " AND length(json_extract(data, '$.serial')) = length(?2) LIMIT 1", NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;   /* cannot tell: refuse rather than reset a unit */
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static int
sqlite_token_insert (ServerStore *store, const char *name, const char *hash, const char *role,
                     const char *region, const char *party, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = ssql_prepare (self, "INSERT INTO tokens (name, hash, role, region, party, created_at)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, " NOW_UTC ")", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, region, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, party, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT)
    return 0;
  return rc == SQLITE_DONE ? 1 : (ssql_error (self, error), -1);
}

static int
sqlite_token_revoke (ServerStore *store, const char *name, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = ssql_prepare (self, "UPDATE tokens SET revoked_at = " NOW_UTC
                                      " WHERE name = ?1 AND revoked_at IS NULL", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ssql_error (self, error), -1;
  return sqlite3_changes (self->db) > 0 ? 1 : 0;
}

static gboolean
sqlite_token_foreach (ServerStore *store, void (*func) (const char *const *, gpointer),
                      gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt = ssql_prepare (SQLITE_STORE (store), "SELECT name, role, region, party, created_at, revoked_at"
                                                      " FROM tokens ORDER BY name", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *columns[6];

      for (int i = 0; i < 6; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, i);
      func (columns, user_data);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static char **
sqlite_token_lookup (ServerStore *store, const char *hash)
{
  sqlite3_stmt *stmt = ssql_prepare (SQLITE_STORE (store), "SELECT name, role, region, party FROM tokens"
                                                      " WHERE hash = ?1 AND revoked_at IS NULL", NULL);
  char **row = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row = g_new0 (char *, 5);
      for (int i = 0; i < 4; i++)
        row[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
    }
  sqlite3_finalize (stmt);
  return row;
}

static gint64
sqlite_run (ServerStore *store, const char *sql, guint n_params, const char *const *params,
            ServerRowFunc row, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = ssql_prepare (self, sql, error);
  gint64 n = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  /* $1 … $n are named parameters to SQLite: bound by name, not position. */
  for (guint i = 0; i < n_params; i++)
    {
      char name[16];
      int index;

      g_snprintf (name, sizeof name, "$%u", i + 1);
      if ((index = sqlite3_bind_parameter_index (stmt, name)) > 0)
        sqlite3_bind_text (stmt, index, params[i], -1, SQLITE_STATIC);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n_columns = sqlite3_column_count (stmt);
      const char *columns[32] = { NULL };

      g_assert (n_columns <= 32);
      for (int i = 0; i < n_columns; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, i);
      if (row != NULL)
        row (columns, (guint) n_columns, user_data);
      n++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ssql_error (self, error), -1;
  return n > 0 ? n : sqlite3_changes (self->db);
}

static const ServerStoreBackend sqlite_backend = {
  sqlite_close, sqlite_begin, sqlite_commit, sqlite_rollback, sqlite_savepoint,
  sqlite_append, sqlite_tag, sqlite_foreach_scoped, sqlite_foreach_unit,
  sqlite_backfill_through, sqlite_backfill_done,
  sqlite_insert_record, sqlite_last_seq, sqlite_foreach_change,
  sqlite_entity_member, sqlite_count_records,
  sqlite_batch_for_lot, sqlite_unit_in_range,
  sqlite_token_insert, sqlite_token_revoke, sqlite_token_foreach, sqlite_token_lookup,
  sqlite_run,
};

ServerStore *
server_store_sqlite_open (const char *path,
                          GError    **error)
{
  SqliteStore *self = g_new0 (SqliteStore, 1);

  self->parent.backend = &sqlite_backend;
  /* Token hashes and every record uploaded: for the server's account only. */
  if (!suyuan_store_make_private (path, error))
    {
      g_free (self);
      return NULL;
    }
  if (sqlite3_open (path, &self->db) != SQLITE_OK)
    goto fail;
  sqlite3_busy_timeout (self->db, 5000);
  if (sqlite3_exec (self->db,
                    "PRAGMA journal_mode = WAL;"
                    "CREATE TABLE IF NOT EXISTS changes ("
                    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    "  type TEXT NOT NULL, data TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS records ("
                    "  uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL,"
                    "  data TEXT NOT NULL, device TEXT, received_at TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS tokens ("
                    "  name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL,"
                    "  region TEXT, party TEXT, created_at TEXT NOT NULL, revoked_at TEXT);"
                    /* The console (server-store-console.c): sessions by a hash of their
                     * cookie, who did what, and how far each token has pulled the feed. */
                    "CREATE TABLE IF NOT EXISTS console_sessions ("
                    "  id_hash TEXT PRIMARY KEY, token_name TEXT NOT NULL, csrf TEXT NOT NULL,"
                    "  created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS console_audit ("
                    "  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL,"
                    "  action TEXT NOT NULL, detail TEXT);"
                    "CREATE TABLE IF NOT EXISTS token_pulls ("
                    "  token_name TEXT PRIMARY KEY, last_seq INTEGER NOT NULL, pulled_at TEXT NOT NULL);"
                    /* The console's list of notices, newest first, without a scan. */
                    "CREATE INDEX IF NOT EXISTS changes_type_seq ON changes (type, seq);"
                    SERVER_STORE_JOBS_SCHEMA ("INTEGER PRIMARY KEY AUTOINCREMENT", "IF NOT EXISTS ")
                    /* Every check a record makes is a point lookup, however long the feed.
                     * json_valid: a feed an older server let inf into must still open. */
                    "CREATE INDEX IF NOT EXISTS changes_entity_id ON changes (type, json_extract(data, '$.id'), seq)"
                    "  WHERE json_valid(data);"
                    "CREATE INDEX IF NOT EXISTS changes_product_gtin ON changes (json_extract(data, '$.gtin'), seq)"
                    "  WHERE type = 'product' AND json_valid(data);"
                    "CREATE INDEX IF NOT EXISTS changes_product_key ON changes (json_extract(data, '$.product_key'), seq)"
                    "  WHERE type = 'product' AND json_valid(data);"
                    "CREATE INDEX IF NOT EXISTS changes_product_drug ON changes (json_extract(data, '$.drug_id'), seq)"
                    "  WHERE type = 'product' AND json_valid(data);"
                    "CREATE INDEX IF NOT EXISTS changes_batch_lot ON changes"
                    "  (json_extract(data, '$.product_id'), json_extract(data, '$.lot'), seq)"
                    "  WHERE type = 'batch' AND json_valid(data);"
                    "CREATE INDEX IF NOT EXISTS changes_unit ON changes"
                    "  (json_extract(data, '$.product_id'), json_extract(data, '$.serial'))"
                    "  WHERE type = 'unit' AND json_valid(data);"
                    /* A batch's units, the history a batch brings to a scope. */
                    "CREATE INDEX IF NOT EXISTS changes_unit_batch ON changes (json_extract(data, '$.batch_id'), seq)"
                    "  WHERE type = 'unit' AND json_valid(data);"
                    /* The regions changes are tagged with, that an inspector's prefix expands to. */
                    "CREATE TABLE IF NOT EXISTS scope_regions (region TEXT PRIMARY KEY);"
                    SERVER_STORE_EPCIS_SCHEMA ("INTEGER PRIMARY KEY AUTOINCREMENT", "IF NOT EXISTS ")
                    SERVER_STORE_EPCIS_OWN_SCHEMA ("IF NOT EXISTS "),
                    NULL, NULL, NULL) != SQLITE_OK)
    goto fail;
  if (!server_store_sqlite_upgrade (self->db, path, error))
    {
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;

fail:
  ssql_error (self, error);
  sqlite_close (&self->parent);
  return NULL;
}
