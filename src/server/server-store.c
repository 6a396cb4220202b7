/* server-store.c — SQLite storage of the change feed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

struct _ServerStore {
  sqlite3 *db;
};

/* Document lists in the order a terminal must apply them. */
static const struct { const char *plural; const char *type; } entity_lists[] = {
  { "parties", "party" }, { "products", "product" }, { "batches", "batch" },
  { "units", "unit" }, { "events", "event" }, { "alerts", "alert" },
};

static gboolean
sql_error (ServerStore *store,
           GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s", sqlite3_errmsg (store->db));
  return FALSE;
}

ServerStore *
server_store_open (const char *path,
                   GError    **error)
{
  g_autoptr(ServerStore) store = g_new0 (ServerStore, 1);

  if (sqlite3_open (path, &store->db) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  if (sqlite3_exec (store->db,
                    "PRAGMA journal_mode = WAL;"
                    "CREATE TABLE IF NOT EXISTS changes ("
                    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    "  type TEXT NOT NULL, data TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS records ("
                    "  uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL,"
                    "  data TEXT NOT NULL, device TEXT, received_at TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS tokens ("
                    "  name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL,"
                    "  region TEXT, party TEXT, created_at TEXT NOT NULL, revoked_at TEXT);",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

sqlite3 *
server_store_get_db (ServerStore *store)
{
  return store->db;
}

void
server_store_close (ServerStore *store)
{
  if (store == NULL)
    return;
  sqlite3_close_v2 (store->db);
  g_free (store);
}

gint64
server_store_last_seq (ServerStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 seq = 0;

  if (sqlite3_prepare_v2 (store->db, "SELECT COALESCE(MAX(seq), 0) FROM changes", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return seq;
}

static gboolean
append_list (ServerStore  *store,
             sqlite3_stmt *insert,
             JsonArray    *list,
             const char   *type,
             guint        *n,
             GError      **error)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("An entry of “%s” is not an object"), type);
          return FALSE;
        }
      text = json_to_string (item, FALSE);
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert) != SQLITE_DONE)
        return sql_error (store, error);
      (*n)++;
    }
  return TRUE;
}

gboolean
server_store_import (ServerStore *store,
                     JsonNode    *document,
                     guint       *n_changes,
                     GError     **error)
{
  sqlite3_stmt *insert = NULL;
  JsonObject *root;
  gboolean ok = TRUE;
  guint n = 0;

  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The document is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (document);
  if (sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (store->db, "INSERT INTO changes (type, data) VALUES (?1, ?2)", -1, &insert, NULL) != SQLITE_OK)
    ok = sql_error (store, error);
  for (gsize k = 0; ok && k < G_N_ELEMENTS (entity_lists); k++)
    {
      JsonNode *list = json_object_get_member (root, entity_lists[k].plural);

      if (list == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not an array"), entity_lists[k].plural);
          ok = FALSE;
          break;
        }
      ok = append_list (store, insert, json_node_get_array (list), entity_lists[k].type, &n, error);
    }
  sqlite3_finalize (insert);
  if (ok && sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    ok = sql_error (store, error);
  if (!ok)
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  else if (n_changes)
    *n_changes = n;
  return ok;
}

gboolean
server_store_changes (ServerStore *store,
                      gint64       after,
                      guint        limit,
                      GString     *out,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 last = after;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT seq, type, data FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (store, error);
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);  /* one more tells whether more follow */

  /* data was written by json_to_string and type is one of ours: both are
   * valid JSON as stored, so the page is assembled as text. */
  g_string_append (out, "{\"changes\":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n < limit)
    {
      last = sqlite3_column_int64 (stmt, 0);
      g_string_append_printf (out, "%s{\"seq\":%" G_GINT64_FORMAT ",\"type\":\"%s\",\"data\":",
                              n ? "," : "", last, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append_len (out, (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_bytes (stmt, 2));
      g_string_append_c (out, '}');
      n++;
    }
  g_string_append_printf (out, "],\"last_seq\":%" G_GINT64_FORMAT ",\"more\":%s}", last,
                          rc == SQLITE_ROW ? "true" : "false");
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
server_store_add_records (ServerStore      *store,
                          GPtrArray        *records,
                          const char       *device,
                          ServerRecordHook  hook,
                          gpointer          hook_data,
                          GError          **error)
{
  sqlite3_stmt *insert = NULL;
  gboolean ok = TRUE;

  if (sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (store->db,
                             "INSERT INTO records (uuid, kind, created_at, data, device, received_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
                             " ON CONFLICT (uuid) DO NOTHING", -1, &insert, NULL) != SQLITE_OK)
    ok = sql_error (store, error);
  for (guint i = 0; ok && i < records->len; i++)
    {
      ServerRecord *r = records->pdata[i];

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, r->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, r->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, r->created_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, r->data, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, device, -1, SQLITE_STATIC);
      sqlite3_exec (store->db, "SAVEPOINT record", NULL, NULL, NULL);
      if (sqlite3_step (insert) != SQLITE_DONE)
        ok = sql_error (store, error);
      else if (hook && sqlite3_changes (store->db) == 1)
        {
          g_autoptr(GError) local = NULL;

          if (!hook (store, r, hook_data, &local))
            {
              if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  ok = FALSE;
                  break;
                }
              sqlite3_exec (store->db, "ROLLBACK TO record", NULL, NULL, NULL);
              r->refusal = g_strdup (local->message);
            }
        }
      sqlite3_exec (store->db, "RELEASE record", NULL, NULL, NULL);
    }
  sqlite3_finalize (insert);
  if (ok && sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    ok = sql_error (store, error);
  if (!ok)
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

gint64
server_store_count_records (ServerStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (store->db, "SELECT count(*) FROM records", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

char *
server_store_product_owner (ServerStore *store,
                            const char  *product_id,
                            const char  *gtin)
{
  sqlite3_stmt *stmt = NULL;
  char *owner = NULL;

  if (product_id == NULL && gtin == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT json_extract(data, '$.producer_id') FROM changes WHERE type = 'product'"
                          " AND (json_extract(data, '$.id') = ?1 OR (?1 IS NULL AND json_extract(data, '$.gtin') = ?2))"
                          " ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, gtin, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
        owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return owner;
}

gboolean
server_store_append (ServerStore *store,
                     const char  *type,
                     JsonObject  *object,
                     GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "INSERT INTO changes (type, data) VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (store, error);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : sql_error (store, error);
}

gboolean
server_store_transaction (ServerStore *store,
                          gboolean   (*func) (ServerStore *, gpointer, GError **),
                          gpointer     user_data,
                          GError     **error)
{
  if (sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (store, error);
  if (func (store, user_data, error) && sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  if (error && *error == NULL)
    sql_error (store, error);
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

char *
server_store_entity_member (ServerStore *store,
                            const char  *type,
                            const char  *key,
                            const char  *value,
                            const char  *member)
{
  g_autofree char *key_path = g_strconcat ("$.", key, NULL);
  g_autofree char *member_path = member ? g_strconcat ("$.", member, NULL) : g_strdup ("$");
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (value == NULL)
    return NULL;
  /* Newest first: a later change of the same id replaces the earlier one. */
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT json_extract(data, ?4) FROM changes WHERE type = ?1"
                          " AND json_extract(data, ?2) = ?3 ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, key_path, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, member_path, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return result;
}
