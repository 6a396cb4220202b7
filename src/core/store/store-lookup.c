/* store-lookup.c — finding the product, batch, unit and producer behind a code.
 * Every query is an indexed point lookup on a cached statement; alerts and
 * events are in store-lookup-trace.c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store.h"
#include "store-private.h"

#define PRODUCT_COLUMNS "id, gtin, product_key, drug_id, name, spec, category, approval_no, shelf_life_days, producer_id, storage, origin"
#define BATCH_COLUMNS "id, lot, production_date, expiry_date, status, notice, notice_id"

static SuyuanProduct *
read_product (sqlite3_stmt *stmt,
              char        **producer_id)
{
  SuyuanProduct *p = g_new0 (SuyuanProduct, 1);

  p->id = suyuan_stmt_dup_text (stmt, 0);
  p->gtin = suyuan_stmt_dup_text (stmt, 1);
  p->product_key = suyuan_stmt_dup_text (stmt, 2);
  p->drug_id = suyuan_stmt_dup_text (stmt, 3);
  p->name = suyuan_stmt_dup_text (stmt, 4);
  p->spec = suyuan_stmt_dup_text (stmt, 5);
  p->category = suyuan_stmt_dup_text (stmt, 6);
  p->approval_no = suyuan_stmt_dup_text (stmt, 7);
  p->shelf_life_days = sqlite3_column_int (stmt, 8);
  *producer_id = suyuan_stmt_dup_text (stmt, 9);
  p->storage = suyuan_stmt_dup_text (stmt, 10);
  p->origin = suyuan_stmt_dup_text (stmt, 11);
  return p;
}

static SuyuanProduct *
find_product (SuyuanStore      *store,
              const SuyuanCode *code,
              char            **producer_id,
              GError          **error)
{
  const char *sql;
  const char *key;
  sqlite3_stmt *stmt;
  SuyuanProduct *product;

  if (code->gtin != NULL)
    sql = "SELECT " PRODUCT_COLUMNS " FROM products WHERE gtin = ?1", key = code->gtin;
  else if (code->product_key != NULL)
    sql = "SELECT " PRODUCT_COLUMNS " FROM products WHERE product_key = ?1", key = code->product_key;
  else if (code->drug_id != NULL)
    sql = "SELECT " PRODUCT_COLUMNS " FROM products WHERE drug_id = ?1", key = code->drug_id;
  else
    return NULL;

  stmt = suyuan_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  product = read_product (stmt, producer_id);
  sqlite3_reset (stmt);  /* ends the read, so later writes by others are seen */
  return product;
}

static SuyuanBatch *
read_batch (sqlite3_stmt *stmt)
{
  SuyuanBatch *b = g_new0 (SuyuanBatch, 1);

  b->id = suyuan_stmt_dup_text (stmt, 0);
  b->lot = suyuan_stmt_dup_text (stmt, 1);
  b->production = suyuan_iso_to_date ((const char *) sqlite3_column_text (stmt, 2));
  b->expiry = suyuan_iso_to_date ((const char *) sqlite3_column_text (stmt, 3));
  b->status = suyuan_stmt_dup_text (stmt, 4);
  b->notice = suyuan_stmt_dup_text (stmt, 5);
  b->notice_id = suyuan_stmt_dup_text (stmt, 6);
  return b;
}

static SuyuanBatch *
find_batch (SuyuanStore *store,
            const char  *product_id,
            const char  *lot,
            const char  *batch_id)
{
  sqlite3_stmt *stmt;
  SuyuanBatch *batch;

  if (batch_id != NULL)
    {
      stmt = suyuan_store_prepare (store, "SELECT " BATCH_COLUMNS " FROM batches WHERE id = ?1", NULL);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
    }
  else if (lot != NULL)
    {
      stmt = suyuan_store_prepare (store, "SELECT " BATCH_COLUMNS " FROM batches WHERE product_id = ?1 AND lot = ?2", NULL);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, lot, -1, SQLITE_STATIC);
    }
  else
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  batch = read_batch (stmt);
  sqlite3_reset (stmt);
  return batch;
}

static SuyuanUnit *
find_unit (SuyuanStore *store,
           const char  *product_id,
           const char  *serial,
           char       **batch_id)
{
  sqlite3_stmt *stmt;
  SuyuanUnit *u;

  if (serial == NULL)
    return NULL;
  stmt = suyuan_store_prepare (store, "SELECT serial, state, batch_id, last_party_id, last_place, last_seen_at FROM units"
                                      " WHERE product_id = ?1 AND serial = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, serial, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  u = g_new0 (SuyuanUnit, 1);
  u->serial = suyuan_stmt_dup_text (stmt, 0);
  u->state = suyuan_stmt_dup_text (stmt, 1);
  *batch_id = suyuan_stmt_dup_text (stmt, 2);
  u->last_party_id = suyuan_stmt_dup_text (stmt, 3);
  u->last_place = suyuan_stmt_dup_text (stmt, 4);
  u->last_seen_at = suyuan_stmt_dup_text (stmt, 5);
  sqlite3_reset (stmt);
  return u;
}

static SuyuanParty *
find_party (SuyuanStore *store,
            const char  *id)
{
  sqlite3_stmt *stmt;
  SuyuanParty *p;

  if (id == NULL)
    return NULL;
  stmt = suyuan_store_prepare (store, "SELECT id, name, licence_no, licence_valid_until, licence_status, region,"
                                      " kind, credit_class, abnormal FROM parties WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  p = g_new0 (SuyuanParty, 1);
  p->id = suyuan_stmt_dup_text (stmt, 0);
  p->name = suyuan_stmt_dup_text (stmt, 1);
  p->licence_no = suyuan_stmt_dup_text (stmt, 2);
  p->licence_valid_until = suyuan_iso_to_date ((const char *) sqlite3_column_text (stmt, 3));
  p->licence_status = suyuan_stmt_dup_text (stmt, 4);
  p->region = suyuan_stmt_dup_text (stmt, 5);
  p->kind = suyuan_stmt_dup_text (stmt, 6);
  p->credit_class = suyuan_stmt_dup_text (stmt, 7);
  p->abnormal = sqlite3_column_int (stmt, 8) != 0;
  sqlite3_reset (stmt);
  return p;
}

SuyuanLookup *
suyuan_store_lookup (SuyuanStore      *store,
                     const SuyuanCode *code,
                     GError          **error)
{
  g_autoptr(SuyuanLookup) lookup = suyuan_lookup_new ();
  g_autofree char *producer_id = NULL;
  g_autofree char *unit_batch_id = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  lookup->product = find_product (store, code, &producer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (lookup->product == NULL)
    return g_steal_pointer (&lookup);
  lookup->unit = find_unit (store, lookup->product->id, code->serial, &unit_batch_id);
  lookup->batch = find_batch (store, lookup->product->id, code->lot, unit_batch_id);
  lookup->producer = find_party (store, producer_id);
  if (!suyuan_store_lookup_alerts (store, lookup, producer_id, error)
      || !suyuan_store_lookup_events (store, lookup, error))
    return NULL;
  return g_steal_pointer (&lookup);
}
