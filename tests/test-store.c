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
  /* What the user records is on disk when its commit returns (2 = FULL). */
  {
    sqlite3_stmt *stmt = suyuan_store_prepare (store, "PRAGMA synchronous", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    sqlite3_reset (stmt);
  }
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

/* The schema of the first release, verbatim: files written then must open. */
static const char v1_schema[] =
  "CREATE TABLE parties ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT,"
  "  licence_no TEXT, licence_valid_until TEXT, licence_status TEXT NOT NULL DEFAULT 'valid',"
  "  region TEXT, credit_class TEXT, abnormal INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE products ("
  "  id TEXT PRIMARY KEY, gtin TEXT, product_key TEXT, drug_id TEXT,"
  "  name TEXT NOT NULL, spec TEXT, category TEXT NOT NULL DEFAULT 'food',"
  "  producer_id TEXT, shelf_life_days INTEGER, approval_no TEXT, storage TEXT);"
  "CREATE UNIQUE INDEX products_gtin ON products (gtin) WHERE gtin IS NOT NULL;"
  "CREATE UNIQUE INDEX products_key ON products (product_key) WHERE product_key IS NOT NULL;"
  "CREATE INDEX products_drug ON products (drug_id) WHERE drug_id IS NOT NULL;"
  "CREATE TABLE batches ("
  "  id TEXT PRIMARY KEY, product_id TEXT NOT NULL, lot TEXT NOT NULL,"
  "  production_date TEXT, expiry_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'normal', notice TEXT);"
  "CREATE UNIQUE INDEX batches_lot ON batches (product_id, lot);"
  "CREATE TABLE units ("
  "  product_id TEXT NOT NULL, serial TEXT NOT NULL, batch_id TEXT,"
  "  state TEXT NOT NULL DEFAULT 'commissioned',"
  "  PRIMARY KEY (product_id, serial)) WITHOUT ROWID;"
  "CREATE TABLE events ("
  "  id TEXT PRIMARY KEY, type TEXT NOT NULL, time TEXT NOT NULL,"
  "  product_id TEXT, batch_id TEXT, serial TEXT,"
  "  party_id TEXT, place TEXT, reason TEXT, data TEXT);"
  "CREATE INDEX events_batch ON events (batch_id, time);"
  "CREATE INDEX events_unit ON events (product_id, serial, time);"
  "CREATE TABLE alerts ("
  "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, scope TEXT NOT NULL, target_id TEXT NOT NULL,"
  "  title TEXT NOT NULL, notice TEXT, issued_at TEXT);"
  "CREATE INDEX alerts_target ON alerts (scope, target_id);"
  "CREATE TABLE records ("
  "  uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL, data TEXT NOT NULL);"
  "CREATE TABLE outbox ("
  "  uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0, sent_at TEXT);"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);"
  "INSERT INTO parties (id, name) VALUES ('P', '老厂');"
  "INSERT INTO products (id, drug_id, name, category, producer_id) VALUES ('PR', '8234567', '老药', 'drug', 'P');"
  "INSERT INTO batches (id, product_id, lot, expiry_date) VALUES ('B', 'PR', 'L1', '2027-01-31');"
  "INSERT INTO units (product_id, serial, batch_id) VALUES ('PR', '000000001', 'B');"
  "INSERT INTO events (id, type, time, product_id, batch_id, party_id) VALUES ('E1', 'commissioning', '2026-01-02T08:00:00+08:00', 'PR', 'B', 'P');"
  "INSERT INTO outbox (uuid, kind, body, created_at) VALUES ('u-1', 'inspection', '{}', '2026-01-03');"
  "INSERT INTO sync_state VALUES ('cursor', '42');"
  "PRAGMA user_version = 1;";


static void
test_upgrades_v1_file (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("82345670000000011234", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(JsonNode) sale = json_from_string (
      "{\"id\":\"E2\",\"type\":\"selling\",\"time\":\"2026-02-01T10:00:00+08:00\",\"product_id\":\"PR\","
      "\"batch_id\":\"B\",\"serial\":\"000000001\",\"party_id\":\"SHOP\",\"place\":\"城东店\"}", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, v1_schema, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_store_get_schema_version (store), ==, suyuan_store_schema_latest ());
  /* Nothing recorded before the upgrade is lost: sync cursor and outbox included. */
  g_assert_cmpint (suyuan_store_get_cursor (store), ==, 42);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM inspection_tasks"), ==, 0);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lookup->product->name, ==, "老药");
  g_assert_cmpstr (lookup->unit->state, ==, "commissioned");
  g_assert_cmpuint (lookup->batch->expiry, ==, 20270131);
  g_assert_cmpuint (lookup->events->len, ==, 1);
  g_clear_pointer (&lookup, suyuan_lookup_free);

  /* The upgraded file behaves like a new one: a sale moves the unit. */
  g_assert_true (suyuan_store_apply_entity (store, "event", json_node_get_object (sale), &error));
  g_assert_no_error (error);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_cmpstr (lookup->unit->state, ==, "sold");
  g_assert_cmpstr (lookup->unit->last_party_id, ==, "SHOP");
  g_assert_cmpstr (lookup->unit->last_place, ==, "城东店");
  g_assert_cmpuint (lookup->events->len, ==, 2);
  test_dir_free (g_steal_pointer (&dir));
}

static const char *
event_ids (const SuyuanLookup *lookup,
           GString            *out)
{
  g_string_truncate (out, 0);
  for (guint i = 0; i < lookup->events->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", ((SuyuanEvent *) lookup->events->pdata[i])->id);
  return out->str;
}

/* The trace chain of one box: the batch's own events, then the box's, in time order. */
static void
test_lookup_trace_chain (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(SuyuanCode) unit = suyuan_code_parse ("82345670000001021234", -1);
  g_autoptr(SuyuanCode) batch = suyuan_code_parse ("]d20106901234567908" "10W2611", -1);
  g_autoptr(SuyuanCode) gtin = suyuan_code_parse ("6901234567939", -1);
  g_autoptr(SuyuanLookup) a = suyuan_store_lookup (store, unit, &error);
  g_autoptr(SuyuanLookup) b = suyuan_store_lookup (store, batch, &error);
  g_autoptr(SuyuanLookup) c = suyuan_store_lookup (store, gtin, &error);
  const SuyuanEvent *last;

  g_assert_no_error (error);
  g_assert_cmpstr (event_ids (a, ids), ==, "E-10,E-11,E-12,E-13,E-14");
  last = a->events->pdata[a->events->len - 1];
  g_assert_cmpstr (last->type, ==, "receiving");
  g_assert_cmpstr (last->party_name, ==, "惠民大药房（城东店）");
  g_assert_cmpstr (last->source_id, ==, "P-DIST");
  g_assert_cmpstr (a->unit->state, ==, "received");
  g_assert_cmpstr (a->unit->last_party_id, ==, "P-SHOP");
  g_assert_cmpuint (a->alerts->len, ==, 0);

  /* A batch-scope hold notice, found from GTIN + lot. */
  g_assert_cmpuint (b->alerts->len, ==, 1);
  g_assert_cmpstr (((SuyuanAlert *) b->alerts->pdata[0])->kind, ==, "hold");
  g_assert_cmpstr (b->batch->notice_id, ==, "A-3");
  /* A producer-scope recall, found from the bare GTIN. */
  g_assert_null (c->batch);
  g_assert_cmpuint (c->alerts->len, ==, 1);
  g_assert_cmpstr (((SuyuanAlert *) c->alerts->pdata[0])->scope, ==, "producer");
  g_assert_cmpstr (c->producer->licence_status, ==, "revoked");
  g_assert_true (c->producer->abnormal);
  test_dir_free (g_steal_pointer (&dir));
}

/* Events arriving out of order never move a unit back in time. */
static void
test_late_event_keeps_latest_state (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("82345670000001011234", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(JsonNode) old = json_from_string (
      "{\"id\":\"E-LATE\",\"type\":\"shipping\",\"time\":\"2026-10-20T08:00:00+08:00\",\"product_id\":\"PR-IBU\","
      "\"serial\":\"000000101\",\"party_id\":\"P-DIST\"}", NULL);

  g_assert_true (suyuan_store_apply_entity (store, "event", json_node_get_object (old), &error));
  g_assert_no_error (error);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_cmpstr (lookup->unit->state, ==, "sold");
  g_assert_cmpstr (lookup->unit->last_party_id, ==, "P-SHOP");
  test_dir_free (g_steal_pointer (&dir));
}

static void
apply_event (SuyuanStore *store,
             const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (suyuan_store_apply_entity (store, "event", json_node_get_object (node), &error));
  g_assert_no_error (error);
}

/* Times are instants: a recall at 03:00Z comes after a sale at 10:00+08:00
 * (02:00Z), although as text it sorts first. */
#define SALE_AT_0200Z "{\"id\":\"E-SALE\",\"type\":\"selling\",\"time\":\"2026-11-25T10:00:00+08:00\"," \
  "\"product_id\":\"PR-IBU\",\"serial\":\"000000104\",\"party_id\":\"P-SHOP\"}"
#define RECALL_AT_0300Z "{\"id\":\"E-RECALL\",\"type\":\"recalling\",\"time\":\"2026-11-25T03:00:00.250Z\"," \
  "\"product_id\":\"PR-IBU\",\"serial\":\"000000104\",\"party_id\":\"P-DIST\"}"

static void
assert_recalled_after_sale (SuyuanStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("82345670000001041234", -1);
  g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (store, code, &error);
  const char *chain;

  g_assert_no_error (error);
  g_assert_cmpstr (lookup->unit->state, ==, "recalled");
  g_assert_cmpstr (lookup->unit->last_party_id, ==, "P-DIST");
  chain = event_ids (lookup, ids);
  g_assert_true (g_str_has_suffix (chain, "E-SALE,E-RECALL"));
}

static void
test_mixed_offsets_order_as_instants (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);

  /* Either order of arrival ends the same way. */
  apply_event (store, RECALL_AT_0300Z);
  apply_event (store, SALE_AT_0200Z);
  assert_recalled_after_sale (store);
  test_dir_free (g_steal_pointer (&dir));
}

/* A store upgraded from schema 5, where the text comparison had left the unit
 * "sold", comes out right. */
static void
test_upgrade_repairs_text_ordered_units (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = NULL;
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, &path);
  g_autoptr(GError) error = NULL;

  apply_event (store, SALE_AT_0200Z);
  apply_event (store, RECALL_AT_0300Z);
  /* What schema 5 left behind: the sale's state and place. */
  g_assert_true (suyuan_store_exec (store,
    "UPDATE units SET state = 'sold', last_party_id = 'P-SHOP',"
    "  last_seen_at = '2026-11-25T10:00:00+08:00' WHERE serial = '000000104';"
    "PRAGMA user_version = 5;", &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, suyuan_store_close);

  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_store_get_schema_version (store), ==, suyuan_store_schema_latest ());
  assert_recalled_after_sale (store);
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
  g_test_add_func ("/store/upgrade-v1", test_upgrades_v1_file);
  g_test_add_func ("/store/trace-chain", test_lookup_trace_chain);
  g_test_add_func ("/store/late-event", test_late_event_keeps_latest_state);
  g_test_add_func ("/store/mixed-offsets", test_mixed_offsets_order_as_instants);
  g_test_add_func ("/store/upgrade-repairs-order", test_upgrade_repairs_text_ordered_units);
  return g_test_run ();
}
