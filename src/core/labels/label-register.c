/* label-register.c — a run's serials reserved, its units recorded and its
 * registration queued for the server; the caller holds the transaction.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-register.h"
#include "outbox.h"
#include "store-private.h"

char *
suyuan_label_date_to_iso (guint32 date)
{
  if (date == 0)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", date / 10000, date / 100 % 100, date % 100);
}

/* Reads the next serial (or starts after the highest numeric serial the
 * product already has) and moves the counter past this run. */
static gboolean
reserve_serials (SuyuanStore    *store,
                 SuyuanLabelJob *job,
                 GError        **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT COALESCE ((SELECT next_serial FROM label_serials WHERE product_id = ?1),"
      " (SELECT COALESCE (MAX (CAST (serial AS INTEGER)), 0) + 1 FROM units"
      "  WHERE product_id = ?1 AND serial NOT GLOB '*[^0-9]*'))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->product_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return suyuan_store_set_sql_error (store, error);
  job->first_serial = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = suyuan_store_prepare (store,
      "INSERT INTO label_serials (product_id, next_serial) VALUES (?1, ?2)"
      " ON CONFLICT (product_id) DO UPDATE SET next_serial = excluded.next_serial", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->product_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, job->first_serial + job->count);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

static gboolean
insert_units (SuyuanStore    *store,
              SuyuanLabelJob *job,
              GError        **error)
{
  for (guint i = 0; i < job->serials->len; i++)
    {
      sqlite3_stmt *stmt = suyuan_store_prepare (store,
          "INSERT INTO units (product_id, serial, batch_id, state) VALUES (?1, ?2, ?3, 'commissioned')", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, job->product_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, job->serials->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, job->batch_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return suyuan_store_set_sql_error (store, error);
    }
  return TRUE;
}

/* The commissioning record for the server (docs/api.md, kind
 * "code-registration"), queued through the outbox like every other record so
 * the terminal's own `records` keep it too; it joins the caller's transaction.
 * The run takes the record's UUID. */
static gboolean
enqueue_registration (SuyuanStore    *store,
                      SuyuanLabelJob *job,
                      GError        **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *production = suyuan_label_date_to_iso (job->production);
  g_autofree char *expiry = suyuan_label_date_to_iso (job->expiry);
  g_autoptr(JsonNode) root = NULL;
  char *uuid;
  sqlite3_stmt *stmt;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event"); json_builder_add_string_value (b, "commissioning");
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, job->mode == SUYUAN_LABEL_PER_ITEM ? "item" : "batch");
  json_builder_set_member_name (b, "product_id"); json_builder_add_string_value (b, job->product_id);
  json_builder_set_member_name (b, "gtin"); json_builder_add_string_value (b, job->gtin);
  json_builder_set_member_name (b, "product_key"); json_builder_add_string_value (b, job->product_key);
  json_builder_set_member_name (b, "batch_id"); json_builder_add_string_value (b, job->batch_id);
  json_builder_set_member_name (b, "lot"); json_builder_add_string_value (b, job->lot);
  json_builder_set_member_name (b, "production_date"); json_builder_add_string_value (b, production);
  json_builder_set_member_name (b, "expiry_date"); json_builder_add_string_value (b, expiry);
  json_builder_set_member_name (b, "count"); json_builder_add_int_value (b, job->count);
  if (job->mode == SUYUAN_LABEL_PER_ITEM)
    {
      json_builder_set_member_name (b, "serial_first");
      json_builder_add_string_value (b, job->serials->pdata[0]);
      json_builder_set_member_name (b, "serial_last");
      json_builder_add_string_value (b, job->serials->pdata[job->serials->len - 1]);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  uuid = suyuan_outbox_enqueue (store, SUYUAN_RECORD_CODE_REGISTRATION, json_node_get_object (root), error);
  if (uuid == NULL)
    return FALSE;
  g_free (job->run_uuid);
  job->run_uuid = uuid;

  stmt = suyuan_store_prepare (store,
      "INSERT INTO label_runs (uuid, product_id, batch_id, mode, first_serial, count, created_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->run_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, job->product_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, job->batch_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, job->mode == SUYUAN_LABEL_PER_ITEM ? "item" : "batch", -1, SQLITE_STATIC);
  if (job->mode == SUYUAN_LABEL_PER_ITEM)
    sqlite3_bind_int64 (stmt, 5, job->first_serial);
  sqlite3_bind_int (stmt, 6, (int) job->count);
  sqlite3_bind_text (stmt, 7, created, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

gboolean
suyuan_label_reserve_and_register (SuyuanStore    *store,
                                   SuyuanLabelJob *job,
                                   GError        **error)
{
  if (job->mode == SUYUAN_LABEL_PER_ITEM)
    {
      if (!reserve_serials (store, job, error))
        return FALSE;
      for (guint i = 0; i < job->count; i++)
        g_ptr_array_add (job->serials, g_strdup_printf ("%0*" G_GINT64_FORMAT,
                                                        SUYUAN_LABEL_SERIAL_DIGITS, job->first_serial + i));
      if (!insert_units (store, job, error))
        return FALSE;
    }
  return enqueue_registration (store, job, error);
}
