/* label-catalog.c — listing what can be labelled, for pickers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-catalog.h"
#include "store-private.h"

void
suyuan_label_choice_free (SuyuanLabelChoice *choice)
{
  g_free (choice->id);
  g_free (choice->title);
  g_free (choice);
}

static GPtrArray *
collect (SuyuanStore  *store,
         sqlite3_stmt *stmt,
         GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_label_choice_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanLabelChoice *choice = g_new0 (SuyuanLabelChoice, 1);

      choice->id = suyuan_stmt_dup_text (stmt, 0);
      choice->title = suyuan_stmt_dup_text (stmt, 1);
      g_ptr_array_add (out, choice);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
suyuan_label_list_products (SuyuanStore *store,
                            GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT id, name || COALESCE ('  ' || spec, '') FROM products"
      " WHERE gtin IS NOT NULL OR product_key IS NOT NULL ORDER BY name, id", error);

  return stmt ? collect (store, stmt, error) : NULL;
}

GPtrArray *
suyuan_label_list_batches (SuyuanStore *store,
                           const char  *product_id,
                           GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT lot, lot || COALESCE ('  ' || production_date, '') || COALESCE (' → ' || expiry_date, '')"
      " FROM batches WHERE product_id = ?1 AND status = 'normal'"
      " AND (expiry_date IS NULL OR expiry_date >= date ('now', 'localtime'))"
      " ORDER BY production_date DESC, lot", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  return collect (store, stmt, error);
}
