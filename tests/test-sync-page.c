/* test-sync-page.c — the change-page reader: what a server sends arrives in
 * the store exactly, and every kind of broken or hostile page is refused with
 * a protocol error before anything is applied.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync-client.h"
#include "sync-page.h"
#include "test-support.h"

#include <string.h>

static SuyuanSyncPage *
parse (const char *text,
       GError    **error)
{
  return suyuan_sync_page_parse (g_bytes_new (text, strlen (text)), error);
}

static const SuyuanField *
field (SuyuanSyncPage *page,
       guint           change,
       const char     *name)
{
  const SuyuanSyncChange *c = &g_array_index (page->changes, SuyuanSyncChange, change);
  const SuyuanField *found = NULL;

  for (guint i = c->first; i < c->first + c->n_fields; i++)
    if (strcmp (g_array_index (page->fields, SuyuanField, i).name, name) == 0)
      found = &g_array_index (page->fields, SuyuanField, i);
  g_assert_nonnull (found);
  return found;
}

/* Members in any order, escapes, nested data and every kind of scalar. */
static void
test_reads_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanSyncPage) page = parse (
      " {\"more\": true, \"extra\": [1, {\"a\": null}], \"changes\": [\n"
      "  {\"data\": {\"id\": \"PR-\\u4e2d\\ud83d\\ude00\\n\\\"x\\\"\", \"name\": \"奶\", \"shelf_life_days\": -12,"
      "   \"w\": 2.5e1, \"ok\": false, \"gone\": null, \"spec\": {\"k\": [1, \"\\u0041\"]}}, \"seq\": 7, \"type\": \"product\"},"
      "  {\"seq\": 8, \"type\": \"party\", \"data\": {}}],\n"
      " \"last_seq\": 8}\r\n", &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_true (page->more);
  g_assert_cmpint (page->last_seq, ==, 8);
  g_assert_cmpuint (page->changes->len, ==, 2);
  g_assert_cmpstr (g_array_index (page->changes, SuyuanSyncChange, 0).type, ==, "product");
  g_assert_cmpstr (field (page, 0, "id")->text, ==, "PR-中\xf0\x9f\x98\x80\n\"x\"");
  g_assert_cmpuint (field (page, 0, "id")->len, ==, strlen ("PR-中\xf0\x9f\x98\x80\n\"x\""));
  g_assert_cmpstr (field (page, 0, "name")->text, ==, "奶");
  g_assert_cmpint (field (page, 0, "shelf_life_days")->kind, ==, SUYUAN_FIELD_INT);
  g_assert_cmpint (field (page, 0, "shelf_life_days")->integer, ==, -12);
  g_assert_cmpint (field (page, 0, "w")->kind, ==, SUYUAN_FIELD_DOUBLE);
  g_assert_cmpfloat (field (page, 0, "w")->number, ==, 25.0);
  g_assert_cmpint (field (page, 0, "ok")->kind, ==, SUYUAN_FIELD_BOOLEAN);
  g_assert_cmpint (field (page, 0, "ok")->integer, ==, 0);
  g_assert_cmpint (field (page, 0, "gone")->kind, ==, SUYUAN_FIELD_NULL);
  /* Nested data stays JSON text, as the server sent it. */
  g_assert_cmpint (field (page, 0, "spec")->kind, ==, SUYUAN_FIELD_JSON);
  g_assert_cmpmem (field (page, 0, "spec")->text, field (page, 0, "spec")->len, "{\"k\": [1, \"\\u0041\"]}", 20);
  g_assert_cmpstr (g_array_index (page->changes, SuyuanSyncChange, 1).type, ==, "party");
  g_assert_cmpuint (g_array_index (page->changes, SuyuanSyncChange, 1).n_fields, ==, 0);
}

static void
test_refuses_bad_pages (void)
{
  static const char *const bad[] = {
    "",
    "[]",
    "{\"changes\": [], \"last_seq\": 3",                       /* cut short */
    "{\"changes\": [], \"last_seq\": 3} x",                    /* trailing bytes */
    "{\"changes\": [], \"last_seq\": 3}\0",
    "{\"changes\": []}",                                       /* no last_seq */
    "{\"last_seq\": 3}",
    "{\"changes\": {}, \"last_seq\": 3}",
    "{\"changes\": [], \"last_seq\": \"3\"}",
    "{\"changes\": [], \"last_seq\": 3, \"more\": 1}",
    "{\"changes\": [], \"changes\": [], \"last_seq\": 3}",
    "{\"changes\": [7], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\"}], \"last_seq\": 3}",   /* no data */
    "{\"changes\": [{\"type\": \"unit\", \"data\": []}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": 5, \"data\": {}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"x\\u0000y\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"x\ty\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"\xff\xfe\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"\xe4\xb8\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"\\ud83d\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"\\ude00\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"\\x41\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": \"\\u00g1\"}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": 01}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": -}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": 1.}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": tru}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": [1,]}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\": 1,}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {\"a\" 1}}], \"last_seq\": 3}",
    "{\"changes\": [{\"type\": \"unit\", \"data\": {a: 1}}], \"last_seq\": 3}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      /* Sizes are exact so that a read past the end would be caught by ASan. */
      gsize len = i == 4 ? strlen (bad[i]) + 1 : strlen (bad[i]);
      g_autoptr(SuyuanSyncPage) page = suyuan_sync_page_parse (g_bytes_new (bad[i], len), &error);

      g_autofree char *shown = g_strescape (bad[i], NULL);

      g_assert_null (page);
      g_assert_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL);
      g_test_message ("%s: %s", shown, error->message);
    }
}

/* Far deeper nesting than any record has: refused, not a stack overflow. */
static void
test_refuses_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"changes\": [{\"type\": \"event\", \"data\": {\"data\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanSyncPage) page = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  page = parse (text->str, &error);
  g_assert_null (page);
  g_assert_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL);
}

static gint64
count (SuyuanStore *store,
       const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (suyuan_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Fields as read go into the store as a document would put them; a field
 * longer than the store accepts is a data error. */
static void
test_applies_fields (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  g_autoptr(SuyuanSyncPage) page = parse (
      "{\"changes\": [{\"type\": \"event\", \"data\": {\"id\": \"E1\", \"type\": \"selling\", \"time\": \"2026-01-02T03:04:05Z\","
      " \"data\": {\"price\": 3.5, \"note\": \"\\u597d\"}, \"serial\": null}}], \"last_seq\": 1}", &error);
  const SuyuanSyncChange *c;
  g_autofree char *long_text = g_strnfill (8193, 'x');
  SuyuanField too_long[] = {
    { .name = "product_id", .kind = SUYUAN_FIELD_STRING, .text = "P", .len = 1 },
    { .name = "serial", .kind = SUYUAN_FIELD_STRING, .text = long_text, .len = 8193 },
  };

  g_assert_no_error (error);
  c = &g_array_index (page->changes, SuyuanSyncChange, 0);
  g_assert_true (suyuan_store_apply_fields (store, c->type, &g_array_index (page->fields, SuyuanField, c->first),
                                            c->n_fields, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE id = 'E1' AND type = 'selling' AND serial IS NULL"
                                 " AND json_extract (data, '$.price') = 3.5 AND json_extract (data, '$.note') = '好'"), ==, 1);

  g_assert_false (suyuan_store_apply_fields (store, "unit", too_long, G_N_ELEMENTS (too_long), &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);
  g_clear_error (&error);
  g_assert_false (suyuan_store_apply_fields (store, "unit", too_long, 1, &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);  /* serial is missing */
  g_clear_error (&error);
  g_assert_false (suyuan_store_apply_fields (store, "spaceship", too_long, 1, &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);
  g_assert_cmpint (count (store, "SELECT count(*) FROM units"), ==, 0);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-page/fields", test_reads_fields);
  g_test_add_func ("/sync-page/bad-pages", test_refuses_bad_pages);
  g_test_add_func ("/sync-page/deep-nesting", test_refuses_deep_nesting);
  g_test_add_func ("/sync-page/apply", test_applies_fields);
  return g_test_run ();
}
