/* outbox.c — see outbox.h. A row leaves the outbox (gets sent_at) only when the
 * server has acknowledged its UUID, so nothing recorded is lost; the server keeps
 * each UUID once, so resending after a crash duplicates nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "outbox.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
insert_record (SuyuanStore *store,
               const char  *uuid,
               const char  *kind,
               const char  *created_at,
               const char  *data,
               const char  *body,
               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = suyuan_store_prepare (store, "INSERT INTO records (uuid, kind, created_at, data) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, data, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);

  stmt = suyuan_store_prepare (store, "INSERT INTO outbox (uuid, kind, body, created_at) VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, created_at, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

/* The record as the server takes it: {"uuid","kind","created_at","data"}. */
static char *
record_body (const char *uuid,
             const char *kind,
             const char *created_at,
             JsonNode   *data_node)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) record = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, uuid);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, created_at);
  json_builder_set_member_name (b, "data");
  json_builder_add_value (b, json_node_copy (data_node));
  json_builder_end_object (b);
  record = json_builder_get_root (b);
  return json_to_string (record, FALSE);
}

static gboolean
enqueue (SuyuanStore *store,
         const char  *uuid,
         const char  *kind,
         const char  *created_at,
         const char  *data_text,
         JsonNode    *data_node,
         GError     **error)
{
  g_autofree char *body = record_body (uuid, kind, created_at, data_node);
  gboolean own_transaction = sqlite3_get_autocommit (suyuan_store_get_db (store));

  if (own_transaction && !suyuan_store_begin (store, error))
    return FALSE;
  if (!insert_record (store, uuid, kind, created_at, data_text, body, error)
      || (own_transaction && !suyuan_store_commit (store, error)))
    {
      if (own_transaction)
        suyuan_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

char *
suyuan_outbox_enqueue (SuyuanStore *store,
                       const char  *kind,
                       JsonObject  *data,
                       GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *created_at = now_iso8601 ();
  g_autoptr(JsonNode) data_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *data_text = NULL;

  g_return_val_if_fail (store != NULL && kind != NULL && data != NULL, NULL);

  json_node_set_object (data_node, data);
  data_text = json_to_string (data_node, FALSE);
  if (!enqueue (store, uuid, kind, created_at, data_text, data_node, error))
    return NULL;
  return g_steal_pointer (&uuid);
}

gboolean
suyuan_outbox_enqueue_text (SuyuanStore *store,
                            const char  *uuid,
                            const char  *kind,
                            const char  *created_at,
                            const char  *data,
                            GError     **error)
{
  g_autoptr(JsonNode) data_node = NULL;

  g_return_val_if_fail (store != NULL && uuid != NULL && kind != NULL && created_at != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  data_node = json_from_string (data, error);
  if (data_node == NULL)
    return FALSE;
  return enqueue (store, uuid, kind, created_at, data, data_node, error);
}

gint64
suyuan_outbox_count_pending (SuyuanStore *store)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "SELECT count(*) FROM outbox WHERE sent_at IS NULL", NULL);
  gint64 n;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
suyuan_outbox_item_free (SuyuanOutboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->uuid);
  g_free (item->body);
  g_free (item);
}

GPtrArray *
suyuan_outbox_next_batch (SuyuanStore *store,
                          gint64       after,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_outbox_item_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = suyuan_store_prepare (store, "SELECT rowid, uuid, body FROM outbox WHERE sent_at IS NULL AND rowid > ?1"
                                      " ORDER BY rowid LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanOutboxItem *item = g_new0 (SuyuanOutboxItem, 1);

      item->rowid = sqlite3_column_int64 (stmt, 0);
      item->uuid = suyuan_stmt_dup_text (stmt, 1);
      item->body = suyuan_stmt_dup_text (stmt, 2);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  if (items->len > 0)
    {
      gint64 last = ((SuyuanOutboxItem *) items->pdata[items->len - 1])->rowid;

      stmt = suyuan_store_prepare (store, "UPDATE outbox SET attempts = attempts + 1"
                                          " WHERE sent_at IS NULL AND rowid > ?1 AND rowid <= ?2", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, after);
      sqlite3_bind_int64 (stmt, 2, last);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (store, error);
          return NULL;
        }
    }
  return g_steal_pointer (&items);
}

gboolean
suyuan_outbox_mark_sent (SuyuanStore *store,
                         GHashTable  *acknowledged,
                         guint       *n_marked,
                         GError     **error)
{
  g_autofree char *now = now_iso8601 ();
  GHashTableIter iter;
  gpointer uuid;
  guint n = 0;

  if (!suyuan_store_begin (store, error))
    return FALSE;
  g_hash_table_iter_init (&iter, acknowledged);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    {
      sqlite3_stmt *stmt = suyuan_store_prepare (store, "UPDATE outbox SET sent_at = ?2 WHERE uuid = ?1 AND sent_at IS NULL", error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (store, error);
          goto failed;
        }
      n += (guint) sqlite3_changes (suyuan_store_get_db (store));
    }
  if (!suyuan_store_commit (store, error))
    goto failed;
  if (n_marked)
    *n_marked = n;
  return TRUE;

failed:
  suyuan_store_rollback (store);
  return FALSE;
}
