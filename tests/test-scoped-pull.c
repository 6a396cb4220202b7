/* test-scoped-pull.c — each terminal pulls its token's scope (docs/api.md,
 * "Scoped pull"): a generated province of two regions on a real server on
 * loopback, real terminal stores, `suyuanctl lookup` for what they lack.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "province-fixture.h"
#include "http-client.h"
#include "outbox.h"
#include "sync-client.h"

#include <string.h>
#include <sys/wait.h>

/* Region A is city 3301 (Hangzhou), region B city 3305 (Huzhou): a
 * producer and two retailers each, BATCHES batches of UNITS units a region,
 * each batch shipped (as a batch) to one of the region's retailers, one
 * unit in five sold there. */
#define BATCHES 8
#define UNITS 150
#define REGION_UNITS (BATCHES * UNITS)

static const struct { const char *id, *region, *kind; } parties[] = {
  { "P-A", "330102", "producer" }, { "R-A1", "330102", "retailer" }, { "R-A2", "330106", "retailer" },
  { "P-B", "330502", "producer" }, { "R-B1", "330502", "retailer" }, { "R-B2", "330511", "retailer" },
};

/* The units region B ships to region A after the terminals first synced. */
#define MOVED_SERIAL "000157"
#define MOVED_SERIAL_2 "000158"
#define MOVED_BATCH "B-B-1"

typedef struct {
  char *dir;
  TestServer *server;
  char *inspector_a;
  char *retailer_a1;
} Fixture;

static const char *
product_gtin (char region)
{
  static char *a, *b;

  if (a == NULL)
    {
      a = province_gtin ("0690123456701");
      b = province_gtin ("0690123456702");
    }
  return region == 'A' ? a : b;
}

static void
add_event (JsonBuilder *b, const char *id, const char *type, const char *time, char region, const char *batch,
           const char *serial, const char *party, const char *destination)
{
  g_autofree char *product = g_strdup_printf ("PR-%c", region);

  province_add_members (b, (const char *const []) { "id", id, "type", type, "time", time, "product_id", product,
                                                    "batch_id", batch, "serial", serial, "party_id", party,
                                                    "destination_id", destination, NULL });
}

/* The province as one exchange-format document, written to @dir/province.json. */
static char *
write_province (const char *dir)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (parties); i++)
    province_add_members (b, (const char *const []) { "id", parties[i].id, "name", parties[i].id, "kind", parties[i].kind,
                                                      "region", parties[i].region, NULL });
  json_builder_end_array (b);
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  province_add_members (b, (const char *const []) { "id", "PR-A", "name", "西湖藕粉", "gtin", product_gtin ('A'),
                                                    "producer_id", "P-A", "category", "food", NULL });
  province_add_members (b, (const char *const []) { "id", "PR-B", "name", "安吉白茶", "gtin", product_gtin ('B'),
                                                    "producer_id", "P-B", "category", "food", NULL });
  json_builder_end_array (b);
  json_builder_set_member_name (b, "batches");
  json_builder_begin_array (b);
  for (char r = 'A'; r <= 'B'; r++)
    for (int i = 0; i < BATCHES; i++)
      {
        g_autofree char *id = g_strdup_printf ("B-%c-%d", r, i);
        g_autofree char *lot = g_strdup_printf ("L%c%d", r, i);
        g_autofree char *product = g_strdup_printf ("PR-%c", r);
        gboolean recalled = r == 'B' && i == 0;

        province_add_members (b, (const char *const []) { "id", id, "product_id", product, "lot", lot,
                                                          "production_date", "2026-10-01", "expiry_date", "2027-10-01",
                                                          "status", recalled ? "recalled" : "normal", NULL });
      }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  for (char r = 'A'; r <= 'B'; r++)
    for (int i = 0; i < BATCHES; i++)
      for (int u = 0; u < UNITS; u++)
        {
          g_autofree char *batch = g_strdup_printf ("B-%c-%d", r, i);
          g_autofree char *serial = g_strdup_printf ("%06d", i * UNITS + u);
          g_autofree char *product = g_strdup_printf ("PR-%c", r);

          province_add_members (b, (const char *const []) { "product_id", product, "serial", serial, "batch_id", batch,
                                                            "state", "commissioned", NULL });
        }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (char r = 'A'; r <= 'B'; r++)
    for (int i = 0; i < BATCHES; i++)
      {
        g_autofree char *batch = g_strdup_printf ("B-%c-%d", r, i);
        g_autofree char *id = g_strdup_printf ("E-SHIP-%c-%d", r, i);
        g_autofree char *producer = g_strdup_printf ("P-%c", r);
        g_autofree char *shop = g_strdup_printf ("R-%c%d", r, 1 + i % 2);

        /* As supply chains record it: the batch ships as one. */
        add_event (b, id, "shipping", "2026-11-02T09:00:00+08:00", r, batch, NULL, producer, shop);
        for (int u = 0; u < UNITS; u += 5)
          {
            g_autofree char *serial = g_strdup_printf ("%06d", i * UNITS + u);
            g_autofree char *sale = g_strdup_printf ("E-SELL-%c-%s", r, serial);

            add_event (b, sale, "selling", "2026-11-20T15:00:00+08:00", r, batch, serial, shop, NULL);
          }
      }
  add_event (b, "E-MOVED-1", "receiving", "2026-11-03T10:00:00+08:00", 'B', MOVED_BATCH, MOVED_SERIAL, "R-B2", NULL);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);
  province_add_members (b, (const char *const []) { "id", "A-RECALL", "kind", "recall", "scope", "batch", "target_id", "B-B-0",
                                                    "title", "安吉白茶 LB0 召回", "issued_at", "2026-11-25", NULL });
  province_add_members (b, (const char *const []) { "id", "A-HOLD", "kind", "hold", "scope", "product", "target_id", "PR-A",
                                                    "title", "西湖藕粉 暂停销售", "issued_at", "2026-11-26", NULL });
  json_builder_end_array (b);
  return province_write (b, dir);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *province = NULL;

  f->dir = test_dir_new ();
  province = write_province (f->dir);
  f->server = test_server_start (f->dir, province);
  f->inspector_a = test_server_token (f->dir, "inspector", "3301", NULL, "handheld-a");
  f->retailer_a1 = test_server_token (f->dir, "retailer", "330102", "R-A1", "shop-a1");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  g_free (f->inspector_a);
  g_free (f->retailer_a1);
  test_dir_free (g_steal_pointer (&f->dir));
}

static SuyuanStore *
open_terminal (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
pull (Fixture *f, SuyuanStore *store, const char *token)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (suyuan_sync_pull (store, f->server->url, token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The "done": an inspector of region A holds A's units only, every
 * notice, and still learns from the server that a B unit is recalled. */
static void
test_inspector_holds_its_region (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) store = open_terminal (f, "inspector-a.db");
  g_autofree char *store_path = g_build_filename (f->dir, "inspector-a.db", NULL);
  g_autofree char *code = g_strdup_printf ("01%s21%06d", product_gtin ('B'), 3);
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "lookup", "--json", "--store", store_path, code, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *answer;
  int status;

  pull (f, store, f->inspector_a);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-A'"), ==, REGION_UNITS);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-B'"), ==, 0);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM events WHERE product_id = 'PR-B'"), ==, 0);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM alerts"), ==, 2);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM parties"), ==, G_N_ELEMENTS (parties));
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM batches"), ==, 2 * BATCHES);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM products"), ==, 2);

  /* A unit of region B's recalled batch: not held here, STOP from the server. */
  env = g_environ_setenv (env, "SUYUAN_SERVER", f->server->url, TRUE);
  env = g_environ_setenv (env, "SUYUAN_TOKEN", f->inspector_a, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 4);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  answer = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (answer, "level"), ==, "stop");
  g_assert_cmpstr (json_object_get_string_member (answer, "source"), ==, "server");
  g_assert_nonnull (strstr (out, "\"recalled\""));
}

/* A retailer holds the units of the batches shipped to it, nothing else. */
static void
test_retailer_holds_its_party (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) store = open_terminal (f, "shop-a1.db");

  pull (f, store, f->retailer_a1);
  /* Batches 0, 2, 4, 6 of region A went to R-A1. */
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units"), ==, BATCHES / 2 * UNITS);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE batch_id NOT IN"
                                 " ('B-A-0', 'B-A-2', 'B-A-4', 'B-A-6')"), ==, 0);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE state = 'sold'"), ==, BATCHES / 2 * UNITS / 5);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM alerts"), ==, 2);
}

/* A unit region B ships to region A afterwards arrives there with what
 * happened to it before; a token re-issued for region B then re-pulls and
 * holds B's units, not A's, and the records not yet sent still go. */
static void
test_unit_moves_and_scope_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) store = open_terminal (f, "inspector-a.db");
  g_autoptr(JsonObject) recorded = json_object_new ();
  g_autofree char *uuid = NULL;
  g_autofree char *inspector_b = NULL;
  g_autoptr(GError) error = NULL;
  guint64 sent = 0, rejected = 0;

  pull (f, store, f->inspector_a);
  province_import_more (f->dir, "{\"events\": ["
                  "{\"id\": \"E-MOVED-2\", \"type\": \"shipping\", \"time\": \"2026-11-10T09:00:00+08:00\","
                  " \"product_id\": \"PR-B\", \"batch_id\": \"" MOVED_BATCH "\", \"serial\": \"" MOVED_SERIAL "\","
                  " \"party_id\": \"R-B2\", \"destination_id\": \"R-A1\"},"
                  "{\"id\": \"E-MOVED-3\", \"type\": \"receiving\", \"time\": \"2026-11-11T09:00:00+08:00\","
                  " \"product_id\": \"PR-B\", \"batch_id\": \"" MOVED_BATCH "\", \"serial\": \"" MOVED_SERIAL "\","
                  " \"party_id\": \"R-A1\"},"
                  "{\"id\": \"E-MOVED-4\", \"type\": \"shipping\", \"time\": \"2026-11-10T09:00:00+08:00\","
                  " \"product_id\": \"PR-B\", \"batch_id\": \"" MOVED_BATCH "\", \"serial\": \"" MOVED_SERIAL_2 "\","
                  " \"party_id\": \"R-B2\", \"destination_id\": \"R-A1\"}]}");
  pull (f, store, f->inspector_a);
  /* Two units of one batch, each shipped on its own: each brings its own. */
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-B'"), ==, 2);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-B' AND serial = '" MOVED_SERIAL_2 "'"
                                 " AND state = 'shipped'"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-B' AND serial = '" MOVED_SERIAL "'"
                                 " AND state = 'received' AND last_party_id = 'R-A1'"), ==, 1);
  /* Its history: where region B received it before it came. */
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM events WHERE product_id = 'PR-B'"), ==, 4);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM events WHERE id = 'E-MOVED-1' AND party_id = 'R-B2'"), ==, 1);

  /* Recorded on the terminal, not yet sent: an inspection of a unit of A. */
  json_object_set_string_member (recorded, "id", "E-LOCAL-1");
  json_object_set_string_member (recorded, "type", "inspecting");
  json_object_set_string_member (recorded, "time", "2026-11-28T10:00:00+08:00");
  json_object_set_string_member (recorded, "product_id", "PR-A");
  json_object_set_string_member (recorded, "batch_id", "B-A-0");
  json_object_set_string_member (recorded, "serial", "000001");
  json_object_set_string_member (recorded, "party_id", "R-A1");
  g_assert_true (suyuan_store_apply_entity (store, "event", recorded, &error));
  uuid = suyuan_outbox_enqueue (store, "event", recorded, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 1);

  /* The device moves to region B: a token for region B replaces its old one. */
  inspector_b = test_server_token (f->dir, "inspector", "3305", NULL, "handheld-a-in-b");
  pull (f, store, inspector_b);
  /* Of region A only what the terminal recorded and has not sent. */
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-A'"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM events WHERE product_id = 'PR-A'"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM events WHERE id = 'E-LOCAL-1'"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-B'"), ==, REGION_UNITS);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM alerts"), ==, 2);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM batches WHERE id = 'B-B-0' AND status = 'recalled'"), ==, 1);
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 1);
  g_assert_true (suyuan_sync_push (store, f->server->url, inspector_b, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 0);
  /* Pulling again under the same scope changes nothing. */
  pull (f, store, inspector_b);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units"), ==, REGION_UNITS + 1);

  /* Back to region A with `suyuanctl sync`: it says so, and holds A's units
   * and the one that came from B. */
  {
    g_autofree char *inspector_a2 = test_server_token (f->dir, "inspector", "3301", NULL, "handheld-a-again");
    g_autofree char *path = g_build_filename (f->dir, "inspector-a.db", NULL);
    g_autofree char *out = NULL;
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SUYUAN_TOKEN", inspector_a2, TRUE);
    const char *argv[] = { g_getenv ("SUYUAN_CTL"), "sync", "--json", "--store", path, "--server", f->server->url, NULL };
    int status;

    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "\"scope_changed\":true"));
    g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-A'"), ==, REGION_UNITS);
    g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-B'"), ==, 2);
  }
}

/* A feed written before scoped pull (no keys) gets its keys when the server
 * opens it, and scoped terminals pull it right. */
static void
test_old_feed_is_backfilled (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) store = open_terminal (f, "shop-a1.db");

  test_server_stop (f->server);
  test_server_db_exec (f->dir, "DELETE FROM change_scope");
  test_server_db_exec (f->dir, "INSERT INTO change_scope_backfill (through) SELECT max(seq) FROM changes");
  /* The operator sees how far it has come (a line every interval, here 0 s). */
  {
    gint64 through = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
    g_autofree char *db = test_server_db_arg (f->dir);
    g_autofree char *err = NULL;
    g_autofree char *line = g_strdup_printf ("giving the change feed its scope keys: %" G_GINT64_FORMAT " of %"
                                             G_GINT64_FORMAT " changes (100%%)", through, through);
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SUYUAN_SERVER_PROGRESS_SECONDS", "0", TRUE);
    const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db, "--import-only", NULL };
    g_autoptr(GError) error = NULL;
    int status;

    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, line));
  }
  f->server = test_server_start (f->dir, NULL);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM change_scope_backfill"), ==, 0);
  pull (f, store, f->retailer_a1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units"), ==, BATCHES / 2 * UNITS);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE state = 'sold'"), ==, BATCHES / 2 * UNITS / 5);
}

/* A consignment of cases names the serials it carries: region B's shop gets
 * those units (and what happened to them), not the rest of the batch; a
 * province-wide inspector (a two-digit code) gets both regions. */
static void
test_cases_bring_their_units (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) shop = open_terminal (f, "inspector-b.db");
  g_autoptr(SuyuanStore) province = open_terminal (f, "province.db");
  g_autofree char *inspector_b = test_server_token (f->dir, "inspector", "3305", NULL, "handheld-b");
  g_autofree char *inspector_33 = test_server_token (f->dir, "inspector", "33", NULL, "handheld-33");

  /* Batch 7 of region A (serials 001050…001199) went to R-A2; one case
   * of 24 goes on to R-B1, shipped and received. */
  province_import_more (f->dir, "{\"events\": ["
                  "{\"id\": \"E-CASE-1\", \"type\": \"shipping\", \"time\": \"2026-11-21T09:00:00+08:00\","
                  " \"product_id\": \"PR-A\", \"batch_id\": \"B-A-7\", \"serial_first\": \"001080\","
                  " \"serial_last\": \"001103\", \"party_id\": \"R-A2\", \"destination_id\": \"R-B1\"},"
                  "{\"id\": \"E-CASE-2\", \"type\": \"receiving\", \"time\": \"2026-11-21T15:00:00+08:00\","
                  " \"product_id\": \"PR-A\", \"batch_id\": \"B-A-7\", \"serial_first\": \"001080\","
                  " \"serial_last\": \"001103\", \"party_id\": \"R-B1\", \"source_id\": \"R-A2\"}]}");
  pull (f, shop, inspector_b);
  g_assert_cmpint (test_store_int (shop, "SELECT count(*) FROM units WHERE product_id = 'PR-A'"), ==, 24);
  g_assert_cmpint (test_store_int (shop, "SELECT count(*) FROM units WHERE product_id = 'PR-A'"
                                " AND serial BETWEEN '001080' AND '001103'"), ==, 24);
  /* Their history: the five of them sold at R-A2 before (one in five),
   * then the consignment's two events. */
  g_assert_cmpint (test_store_int (shop, "SELECT count(*) FROM events WHERE product_id = 'PR-A' AND type = 'selling'"), ==, 5);
  g_assert_cmpint (test_store_int (shop, "SELECT count(*) FROM events WHERE id IN ('E-CASE-1', 'E-CASE-2')"), ==, 2);
  g_assert_cmpint (test_store_int (shop, "SELECT count(*) FROM units WHERE product_id = 'PR-B'"), ==, REGION_UNITS);
  /* The case's units were copied once, as one change: the receipt found
   * the shipment's copy. */
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes AS c JOIN change_scope AS k"
                                               " ON k.seq = c.seq WHERE k.key = 'party:R-B1' AND c.type = 'units'"
                                               " AND c.data LIKE '%PR-A%'"), ==, 1);

  pull (f, province, inspector_33);
  g_assert_cmpint (test_store_int (province, "SELECT count(*) FROM units"), ==, 2 * REGION_UNITS);
}

typedef struct {
  gint64 bytes;
  gint64 changes;
  gint64 pages;
  GArray *seqs;   /* gint64, as pulled */
} Feed;

/* Every page of the feed for @token, as the wire carries it (no gzip). */
static Feed
read_feed_pages (Fixture *f, const char *token, guint limit)
{
  Feed feed = { 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gint64 after = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *url = g_strdup_printf ("%s/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=%u",
                                              f->server->url, after, limit);
      JsonArray *changes;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = suyuan_http_request ("GET", url, token, NULL, NULL, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *page;

      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), &error));
      page = json_node_get_object (json_parser_get_root (parser));
      feed.bytes += (gint64) g_bytes_get_size (body);
      changes = json_object_get_array_member (page, "changes");
      feed.changes += json_array_get_length (changes);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          gint64 seq = json_object_get_int_member (json_array_get_object_element (changes, i), "seq");

          g_array_append_val (feed.seqs, seq);
        }
      feed.pages++;
      g_assert_cmpint (json_object_get_int_member (page, "last_seq"), >=, after);
      after = json_object_get_int_member (page, "last_seq");
      more = json_object_get_boolean_member (page, "more");
    }
  return feed;
}

static Feed
read_feed (Fixture *f, const char *token)
{
  return read_feed_pages (f, token, 5000);
}

/* Pages of 7 changes give what pages of 5000 give, in the same order,
 * each change once: where a page ends inside a key's run of changes, or
 * where one county's keys run past another's (a city inspector). */
static void
test_pages_cut_anywhere (Fixture *f, gconstpointer data)
{
  g_autofree char *inspector_33 = test_server_token (f->dir, "inspector", "33", NULL, "handheld-33");
  const char *tokens[] = { f->inspector_a, f->retailer_a1, inspector_33 };

  for (gsize t = 0; t < G_N_ELEMENTS (tokens); t++)
    {
      Feed big = read_feed_pages (f, tokens[t], 5000), small = read_feed_pages (f, tokens[t], 7);

      g_assert_cmpuint (small.seqs->len, ==, big.seqs->len);
      g_assert_cmpuint (big.seqs->len, >, 100);
      for (guint i = 0; i < big.seqs->len; i++)
        {
          g_assert_cmpint (g_array_index (small.seqs, gint64, i), ==, g_array_index (big.seqs, gint64, i));
          g_assert_true (i == 0 || g_array_index (big.seqs, gint64, i - 1) < g_array_index (big.seqs, gint64, i));
        }
      g_array_unref (big.seqs);
      g_array_unref (small.seqs);
    }
}

/* Size and time of a scoped pull next to a full one (the anchor), printed. */
static void
test_measure (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) full = open_terminal (f, "admin.db");
  g_autoptr(SuyuanStore) scoped = open_terminal (f, "inspector-a.db");
  Feed all = read_feed (f, f->server->token), region = read_feed (f, f->inspector_a);

  g_array_unref (all.seqs);
  g_array_unref (region.seqs);
  gint64 t0, t_full, t_scoped;

  t0 = g_get_monotonic_time ();
  pull (f, full, f->server->token);
  t_full = g_get_monotonic_time () - t0;
  t0 = g_get_monotonic_time ();
  pull (f, scoped, f->inspector_a);
  t_scoped = g_get_monotonic_time () - t0;
  g_assert_cmpint (region.changes, <, all.changes);
  g_test_message ("province: 2 regions, %d units; full pull (admin, anchor): %" G_GINT64_FORMAT " changes,"
                  " %" G_GINT64_FORMAT " bytes, %.1f ms", 2 * REGION_UNITS, all.changes, all.bytes, t_full / 1000.0);
  g_test_message ("scoped pull (inspector, region 3301): %" G_GINT64_FORMAT " changes, %" G_GINT64_FORMAT " bytes"
                  " (%.2f of full), %.1f ms (%.2f of full)", region.changes, region.bytes,
                  (double) region.bytes / (double) all.bytes, t_scoped / 1000.0, (double) t_scoped / (double) t_full);
  /* What scoping costs the server: keys per change, history copied for scopes. */
  g_test_message ("server feed: %" G_GINT64_FORMAT " changes, of them %" G_GINT64_FORMAT " history copies;"
                  " %" G_GINT64_FORMAT " scope keys",
                  test_server_db_int (f->dir, "SELECT count(*) FROM changes"),
                  test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE copy_of IS NOT NULL"),
                  test_server_db_int (f->dir, "SELECT count(*) FROM change_scope"));
  /* Registrations, the bulk of a province, cost their place's two keys
   * (party, region), and one row a key for a run of them: here each
   * producer's units came in one import, one after the other. */
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM change_scope AS k WHERE EXISTS"
                                               " (SELECT 1 FROM changes AS c WHERE c.type = 'unit'"
                                               " AND c.seq BETWEEN k.seq AND COALESCE (k.seq_last, k.seq))"), ==, 2 * 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/scoped-pull/inspector-holds-its-region", Fixture, NULL, fixture_set_up,
              test_inspector_holds_its_region, fixture_tear_down);
  g_test_add ("/scoped-pull/retailer-holds-its-party", Fixture, NULL, fixture_set_up,
              test_retailer_holds_its_party, fixture_tear_down);
  g_test_add ("/scoped-pull/unit-moves-and-scope-changes", Fixture, NULL, fixture_set_up,
              test_unit_moves_and_scope_changes, fixture_tear_down);
  g_test_add ("/scoped-pull/old-feed-is-backfilled", Fixture, NULL, fixture_set_up,
              test_old_feed_is_backfilled, fixture_tear_down);
  g_test_add ("/scoped-pull/cases-bring-their-units", Fixture, NULL, fixture_set_up,
              test_cases_bring_their_units, fixture_tear_down);
  g_test_add ("/scoped-pull/pages-cut-anywhere", Fixture, NULL, fixture_set_up,
              test_pages_cut_anywhere, fixture_tear_down);
  g_test_add ("/scoped-pull/measure", Fixture, NULL, fixture_set_up, test_measure, fixture_tear_down);
  return g_test_run ();
}
