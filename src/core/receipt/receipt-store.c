/* receipt-store.c — receipts in the store: the shipments waiting to be
 * received, saving an open receipt after every scan, and finishing it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-private.h"
#include "receipt-pdf.h"
#include "outbox.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>

/* A shipment is the shipping events one supplier sent to one party at one
 * time; it waits until every event of it has a receiving event at the
 * destination or a finished receipt names it. */
#define SHIPMENT_KEY "e.party_id || '|' || e.time || '|' || e.destination_id"

void
suyuan_shipment_free (SuyuanShipment *shipment)
{
  if (shipment == NULL)
    return;
  g_free (shipment->key);
  g_free (shipment->supplier_id);
  g_free (shipment->supplier_name);
  g_free (shipment->destination_id);
  g_free (shipment->time);
  g_free (shipment);
}

/* Batch-level shipping events may say how many they carry in data.quantity. */
#define EVENT_QUANTITY SUYUAN_SQL_EVENT_QUANTITY ("e.serial", "e.data")

GPtrArray *
suyuan_receipt_list_shipments (SuyuanStore *store,
                               const char  *destination_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_shipment_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = suyuan_store_prepare (store,
    "SELECT " SHIPMENT_KEY ", e.party_id, coalesce (p.name, e.party_id), e.destination_id, e.time,"
    "  count (DISTINCT coalesce (e.product_id, '') || char(31) || coalesce (e.batch_id, '')),"
    "  sum (" EVENT_QUANTITY ")"
    " FROM events e LEFT JOIN parties p ON p.id = e.party_id"
    " WHERE e.type = 'shipping' AND e.destination_id IS NOT NULL AND e.party_id IS NOT NULL"
    "   AND (?1 IS NULL OR e.destination_id = ?1)"
    "   AND NOT EXISTS (SELECT 1 FROM receipts x WHERE x.shipment_key = " SHIPMENT_KEY
    "                   AND x.finished_at IS NOT NULL)"
    " GROUP BY e.party_id, e.time, e.destination_id"
    " HAVING sum (NOT EXISTS (SELECT 1 FROM events r WHERE r.type = 'receiving'"
    "   AND r.party_id = e.destination_id AND r.product_id IS e.product_id"
    "   AND r.batch_id IS e.batch_id AND r.serial IS e.serial"
    "   AND julianday (r.time) >= julianday (e.time))) > 0"
    " ORDER BY julianday (e.time) DESC LIMIT 100", error);
  if (stmt == NULL)
    return NULL;
  if (destination_id != NULL)
    sqlite3_bind_text (stmt, 1, destination_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanShipment *s = g_new0 (SuyuanShipment, 1);

      s->key = suyuan_stmt_dup_text (stmt, 0);
      s->supplier_id = suyuan_stmt_dup_text (stmt, 1);
      s->supplier_name = suyuan_stmt_dup_text (stmt, 2);
      s->destination_id = suyuan_stmt_dup_text (stmt, 3);
      s->time = suyuan_stmt_dup_text (stmt, 4);
      s->n_lines = (guint) sqlite3_column_int (stmt, 5);
      s->n_items = (guint) sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static guint32
date_column (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? suyuan_iso_to_date (text) : 0;
}

SuyuanReceipt *
suyuan_receipt_new_from_shipment (SuyuanStore *store,
                                  const char  *shipment_key,
                                  GError     **error)
{
  g_autoptr(SuyuanReceipt) receipt = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL && shipment_key != NULL, NULL);
  receipt = suyuan_receipt_alloc (store);
  receipt->shipment_key = g_strdup (shipment_key);
  stmt = suyuan_store_prepare (store,
    "SELECT e.product_id, e.batch_id, pr.name, pr.spec, b.lot, b.production_date, b.expiry_date,"
    "  coalesce (pr.approval_no, pp.licence_no), sum (" EVENT_QUANTITY "),"
    "  e.party_id, coalesce (s.name, e.party_id), e.destination_id"
    " FROM events e LEFT JOIN products pr ON pr.id = e.product_id"
    "  LEFT JOIN batches b ON b.id = e.batch_id LEFT JOIN parties pp ON pp.id = pr.producer_id"
    "  LEFT JOIN parties s ON s.id = e.party_id"
    " WHERE e.type = 'shipping' AND " SHIPMENT_KEY " = ?1 AND e.product_id IS NOT NULL"
    " GROUP BY e.product_id, e.batch_id ORDER BY min (e.rowid)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, shipment_key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanReceiptLine *line = suyuan_receipt_add_line (receipt, (const char *) sqlite3_column_text (stmt, 0),
                                                         (const char *) sqlite3_column_text (stmt, 1));

      line->product_name = suyuan_stmt_dup_text (stmt, 2);
      line->spec = suyuan_stmt_dup_text (stmt, 3);
      line->lot = suyuan_stmt_dup_text (stmt, 4);
      line->production = date_column (stmt, 5);
      line->expiry = date_column (stmt, 6);
      line->certificates = suyuan_stmt_dup_text (stmt, 7);
      line->expected = (guint) sqlite3_column_int64 (stmt, 8);
      if (receipt->supplier_id == NULL)
        {
          receipt->supplier_id = suyuan_stmt_dup_text (stmt, 9);
          receipt->supplier_name = suyuan_stmt_dup_text (stmt, 10);
          receipt->shop_id = suyuan_stmt_dup_text (stmt, 11);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  if (receipt->lines->len == 0)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
                   _("This shipment is not in the store any more; sync and choose it again"));
      return NULL;
    }
  return g_steal_pointer (&receipt);
}

/* One receiving event per accepted unit, or per batch line without serials;
 * kept in the store's own events (the units move to this shop) and queued
 * for the server. */
static gboolean
record_event (SuyuanReceipt           *receipt,
              const SuyuanReceiptLine *line,
              const char              *serial,
              guint                    quantity,
              GError                 **error)
{
  g_autoptr(JsonObject) event = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *uuid = NULL;

  json_object_set_string_member (event, "id", id);
  json_object_set_string_member (event, "type", "receiving");
  json_object_set_string_member (event, "time", receipt->finished_at);
  json_object_set_string_member (event, "product_id", line->product_id);
  if (line->batch_id)
    json_object_set_string_member (event, "batch_id", line->batch_id);
  if (serial)
    json_object_set_string_member (event, "serial", serial);
  if (receipt->shop_id)
    json_object_set_string_member (event, "party_id", receipt->shop_id);
  if (receipt->supplier_id)
    json_object_set_string_member (event, "source_id", receipt->supplier_id);
  json_object_set_string_member (event, "disposition", "sellable_accessible");
  if (serial == NULL)
    {
      JsonObject *data = json_object_new ();

      json_object_set_int_member (data, "quantity", quantity);
      json_object_set_string_member (data, "receipt", receipt->uuid);
      json_object_set_object_member (event, "data", data);
    }
  if (!suyuan_store_apply_entity (receipt->store, "event", event, error))
    return FALSE;
  uuid = suyuan_outbox_enqueue (receipt->store, SUYUAN_RECORD_EVENT, event, error);
  return uuid != NULL;
}

static gboolean
finish_in_transaction (SuyuanReceipt *receipt,
                       GError       **error)
{
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *uuid = NULL;

  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const SuyuanReceiptLine *line = receipt->lines->pdata[i];
      guint batch_quantity = line->received - line->serials->len;

      if (line->rejected || line->received == 0)
        continue;
      for (guint s = 0; s < line->serials->len; s++)
        if (!record_event (receipt, line, line->serials->pdata[s], 1, error))
          return FALSE;
      if (batch_quantity > 0 && !record_event (receipt, line, NULL, batch_quantity, error))
        return FALSE;
    }
  record = suyuan_receipt_to_json (receipt);
  /* The record names the supplier's licence and the receiver as they are
   * today, so it still reads right when the master data changes. */
  suyuan_receipt_record_complete (receipt->store, record);
  uuid = suyuan_outbox_enqueue (receipt->store, SUYUAN_RECORD_RECEIPT, record, error);
  return uuid != NULL && suyuan_receipt_save_all (receipt, error);
}

gboolean
suyuan_receipt_finish (SuyuanReceipt *receipt,
                       GError       **error)
{
  g_return_val_if_fail (receipt != NULL, FALSE);
  if (suyuan_receipt_is_finished (receipt))
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA, _("This receipt is already finished"));
      return FALSE;
    }
  if (receipt->n_scans == 0 && receipt->shipment_key == NULL)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA, _("Nothing was scanned: scan the goods first"));
      return FALSE;
    }
  /* The queued scans first: finishing writes after them, on this connection. */
  suyuan_receipt_wait_saved (receipt);
  receipt->finished_at = suyuan_receipt_now ();
  if (!suyuan_store_begin (receipt->store, error))
    goto failed;
  if (!finish_in_transaction (receipt, error) || !suyuan_store_commit (receipt->store, error))
    {
      suyuan_store_rollback (receipt->store);
      goto failed;
    }
  return TRUE;

failed:
  g_clear_pointer (&receipt->finished_at, g_free);
  return FALSE;
}

gboolean
suyuan_receipt_discard (SuyuanReceipt *receipt,
                        GError       **error)
{
  /* An open receipt's rows; a finished one is kept by its trigger. */
  static const char *const sql[] = {
    "DELETE FROM receipt_serials WHERE receipt_uuid = ?1",
    "DELETE FROM receipt_lines WHERE receipt_uuid = ?1",
    "DELETE FROM receipts WHERE uuid = ?1 AND finished_at IS NULL",
  };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (!suyuan_receipt_is_finished (receipt), FALSE);

  /* A queued save must not write the rows back after they are gone. */
  suyuan_receipt_wait_saved (receipt);
  receipt->needs_full_save = FALSE;
  if (!suyuan_store_begin (receipt->store, error))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      stmt = suyuan_store_prepare (receipt->store, sql[i], error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (receipt->store, error);
          goto failed;
        }
    }
  return suyuan_store_commit (receipt->store, error);

failed:
  suyuan_store_rollback (receipt->store);
  return FALSE;
}

/* One column of party @id into @record's @name, unless the record has it. */
static void
complete_from_party (SuyuanStore *store,
                     JsonObject  *record,
                     const char  *name,
                     const char  *sql,
                     const char  *id)
{
  sqlite3_stmt *stmt;
  g_autofree char *value = NULL;

  if (id == NULL || (json_object_has_member (record, name)
                     && !json_object_get_null_member (record, name)))
    return;
  stmt = suyuan_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = suyuan_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (record, name, value);
}

void
suyuan_receipt_record_complete (SuyuanStore *store,
                                JsonObject  *record)
{
  JsonNode *supplier, *shop;

  g_return_if_fail (store != NULL && record != NULL);
  supplier = json_object_get_member (record, "supplier_id");
  shop = json_object_get_member (record, "shop_id");
  if (supplier != NULL && JSON_NODE_HOLDS_VALUE (supplier))
    complete_from_party (store, record, "supplier_licence_no", "SELECT licence_no FROM parties WHERE id = ?1",
                         json_node_get_string (supplier));
  if (shop != NULL && JSON_NODE_HOLDS_VALUE (shop))
    complete_from_party (store, record, "receiver_name", "SELECT name FROM parties WHERE id = ?1",
                         json_node_get_string (shop));
}
