/* label-catalog.c — listing what can be labelled, for pickers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-catalog.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

void
suyuan_label_choice_free (SuyuanLabelChoice *choice)
{
  g_free (choice->id);
  g_free (choice->title);
  g_free (choice);
}

/* Column 0 is the id; the title is column 1, or what @title makes of the row. */
static GPtrArray *
collect (SuyuanStore  *store,
         sqlite3_stmt *stmt,
         char       *(*title) (sqlite3_stmt *stmt),
         GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_label_choice_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanLabelChoice *choice = g_new0 (SuyuanLabelChoice, 1);

      choice->id = suyuan_stmt_dup_text (stmt, 0);
      choice->title = title ? title (stmt) : suyuan_stmt_dup_text (stmt, 1);
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

  return stmt ? collect (store, stmt, NULL, error) : NULL;
}

/* "2026-11-01" as the locale writes dates (zh_CN: 2026年11月1日). */
static char *
format_day (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;

  if (iso == NULL)
    return NULL;
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    day = g_date_time_new_local (y, m, d, 0, 0, 0);
  /* Translators: a date as your locale writes it (strftime); zh_CN: %Y年%-m月%-d日 */
  return day ? g_date_time_format (day, _("%Y-%m-%d")) : g_strdup (iso);
}

/* "A2611  2026年11月1日 → 2027年4月30日": the lot, made, expires. */
static char *
batch_title (sqlite3_stmt *stmt)
{
  g_autofree char *made = format_day ((const char *) sqlite3_column_text (stmt, 1));
  g_autofree char *expires = format_day ((const char *) sqlite3_column_text (stmt, 2));
  GString *title = g_string_new ((const char *) sqlite3_column_text (stmt, 0));

  if (made != NULL)
    g_string_append_printf (title, "  %s", made);
  if (expires != NULL)
    g_string_append_printf (title, " → %s", expires);
  return g_string_free (title, FALSE);
}

GPtrArray *
suyuan_label_list_batches (SuyuanStore *store,
                           const char  *product_id,
                           GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT lot, production_date, expiry_date"
      " FROM batches WHERE product_id = ?1 AND status = 'normal'"
      " AND (expiry_date IS NULL OR expiry_date >= date ('now', 'localtime'))"
      " ORDER BY production_date DESC, lot", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  return collect (store, stmt, batch_title, error);
}
