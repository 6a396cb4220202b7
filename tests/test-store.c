/* test-store.c — the SQLite store: migrations, import, lookups.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "store-schema.h"

static void
test_migrates_and_reopens (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = test_open_demo_store (dir, &path);

  g_assert_cmpint (suyuan_store_get_schema_version (store), ==, suyuan_store_schema_latest ());
  suyuan_store_close (store);

  /* Reopening an up-to-date file keeps the data. */
  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(SuyuanCode) code = suyuan_code_parse ("6901234567908", -1);
    g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (store, code, &error);

    g_assert_no_error (error);
    g_assert_nonnull (lookup->product);
    g_assert_cmpstr (lookup->product->name, ==, "天然饮用水");
    g_assert_cmpstr (lookup->producer->name, ==, "清泉饮品有限公司");
  }
  suyuan_store_close (store);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_refuses_newer_file (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path, &error);

  g_assert_no_error (error);
  suyuan_store_exec (store, "PRAGMA user_version = 999", &error);
  g_assert_no_error (error);
  suyuan_store_close (store);
  store = suyuan_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_TOO_NEW);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_lookup_batch_and_unit (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanCode) gs1 = suyuan_code_parse ("]d20106901234567892" "10A2501", -1);
  g_autoptr(SuyuanCode) drug = suyuan_code_parse ("81234560000000011234", -1);
  g_autoptr(SuyuanLookup) a = suyuan_store_lookup (store, gs1, &error);
  g_autoptr(SuyuanLookup) b = suyuan_store_lookup (store, drug, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a->batch->id, ==, "B-MILK-A2501");
  g_assert_cmpuint (a->batch->expiry, ==, 20250331);
  /* A drug code carries no lot: the unit row names its batch. */
  g_assert_cmpstr (b->product->name, ==, "阿莫西林胶囊");
  g_assert_nonnull (b->unit);
  g_assert_cmpstr (b->batch->status, ==, "recalled");
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_bad_document_imports_nothing (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  /* The second product lacks its name: the whole document is refused. */
  g_autoptr(JsonNode) doc = json_from_string (
      "{\"products\":[{\"id\":\"X1\",\"name\":\"ok\",\"gtin\":\"06901234567892\"},{\"id\":\"X2\"}]}", &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("6901234567892", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;

  g_assert_no_error (error);
  g_assert_false (suyuan_store_import_document (store, doc, NULL, &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);
  g_clear_error (&error);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  g_assert_null (lookup->product);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_unknown_code (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("4006381333931", -1);
  g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (store, code, &error);

  g_assert_no_error (error);
  g_assert_null (lookup->product);
  g_assert_null (lookup->batch);
  test_dir_free (g_steal_pointer (&dir));
}

/* The app reads on one connection while sync writes on another: the reader
 * must see what the writer committed (no read transaction left open). */
static void
test_sees_other_connection_writes (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) reader = suyuan_store_open (path, &error);
  g_autoptr(SuyuanStore) writer = suyuan_store_open (path, &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("6901234567892", -1);
  g_autoptr(JsonNode) product = json_from_string ("{\"id\":\"X\",\"name\":\"牛奶\",\"gtin\":\"06901234567892\"}", NULL);
  SuyuanLookup *lookup;

  g_assert_no_error (error);
  g_assert_cmpint (suyuan_store_get_cursor (reader), ==, 0);
  lookup = suyuan_store_lookup (reader, code, &error);
  g_assert_null (lookup->product);
  suyuan_lookup_free (lookup);

  g_assert_true (suyuan_store_apply_entity (writer, "product", json_node_get_object (product), &error));
  g_assert_true (suyuan_store_set_cursor (writer, 7, &error));
  g_assert_no_error (error);

  lookup = suyuan_store_lookup (reader, code, &error);
  g_assert_nonnull (lookup->product);
  suyuan_lookup_free (lookup);
  g_assert_cmpint (suyuan_store_get_cursor (reader), ==, 7);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/migrate-reopen", test_migrates_and_reopens);
  g_test_add_func ("/store/refuse-newer", test_refuses_newer_file);
  g_test_add_func ("/store/lookup-batch-unit", test_lookup_batch_and_unit);
  g_test_add_func ("/store/bad-document", test_bad_document_imports_nothing);
  g_test_add_func ("/store/unknown", test_unknown_code);
  g_test_add_func ("/store/two-connections", test_sees_other_connection_writes);
  return g_test_run ();
}
