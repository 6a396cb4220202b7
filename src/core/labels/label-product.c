/* label-product.c — see label-product.h. Edits made here travel to the server
 * as "event" records of type "master-data" (docs/api.md), shaped like the
 * exchange format so the server applies them as it imports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-product.h"
#include "label-catalog.h"
#include "gs1.h"
#include "outbox.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (suyuan-product-error-quark, suyuan_product_error)

static const char *const categories[] = { "food", "drug", "vaccine", "agri", "cold-chain", "other", NULL };

const char *const *
suyuan_product_categories (void)
{
  return categories;
}

SuyuanProductEdit *
suyuan_product_edit_new (void)
{
  SuyuanProductEdit *product = g_new0 (SuyuanProductEdit, 1);

  product->category = g_strdup ("food");
  return product;
}

void
suyuan_product_edit_free (SuyuanProductEdit *product)
{
  if (product == NULL)
    return;
  g_free (product->id);
  g_free (product->name);
  g_free (product->spec);
  g_free (product->category);
  g_free (product->gtin);
  g_free (product->product_key);
  g_free (product->approval_no);
  g_free (product->storage);
  g_free (product->producer_id);
  g_free (product);
}

SuyuanProductEdit *
suyuan_product_edit_load (SuyuanStore *store,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(SuyuanProductEdit) product = g_new0 (SuyuanProductEdit, 1);
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT id, name, spec, category, gtin, product_key, shelf_life_days, approval_no, storage, producer_id"
      " FROM products WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SUYUAN_PRODUCT_ERROR, SUYUAN_PRODUCT_ERROR_NOT_FOUND,
                   _("There is no product “%s” in the store"), id);
      return NULL;
    }
  product->id = suyuan_stmt_dup_text (stmt, 0);
  product->name = suyuan_stmt_dup_text (stmt, 1);
  product->spec = suyuan_stmt_dup_text (stmt, 2);
  product->category = suyuan_stmt_dup_text (stmt, 3);
  product->gtin = suyuan_stmt_dup_text (stmt, 4);
  product->product_key = suyuan_stmt_dup_text (stmt, 5);
  product->shelf_life_days = sqlite3_column_int (stmt, 6);
  product->approval_no = suyuan_stmt_dup_text (stmt, 7);
  product->storage = suyuan_stmt_dup_text (stmt, 8);
  product->producer_id = suyuan_stmt_dup_text (stmt, 9);
  sqlite3_reset (stmt);
  return g_steal_pointer (&product);
}

/* Trims @field in place; an empty value is dropped to NULL. */
static void
tidy (char **field)
{
  if (*field == NULL)
    return;
  g_strstrip (*field);
  if (**field == '\0')
    g_clear_pointer (field, g_free);
}

static gboolean
fail (GError           **error,
      SuyuanProductError code,
      const char        *message)
{
  g_set_error_literal (error, SUYUAN_PRODUCT_ERROR, code, message);
  return FALSE;
}

/* EAN-8, UPC-A, EAN-13 or GTIN-14 digits with a right check digit, widened
 * to the 14 digits the store keeps. */
static gboolean
normalise_gtin (SuyuanProductEdit *product,
                GError       **error)
{
  gsize n = strlen (product->gtin);

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (product->gtin[i]))
      return fail (error, SUYUAN_PRODUCT_ERROR_GTIN, _("A GTIN has only digits"));
  if (n != 8 && n != 12 && n != 13 && n != 14)
    return fail (error, SUYUAN_PRODUCT_ERROR_GTIN, _("A GTIN has 8, 12, 13 or 14 digits"));
  if (!suyuan_gs1_check_digit_ok (product->gtin, n))
    return fail (error, SUYUAN_PRODUCT_ERROR_GTIN, _("The GTIN’s check digit is wrong: check the number on the barcode"));
  if (n < 14)
    {
      char *wide = g_strdup_printf ("%0*d%s", (int) (14 - n), 0, product->gtin);

      g_free (product->gtin);
      product->gtin = wide;
    }
  return TRUE;
}

/* The key is a path segment of the label's URI: keep it plain. */
static gboolean
key_is_valid (const char *key)
{
  gsize n = strlen (key);

  if (n > 40)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '-' && key[i] != '_' && key[i] != '.')
      return FALSE;
  return TRUE;
}

/* Another product than @id already uses @value in @column? */
static gboolean
taken (SuyuanStore *store,
       const char  *column,
       const char  *value,
       const char  *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM products WHERE %s = ?1 AND id IS NOT ?2", column);
  sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
producer_exists (SuyuanStore *store,
                 const char  *id)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "SELECT 1 FROM parties WHERE id = ?1", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
validate (SuyuanStore   *store,
          SuyuanProductEdit *p,
          GError       **error)
{
  tidy (&p->name); tidy (&p->spec); tidy (&p->category); tidy (&p->gtin);
  tidy (&p->product_key); tidy (&p->approval_no); tidy (&p->storage); tidy (&p->producer_id);

  if (p->name == NULL)
    return fail (error, SUYUAN_PRODUCT_ERROR_NAME, _("Give the product a name"));
  if (g_utf8_strlen (p->name, -1) > 100)
    return fail (error, SUYUAN_PRODUCT_ERROR_NAME, _("The name is longer than 100 characters"));
  if ((p->spec && g_utf8_strlen (p->spec, -1) > 200) || (p->approval_no && g_utf8_strlen (p->approval_no, -1) > 200)
      || (p->storage && g_utf8_strlen (p->storage, -1) > 200))
    return fail (error, SUYUAN_PRODUCT_ERROR_TEXT,
                 _("The specification, licence number and storage conditions are at most 200 characters each"));
  if (p->category == NULL || !g_strv_contains (categories, p->category))
    return fail (error, SUYUAN_PRODUCT_ERROR_CATEGORY, _("Choose a category"));
  if (p->gtin == NULL && p->product_key == NULL)
    return fail (error, SUYUAN_PRODUCT_ERROR_PRODUCT_KEY,
                 _("Give a GTIN or, for a product without one, a product key"));
  if (p->gtin != NULL && !normalise_gtin (p, error))
    return FALSE;
  if (p->gtin != NULL && taken (store, "gtin", p->gtin, p->id))
    return fail (error, SUYUAN_PRODUCT_ERROR_GTIN, _("Another product already has this GTIN"));
  if (p->product_key != NULL && !key_is_valid (p->product_key))
    return fail (error, SUYUAN_PRODUCT_ERROR_PRODUCT_KEY,
                 _("A product key is up to 40 letters, digits, “-”, “_” or “.”"));
  if (p->product_key != NULL && taken (store, "product_key", p->product_key, p->id))
    return fail (error, SUYUAN_PRODUCT_ERROR_PRODUCT_KEY, _("Another product already has this product key"));
  if (p->shelf_life_days < 0 || p->shelf_life_days > 36500)
    return fail (error, SUYUAN_PRODUCT_ERROR_SHELF_LIFE, _("The shelf life is 0 to 36500 days"));
  if (p->producer_id != NULL && !producer_exists (store, p->producer_id))
    return fail (error, SUYUAN_PRODUCT_ERROR_PRODUCER, _("Choose the producer"));
  return TRUE;
}

/* Queues row @id of @table as {"type": "master-data", @table: [row]}: the
 * columns are the exchange format's members. */
static gboolean
queue_row (SuyuanStore *store,
           const char  *table,
           const char  *id,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?1", table);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonObject) row = json_object_new ();
  g_autofree char *uuid = NULL;
  JsonArray *rows = json_array_new ();
  sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, error);

  json_object_set_string_member (data, "type", "master-data");
  json_object_set_array_member (data, table, rows);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return suyuan_store_set_sql_error (store, error);
    }
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_NULL:
          json_object_set_null_member (row, name);
          break;
        case SQLITE_INTEGER:
          json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
          break;
        default:
          json_object_set_string_member (row, name, (const char *) sqlite3_column_text (stmt, i));
        }
    }
  sqlite3_reset (stmt);
  json_array_add_object_element (rows, json_object_ref (row));
  uuid = suyuan_outbox_enqueue (store, SUYUAN_RECORD_EVENT, data, error);
  return uuid != NULL;
}

gboolean
suyuan_product_queue_batch (SuyuanStore *store,
                            const char  *batch_id,
                            GError     **error)
{
  return queue_row (store, "batches", batch_id, error);
}

/* PR-<GTIN or key>, unless an imported product already has that id. */
static char *
new_product_id (SuyuanStore         *store,
                const SuyuanProductEdit *p)
{
  g_autofree char *id = g_strdup_printf ("PR-%s", p->gtin ? p->gtin : p->product_key);
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "SELECT 1 FROM products WHERE id = ?1", NULL);
  gboolean exists = FALSE;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }
  if (exists)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (id);
      id = g_strdup_printf ("PR-%s", uuid);
    }
  return g_steal_pointer (&id);
}

static gboolean
write_product (SuyuanStore         *store,
               const SuyuanProductEdit *p,
               GError             **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "INSERT INTO products (id, name, spec, category, gtin, product_key, shelf_life_days,"
      " approval_no, storage, producer_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
      " ON CONFLICT (id) DO UPDATE SET name = excluded.name, spec = excluded.spec,"
      " category = excluded.category, gtin = excluded.gtin, product_key = excluded.product_key,"
      " shelf_life_days = excluded.shelf_life_days, approval_no = excluded.approval_no,"
      " storage = excluded.storage, producer_id = excluded.producer_id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, p->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, p->spec, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, p->category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, p->gtin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, p->product_key, -1, SQLITE_STATIC);
  if (p->shelf_life_days > 0)
    sqlite3_bind_int (stmt, 7, p->shelf_life_days);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, p->approval_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, p->storage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, p->producer_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

gboolean
suyuan_product_save (SuyuanStore   *store,
                     SuyuanProductEdit *product,
                     GError       **error)
{
  g_autofree char *new_id = NULL;

  g_return_val_if_fail (store != NULL && product != NULL, FALSE);
  tidy (&product->id);
  if (!validate (store, product, error))
    return FALSE;
  if (product->id == NULL)
    product->id = new_id = new_product_id (store, product);
  if (!suyuan_store_begin (store, error))
    goto failed;
  if (!write_product (store, product, error) || !queue_row (store, "products", product->id, error)
      || !suyuan_store_commit (store, error))
    {
      suyuan_store_rollback (store);
      goto failed;
    }
  g_steal_pointer (&new_id);
  return TRUE;

failed:
  /* A new product stays new when it could not be stored. */
  if (new_id != NULL)
    product->id = NULL;
  return FALSE;
}

GPtrArray *
suyuan_product_list_producers (SuyuanStore *store,
                               GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_label_choice_free);
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT id, name FROM parties WHERE kind = 'producer' ORDER BY name, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanLabelChoice *choice = g_new0 (SuyuanLabelChoice, 1);

      choice->id = suyuan_stmt_dup_text (stmt, 0);
      choice->title = suyuan_stmt_dup_text (stmt, 1);
      g_ptr_array_add (list, choice);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

char *
suyuan_product_add_producer (SuyuanStore *store,
                             const char  *name,
                             const char  *licence_no,
                             GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strdup_printf ("P-%s", uuid);
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *clean_licence = g_strstrip (g_strdup (licence_no ? licence_no : ""));
  sqlite3_stmt *stmt;

  if (*clean_name == '\0')
    {
      fail (error, SUYUAN_PRODUCT_ERROR_PRODUCER, _("Give the producer’s name"));
      return NULL;
    }
  if (!suyuan_store_begin (store, error))
    return NULL;
  stmt = suyuan_store_prepare (store, "INSERT INTO parties (id, name, kind, licence_no) VALUES (?1, ?2, 'producer', ?3)",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, clean_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, *clean_licence ? clean_licence : NULL, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      goto failed;
    }
  if (!queue_row (store, "parties", id, error) || !suyuan_store_commit (store, error))
    goto failed;
  return g_steal_pointer (&id);

failed:
  suyuan_store_rollback (store);
  return NULL;
}
