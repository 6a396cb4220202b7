/* receipt-resume.c — an unfinished receipt read back from the store, so a
 * delivery interrupted by a crash, a flat battery or a restart goes on where
 * it stopped (the receipt is saved after every scan; see receipt.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-private.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* Saved text is our own, but the file may have been damaged: bounded and typed. */
static char *
dup_member (JsonObject *o,
            const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_utf8_make_valid (json_node_get_string (node), MIN (strlen (json_node_get_string (node)), 1024));
}

static guint
uint_member (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return (guint) CLAMP (json_node_get_int (node), 0, G_MAXINT);
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
string_element (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static guint32
date_member (JsonObject *o,
             const char *name)
{
  g_autofree char *text = dup_member (o, name);
  guint y, m, d;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return 0;
  return y * 10000 + m * 100 + d;
}

static guint
flags_member (JsonObject *o)
{
  static const char *const names[] = {
    "expired", "near-expiry", "unqualified", "recalled", "held", "duplicated", "other",
  };
  JsonArray *array = array_member (o, "flags");
  guint flags = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    for (guint f = 0; f < G_N_ELEMENTS (names); f++)
      if (g_strcmp0 (string_element (array, i), names[f]) == 0)
        flags |= 1u << f;
  return flags;
}

static SuyuanLevel
level_member (JsonObject *o)
{
  g_autofree char *text = dup_member (o, "level");

  for (SuyuanLevel l = SUYUAN_LEVEL_OK; l <= SUYUAN_LEVEL_STOP; l++)
    if (g_strcmp0 (text, suyuan_level_to_string (l)) == 0)
      return l;
  return SUYUAN_LEVEL_UNKNOWN;
}

static SuyuanReceiptLine *
read_line (SuyuanReceipt *receipt,
           JsonObject    *o)
{
  g_autofree char *product_id = dup_member (o, "product_id");
  g_autofree char *batch_id = dup_member (o, "batch_id");
  g_autofree char *decision = dup_member (o, "decision");
  JsonArray *serials = array_member (o, "serials");
  SuyuanReceiptLine *line;

  if (product_id == NULL)
    return NULL;
  line = suyuan_receipt_add_line (receipt, product_id, batch_id);
  line->product_name = dup_member (o, "product_name");
  line->spec = dup_member (o, "spec");
  line->lot = dup_member (o, "lot");
  line->certificates = dup_member (o, "certificates");
  line->production = date_member (o, "production_date");
  line->expiry = date_member (o, "expiry_date");
  line->expected = uint_member (o, "expected");
  line->received = uint_member (o, "quantity");
  line->duplicates = uint_member (o, "duplicates");
  line->flags = flags_member (o);
  line->level = level_member (o);
  line->rejected = g_strcmp0 (decision, "rejected") == 0;
  line->reject_reason = dup_member (o, "reject_reason");
  for (guint i = 0; serials != NULL && i < json_array_get_length (serials); i++)
    {
      const char *serial = string_element (serials, i);

      if (serial == NULL)
        continue;
      g_ptr_array_add (line->serials, g_strdup (serial));
      /* A unit scanned before the restart is still a duplicate after it. */
      g_hash_table_add (receipt->units, g_strdup_printf ("%s\x1f%s", product_id, serial));
    }
  return line;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

gboolean
suyuan_receipt_load_lines (SuyuanReceipt  *receipt,
                           GError        **error)
{
  g_autoptr(GHashTable) by_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = suyuan_store_prepare (receipt->store,
    "SELECT idx, data FROM receipt_lines WHERE receipt_uuid = ?1 ORDER BY idx", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o = parse_object (parser, (const char *) sqlite3_column_text (stmt, 1));
      SuyuanReceiptLine *line = o != NULL ? read_line (receipt, o) : NULL;

      if (line != NULL)
        g_hash_table_insert (by_index, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)), line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (receipt->store, error);

  stmt = suyuan_store_prepare (receipt->store,
    "SELECT idx, serial FROM receipt_serials WHERE receipt_uuid = ?1 ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt->uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanReceiptLine *line = g_hash_table_lookup (by_index, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
      const char *serial = (const char *) sqlite3_column_text (stmt, 1);

      if (line == NULL || serial == NULL)
        continue;
      g_ptr_array_add (line->serials, g_utf8_make_valid (serial, MIN (strlen (serial), 1024)));
      /* A unit scanned before the restart is still a duplicate after it. */
      g_hash_table_add (receipt->units, g_strdup_printf ("%s\x1f%s", line->product_id, serial));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (receipt->store, error);
  receipt->n_saved_lines = receipt->lines->len;
  return TRUE;
}

SuyuanReceipt *
suyuan_receipt_load_unfinished (SuyuanStore *store,
                                const char  *shop_id,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  SuyuanReceipt *receipt;
  JsonObject *o;
  JsonArray *lines;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = suyuan_store_prepare (store,
    "SELECT data FROM receipts WHERE finished_at IS NULL AND (?1 IS NULL OR shop_id = ?1)"
    " ORDER BY started_at DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, shop_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = suyuan_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  if (text == NULL)
    return NULL;   /* none waiting: not an error */
  if (!json_parser_load_from_data (parser, text, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
                   _("An unfinished receipt in the store is damaged and cannot be resumed"));
      return NULL;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  receipt = suyuan_receipt_alloc (store);
  g_free (receipt->uuid);
  g_free (receipt->started_at);
  receipt->uuid = dup_member (o, "uuid");
  receipt->started_at = dup_member (o, "started_at");
  receipt->shop_id = dup_member (o, "shop_id");
  receipt->supplier_id = dup_member (o, "supplier_id");
  receipt->supplier_name = dup_member (o, "supplier_name");
  receipt->shipment_key = dup_member (o, "shipment");
  receipt->n_scans = uint_member (o, "scans");
  lines = array_member (o, "lines");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (lines, i)))
      read_line (receipt, json_array_get_object_element (lines, i));
  if (receipt->uuid != NULL && receipt->started_at != NULL)
    {
      g_autoptr(GError) local = NULL;

      /* Saved whole (before schema 7): saved anew the new way, line by line. */
      if (lines != NULL && json_array_get_length (lines) > 0 ? !suyuan_receipt_save (receipt, &local)
                                                           : !suyuan_receipt_load_lines (receipt, &local))
        {
          suyuan_receipt_free (receipt);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  if (receipt->uuid == NULL || receipt->started_at == NULL)
    {
      suyuan_receipt_free (receipt);
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
                   _("An unfinished receipt in the store is damaged and cannot be resumed"));
      return NULL;
    }
  return receipt;
}
