/* store-keys.c — the store's own ids for what a code or an EPC names.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store-keys.h"
#include "store-private.h"

/* The first column of the first row of @sql with ?1 = @a (and ?2 = @b when
 * not NULL), when it is text. */
static char *
dup_text (SuyuanStore  *store,
          const char   *sql,
          const char   *a,
          const char   *b,
          GError      **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, error);
  char *result = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    result = suyuan_stmt_dup_text (stmt, 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    suyuan_store_set_sql_error (store, error);
  sqlite3_reset (stmt);
  return result;
}

char *
suyuan_store_dup_product_for_gtin (SuyuanStore  *store,
                                   const char   *gtin,
                                   GError      **error)
{
  g_return_val_if_fail (store != NULL && gtin != NULL, NULL);
  return dup_text (store, "SELECT id FROM products WHERE gtin = ?1", gtin, NULL, error);
}

char *
suyuan_store_dup_batch_for_lot (SuyuanStore  *store,
                                const char   *product_id,
                                const char   *lot,
                                GError      **error)
{
  g_return_val_if_fail (store != NULL && product_id != NULL && lot != NULL, NULL);
  return dup_text (store, "SELECT id FROM batches WHERE product_id = ?1 AND lot = ?2",
                   product_id, lot, error);
}

char *
suyuan_store_dup_batch_for_unit (SuyuanStore  *store,
                                 const char   *product_id,
                                 const char   *serial,
                                 GError      **error)
{
  g_return_val_if_fail (store != NULL && product_id != NULL && serial != NULL, NULL);
  return dup_text (store, "SELECT batch_id FROM units WHERE product_id = ?1 AND serial = ?2",
                   product_id, serial, error);
}

char *
suyuan_store_dup_producer (SuyuanStore  *store,
                           const char   *product_id,
                           GError      **error)
{
  g_return_val_if_fail (store != NULL && product_id != NULL, NULL);
  return dup_text (store, "SELECT producer_id FROM products WHERE id = ?1", product_id, NULL, error);
}

gboolean
suyuan_store_has_product (SuyuanStore  *store,
                          const char   *product_id,
                          GError      **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (store != NULL && product_id != NULL, FALSE);
  id = dup_text (store, "SELECT id FROM products WHERE id = ?1", product_id, NULL, error);
  return id != NULL;
}

gboolean
suyuan_store_has_unit (SuyuanStore  *store,
                       const char   *product_id,
                       const char   *serial,
                       GError      **error)
{
  g_autofree char *found = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  if (product_id == NULL || serial == NULL)
    return FALSE;
  found = dup_text (store, "SELECT serial FROM units WHERE product_id = ?1 AND serial = ?2",
                    product_id, serial, error);
  return found != NULL;
}

gboolean
suyuan_store_has_event (SuyuanStore  *store,
                        const char   *event_id,
                        GError      **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (store != NULL && event_id != NULL, FALSE);
  id = dup_text (store, "SELECT id FROM events WHERE id = ?1", event_id, NULL, error);
  return id != NULL;
}
