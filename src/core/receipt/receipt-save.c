/* receipt-save.c — an open receipt saved a scan at a time: the header in
 * receipts.data, each line in receipt_lines, each unit counted in
 * receipt_serials (schema 7). A scan writes its line and its unit in one
 * durable transaction, the same few hundred bytes however long the delivery;
 * finishing writes the whole record and drops the rows.
 *
 * What a save writes is copied into a ReceiptWrite on the caller's thread, so
 * a writer thread (store-writer.h) can commit it while the receipt changes.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-private.h"
#include "store-private.h"

typedef struct {
  SuyuanReceipt *receipt;       /* for the done callback only, never on the writer thread */
  char *uuid;
  char *shipment_key;
  char *supplier_id;
  char *shop_id;
  char *started_at;
  char *finished_at;
  char *header;                 /* receipts.data */
  GArray *line_index;           /* of guint */
  GPtrArray *line_text;         /* of char *, receipt_lines.data */
  GArray *serial_index;         /* of guint */
  GPtrArray *serials;           /* of char * */
  gboolean full;                /* every line and unit: makes good an earlier failure */
} ReceiptWrite;

static void
receipt_write_free (ReceiptWrite *w)
{
  g_free (w->uuid);
  g_free (w->shipment_key);
  g_free (w->supplier_id);
  g_free (w->shop_id);
  g_free (w->started_at);
  g_free (w->finished_at);
  g_free (w->header);
  g_array_unref (w->line_index);
  g_ptr_array_unref (w->line_text);
  g_array_unref (w->serial_index);
  g_ptr_array_unref (w->serials);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReceiptWrite, receipt_write_free)

static char *
to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
add_line (ReceiptWrite  *w,
          SuyuanReceipt *receipt,
          guint          index)
{
  g_autoptr(JsonObject) data = suyuan_receipt_line_to_json (receipt->lines->pdata[index], FALSE);

  g_array_append_val (w->line_index, index);
  g_ptr_array_add (w->line_text, to_text (data));
}

static void
add_serial (ReceiptWrite *w,
            guint         index,
            const char   *serial)
{
  g_array_append_val (w->serial_index, index);
  g_ptr_array_add (w->serials, g_strdup (serial));
}

/* While open, the header and the lines @index (G_MAXUINT: none) and those
 * not saved yet, with @serial; or everything (@full). Once finished, the
 * whole record in the header. */
static ReceiptWrite *
receipt_write_new (SuyuanReceipt *receipt,
                   gboolean       full,
                   guint          index,
                   const char    *serial)
{
  ReceiptWrite *w = g_new0 (ReceiptWrite, 1);
  g_autoptr(JsonObject) header = receipt->finished_at != NULL ? suyuan_receipt_to_json (receipt)
                                                              : suyuan_receipt_header_to_json (receipt);
  guint first_new = full ? 0 : MIN (receipt->n_saved_lines, receipt->lines->len);

  w->receipt = receipt;
  w->uuid = g_strdup (receipt->uuid);
  w->shipment_key = g_strdup (receipt->shipment_key);
  w->supplier_id = g_strdup (receipt->supplier_id);
  w->shop_id = g_strdup (receipt->shop_id);
  w->started_at = g_strdup (receipt->started_at);
  w->finished_at = g_strdup (receipt->finished_at);
  w->header = to_text (header);
  w->line_index = g_array_new (FALSE, FALSE, sizeof (guint));
  w->line_text = g_ptr_array_new_with_free_func (g_free);
  w->serial_index = g_array_new (FALSE, FALSE, sizeof (guint));
  w->serials = g_ptr_array_new_with_free_func (g_free);
  w->full = full;
  if (receipt->finished_at != NULL)
    return w;
  if (index < first_new)
    add_line (w, receipt, index);
  if (serial != NULL)
    add_serial (w, index, serial);
  for (guint i = first_new; i < receipt->lines->len; i++)
    {
      const SuyuanReceiptLine *line = receipt->lines->pdata[i];

      add_line (w, receipt, i);
      for (guint s = 0; full && s < line->serials->len; s++)
        add_serial (w, i, line->serials->pdata[s]);
    }
  return w;
}

static gboolean
step (SuyuanStore  *store,
      sqlite3_stmt *stmt,
      GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

static gboolean
write_header (SuyuanStore   *store,
              ReceiptWrite  *w,
              GError       **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
    "INSERT INTO receipts (uuid, shipment_key, supplier_id, shop_id, started_at, finished_at, data)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (uuid) DO UPDATE SET finished_at = excluded.finished_at, data = excluded.data", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, w->shipment_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, w->supplier_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, w->shop_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, w->started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, w->finished_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, w->header, -1, SQLITE_STATIC);
  return step (store, stmt, error);
}

static gboolean
drop_lines (SuyuanStore   *store,
            ReceiptWrite  *w,
            GError       **error)
{
  static const char *const sql[] = {
    "DELETE FROM receipt_serials WHERE receipt_uuid = ?1",
    "DELETE FROM receipt_lines WHERE receipt_uuid = ?1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = suyuan_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, w->uuid, -1, SQLITE_STATIC);
      if (!step (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Inside the caller's transaction; any thread with its own connection. */
static gboolean
write_rows (SuyuanStore  *store,
            gpointer      data,
            GError      **error)
{
  ReceiptWrite *w = data;
  sqlite3_stmt *stmt;

  if (!write_header (store, w, error))
    return FALSE;
  if (w->finished_at != NULL)
    return drop_lines (store, w, error);
  for (guint i = 0; i < w->line_index->len; i++)
    {
      stmt = suyuan_store_prepare (store,
        "INSERT OR REPLACE INTO receipt_lines (receipt_uuid, idx, data) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, w->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) g_array_index (w->line_index, guint, i));
      sqlite3_bind_text (stmt, 3, w->line_text->pdata[i], -1, SQLITE_STATIC);
      if (!step (store, stmt, error))
        return FALSE;
    }
  for (guint i = 0; i < w->serials->len; i++)
    {
      /* OR IGNORE: saving a unit again (a retry, a full save) never doubles it. */
      stmt = suyuan_store_prepare (store,
        "INSERT OR IGNORE INTO receipt_serials (receipt_uuid, idx, serial) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, w->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) g_array_index (w->serial_index, guint, i));
      sqlite3_bind_text (stmt, 3, w->serials->pdata[i], -1, SQLITE_STATIC);
      if (!step (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The writer committed @data or failed: the lines it carried say so. */
static void
write_done (gpointer      data,
            const GError *error,
            gpointer      user_data)
{
  ReceiptWrite *w = data;
  SuyuanReceipt *receipt = w->receipt;

  for (guint i = 0; i < w->line_index->len; i++)
    {
      guint index = g_array_index (w->line_index, guint, i);
      SuyuanReceiptLine *line = index < receipt->lines->len ? receipt->lines->pdata[index] : NULL;

      if (line == NULL)
        continue;
      if (line->n_saving > 0)
        line->n_saving--;
      if (error != NULL)
        line->save_failed = TRUE;
      else if (w->full)
        line->save_failed = FALSE;
    }
  if (error != NULL)
    receipt->needs_full_save = TRUE;
  if (receipt->saved != NULL)
    receipt->saved (receipt, error, receipt->saved_data);
}

/* Commits @w now, or queues it on the receipt's writer. */
static gboolean
commit (SuyuanReceipt  *receipt,
        ReceiptWrite   *w,
        GError        **error)
{
  g_autoptr(ReceiptWrite) owned = w;

  if (receipt->writer != NULL)
    {
      for (guint i = 0; i < w->line_index->len; i++)
        ((SuyuanReceiptLine *) receipt->lines->pdata[g_array_index (w->line_index, guint, i)])->n_saving++;
      receipt->n_saved_lines = receipt->lines->len;
      receipt->needs_full_save = FALSE;
      suyuan_store_writer_push (receipt->writer, write_rows, write_done,
                                g_steal_pointer (&owned), (GDestroyNotify) receipt_write_free, NULL);
      return TRUE;
    }
  if (!suyuan_store_begin (receipt->store, error))
    return FALSE;
  if (!write_rows (receipt->store, w, error) || !suyuan_store_commit (receipt->store, error))
    {
      suyuan_store_rollback (receipt->store);
      return FALSE;
    }
  receipt->n_saved_lines = receipt->lines->len;
  return TRUE;
}

gboolean
suyuan_receipt_save_all (SuyuanReceipt  *receipt,
                         GError        **error)
{
  g_autoptr(ReceiptWrite) w = receipt_write_new (receipt, TRUE, G_MAXUINT, NULL);

  if (!write_rows (receipt->store, w, error))
    return FALSE;
  /* Counted as saved by the caller's commit; a rollback saves them again. */
  receipt->n_saved_lines = receipt->lines->len;
  return TRUE;
}

gboolean
suyuan_receipt_save (SuyuanReceipt  *receipt,
                     GError        **error)
{
  g_return_val_if_fail (receipt != NULL, FALSE);
  return commit (receipt, receipt_write_new (receipt, TRUE, G_MAXUINT, NULL), error);
}

gboolean
suyuan_receipt_save_scan (SuyuanReceipt  *receipt,
                          guint           index,
                          const char     *serial,
                          GError        **error)
{
  g_return_val_if_fail (receipt != NULL && index < receipt->lines->len, FALSE);
  return commit (receipt, receipt_write_new (receipt, receipt->needs_full_save, index, serial), error);
}

void
suyuan_receipt_set_writer (SuyuanReceipt      *receipt,
                           SuyuanStoreWriter  *writer,
                           SuyuanReceiptSaved  saved,
                           gpointer            user_data)
{
  g_return_if_fail (receipt != NULL);
  suyuan_receipt_wait_saved (receipt);
  receipt->writer = writer;
  receipt->saved = saved;
  receipt->saved_data = user_data;
}

void
suyuan_receipt_wait_saved (SuyuanReceipt *receipt)
{
  if (receipt->writer != NULL)
    suyuan_store_writer_flush (receipt->writer);
}

gboolean
suyuan_receipt_line_is_saved (const SuyuanReceiptLine *line)
{
  g_return_val_if_fail (line != NULL, FALSE);
  return line->n_saving == 0 && !line->save_failed;
}
