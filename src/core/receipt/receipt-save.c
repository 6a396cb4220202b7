/* receipt-save.c — an open receipt saved a scan at a time: the header in
 * receipts.data, each line in receipt_lines, each unit counted in
 * receipt_serials (schema 7). A scan writes its line and its unit in one
 * durable transaction, the same few hundred bytes however long the delivery;
 * finishing writes the whole record and drops the rows.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-private.h"
#include "store-private.h"

static char *
to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* While open, the header; once finished, the whole record. */
static gboolean
save_header (SuyuanReceipt  *receipt,
             GError        **error)
{
  g_autoptr(JsonObject) data = receipt->finished_at != NULL ? suyuan_receipt_to_json (receipt)
                                                            : suyuan_receipt_header_to_json (receipt);
  g_autofree char *text = to_text (data);
  sqlite3_stmt *stmt;

  stmt = suyuan_store_prepare (receipt->store,
    "INSERT INTO receipts (uuid, shipment_key, supplier_id, shop_id, started_at, finished_at, data)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (uuid) DO UPDATE SET finished_at = excluded.finished_at, data = excluded.data", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, receipt->shipment_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, receipt->supplier_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, receipt->shop_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, receipt->started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, receipt->finished_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (receipt->store, error);
  return TRUE;
}

static gboolean
save_line (SuyuanReceipt  *receipt,
           guint           index,
           GError        **error)
{
  g_autoptr(JsonObject) data = suyuan_receipt_line_to_json (receipt->lines->pdata[index], FALSE);
  g_autofree char *text = to_text (data);
  sqlite3_stmt *stmt;

  stmt = suyuan_store_prepare (receipt->store,
    "INSERT OR REPLACE INTO receipt_lines (receipt_uuid, idx, data) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) index);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (receipt->store, error);
  return TRUE;
}

static gboolean
save_serial (SuyuanReceipt  *receipt,
             guint           index,
             const char     *serial,
             GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = suyuan_store_prepare (receipt->store,
    "INSERT OR IGNORE INTO receipt_serials (receipt_uuid, idx, serial) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) index);
  sqlite3_bind_text (stmt, 3, serial, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (receipt->store, error);
  return TRUE;
}

static gboolean
drop_lines (SuyuanReceipt  *receipt,
            GError        **error)
{
  static const char *const sql[] = {
    "DELETE FROM receipt_serials WHERE receipt_uuid = ?1",
    "DELETE FROM receipt_lines WHERE receipt_uuid = ?1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = suyuan_store_prepare (receipt->store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return suyuan_store_set_sql_error (receipt->store, error);
    }
  return TRUE;
}

gboolean
suyuan_receipt_save_all (SuyuanReceipt  *receipt,
                         GError        **error)
{
  if (!save_header (receipt, error))
    return FALSE;
  if (receipt->finished_at != NULL)
    return drop_lines (receipt, error);
  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const SuyuanReceiptLine *line = receipt->lines->pdata[i];

      if (!save_line (receipt, i, error))
        return FALSE;
      for (guint s = 0; s < line->serials->len; s++)
        if (!save_serial (receipt, i, line->serials->pdata[s], error))
          return FALSE;
    }
  /* Counted as saved by the caller's commit; a rollback saves them again. */
  receipt->n_saved_lines = receipt->lines->len;
  return TRUE;
}

gboolean
suyuan_receipt_save (SuyuanReceipt  *receipt,
                     GError        **error)
{
  g_return_val_if_fail (receipt != NULL, FALSE);
  if (!suyuan_store_begin (receipt->store, error))
    return FALSE;
  if (!suyuan_receipt_save_all (receipt, error) || !suyuan_store_commit (receipt->store, error))
    {
      suyuan_store_rollback (receipt->store);
      return FALSE;
    }
  return TRUE;
}

gboolean
suyuan_receipt_save_scan (SuyuanReceipt  *receipt,
                          guint           index,
                          const char     *serial,
                          GError        **error)
{
  guint first_new;

  g_return_val_if_fail (receipt != NULL && index < receipt->lines->len, FALSE);
  first_new = MIN (receipt->n_saved_lines, receipt->lines->len);
  if (!suyuan_store_begin (receipt->store, error))
    return FALSE;
  if (!save_header (receipt, error)
      || (index < first_new && !save_line (receipt, index, error))
      || (serial != NULL && !save_serial (receipt, index, serial, error)))
    goto failed;
  /* Lines not saved yet: the shipment's expected lines, a new product. */
  for (guint i = first_new; i < receipt->lines->len; i++)
    if (!save_line (receipt, i, error))
      goto failed;
  if (!suyuan_store_commit (receipt->store, error))
    goto failed;
  receipt->n_saved_lines = receipt->lines->len;
  return TRUE;

failed:
  suyuan_store_rollback (receipt->store);
  return FALSE;
}
