/* server-store-sqlite.c — the embedded backend: one SQLite file (WAL).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-store-sqlite-schema.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include "store.h"

typedef struct {
  ServerStore parent;
  sqlite3 *db;
  sqlite3_stmt *append;   /* kept: imports append one change per entity */
  sqlite3_stmt *tag;      /* and tag it with a few scope keys */
} SqliteStore;

#define SQLITE_STORE(s) ((SqliteStore *) (s))
#define NOW_UTC "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static gboolean
sql_error (SqliteStore *self,
           GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s", sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (SqliteStore *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    sql_error (self, error);
  return stmt;
}

static gboolean
exec (SqliteStore *self,
      const char  *sql,
      GError     **error)
{
  return sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK || sql_error (self, error);
}

static void
sqlite_close (ServerStore *store)
{
  SqliteStore *self = SQLITE_STORE (store);

  sqlite3_finalize (self->append);
  sqlite3_finalize (self->tag);
  sqlite3_close_v2 (self->db);
  g_free (self);
}

/* IMMEDIATE: the write lock is taken at once, so seq order is commit order. */
static gboolean
sqlite_begin (ServerStore *store, GError **error)
{
  return exec (SQLITE_STORE (store), "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_commit (ServerStore *store, GError **error)
{
  return exec (SQLITE_STORE (store), "COMMIT", error);
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

  return exec (SQLITE_STORE (store), sql[op], error);
}

static gboolean
sqlite_tag (ServerStore *store, gint64 seq, const char *const *keys, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);

  if (self->tag == NULL
      && (self->tag = prepare (self, "INSERT OR IGNORE INTO change_scope (key, seq) VALUES (?1, ?2)", error)) == NULL)
    return FALSE;
  for (; keys && *keys; keys++)
    {
      sqlite3_reset (self->tag);
      sqlite3_bind_text (self->tag, 1, *keys, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->tag, 2, seq);
      if (sqlite3_step (self->tag) != SQLITE_DONE)
        return sql_error (self, error);
      sqlite3_clear_bindings (self->tag);
    }
  return TRUE;
}

static gboolean
sqlite_append (ServerStore *store, const char *type, const char *json, const char *const *keys,
               gint64 copy_of, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);

  if (self->append == NULL
      && (self->append = prepare (self, "INSERT INTO changes (type, data, copy_of) VALUES (?1, ?2, ?3)", error)) == NULL)
    return FALSE;
  sqlite3_reset (self->append);
  sqlite3_bind_text (self->append, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->append, 2, json, -1, SQLITE_STATIC);
  if (copy_of > 0)
    sqlite3_bind_int64 (self->append, 3, copy_of);
  if (sqlite3_step (self->append) != SQLITE_DONE)
    return sql_error (self, error);
  sqlite3_clear_bindings (self->append);
  return sqlite_tag (store, sqlite3_last_insert_rowid (self->db), keys, error);
}

static int
sqlite_insert_record (ServerStore *store, const ServerRecord *r, const char *device, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO records (uuid, kind, created_at, data, device, received_at)"
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
    return sql_error (self, error), -1;
  return sqlite3_changes (self->db) == 1 ? 1 : 0;
}

/* The first column of a one-row query as an integer, or @fallback. */
static gint64
query_int (SqliteStore *self, const char *sql, gint64 fallback)
{
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
sqlite_last_seq (ServerStore *store)
{
  return query_int (SQLITE_STORE (store), "SELECT COALESCE(MAX(seq), 0) FROM changes", 0);
}

static gint64
sqlite_count_records (ServerStore *store)
{
  return query_int (SQLITE_STORE (store), "SELECT count(*) FROM records", -1);
}

static gboolean
sqlite_foreach_change (ServerStore *store, gint64 after, guint limit,
                       ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = prepare (self, "SELECT seq, type, data FROM changes WHERE seq > ?1 AND copy_of IS NULL"
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
  return rc == SQLITE_DONE || sql_error (self, error);
}

/* Per key the first @limit seqs after @after from its (key, seq) range, the
 * union cut to @limit, then the changes: CROSS JOIN keeps that order, so
 * SQLite never walks the feed itself. */
static gboolean
sqlite_foreach_scoped (ServerStore *store, gint64 after, guint limit, const char *const *keys,
                       ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  g_autoptr(GString) sql = g_string_new ("SELECT c.seq, c.type, c.data FROM (");
  guint n = keys ? g_strv_length ((char **) keys) : 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (n >= 1 && n <= SERVER_SCOPE_MAX_KEYS, FALSE);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%sSELECT seq FROM (SELECT seq FROM change_scope WHERE key = ?%u AND seq > ?1"
                                 " ORDER BY seq LIMIT ?2)", i ? " UNION " : "", i + 3);
  g_string_append (sql, " ORDER BY seq LIMIT ?2) AS s CROSS JOIN changes AS c ON c.seq = s.seq ORDER BY s.seq");
  if ((stmt = prepare (self, sql->str, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, (int) i + 3, keys[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2), user_data);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_error (self, error);
}

static int
sqlite_tagged_both (ServerStore *store, const char *anchor, const char *key, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM change_scope AS a CROSS JOIN change_scope AS b"
                                      " ON b.key = ?2 AND b.seq = a.seq WHERE a.key = ?1 LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, anchor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sql_error (self, error), -1;
  return rc == SQLITE_ROW ? 1 : 0;
}

static gint64
sqlite_backfill_through (ServerStore *store)
{
  return query_int (SQLITE_STORE (store), "SELECT COALESCE(max(through), -1) FROM change_scope_backfill", -1);
}

static gboolean
sqlite_backfill_done (ServerStore *store, GError **error)
{
  return exec (SQLITE_STORE (store), "DELETE FROM change_scope_backfill", error);
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
  if ((stmt = prepare (SQLITE_STORE (store), sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, member_path, -1, SQLITE_STATIC);
  return step_text (stmt);
}

static char *
sqlite_batch_for_lot (ServerStore *store, const char *product_id, const char *lot)
{
  sqlite3_stmt *stmt = prepare (SQLITE_STORE (store),
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
  sqlite3_stmt *stmt = prepare (SQLITE_STORE (store),
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
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO tokens (name, hash, role, region, party, created_at)"
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
  return rc == SQLITE_DONE ? 1 : (sql_error (self, error), -1);
}

static int
sqlite_token_revoke (ServerStore *store, const char *name, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = prepare (self, "UPDATE tokens SET revoked_at = " NOW_UTC
                                      " WHERE name = ?1 AND revoked_at IS NULL", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self, error), -1;
  return sqlite3_changes (self->db) > 0 ? 1 : 0;
}

static gboolean
sqlite_token_foreach (ServerStore *store, void (*func) (const char *const *, gpointer),
                      gpointer user_data, GError **error)
{
  sqlite3_stmt *stmt = prepare (SQLITE_STORE (store), "SELECT name, role, region, party, created_at, revoked_at"
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
  sqlite3_stmt *stmt = prepare (SQLITE_STORE (store), "SELECT name, role, region, party FROM tokens"
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

static const ServerStoreBackend sqlite_backend = {
  sqlite_close, sqlite_begin, sqlite_commit, sqlite_rollback, sqlite_savepoint,
  sqlite_append, sqlite_tag, sqlite_foreach_scoped, sqlite_tagged_both,
  sqlite_backfill_through, sqlite_backfill_done,
  sqlite_insert_record, sqlite_last_seq, sqlite_foreach_change,
  sqlite_entity_member, sqlite_count_records,
  sqlite_batch_for_lot, sqlite_unit_in_range,
  sqlite_token_insert, sqlite_token_revoke, sqlite_token_foreach, sqlite_token_lookup,
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
                    "  WHERE type = 'unit' AND json_valid(data);",
                    NULL, NULL, NULL) != SQLITE_OK)
    goto fail;
  if (!server_store_sqlite_upgrade (self->db, path, error))
    {
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;

fail:
  sql_error (self, error);
  sqlite_close (&self->parent);
  return NULL;
}
