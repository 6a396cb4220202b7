/* test-scoped-pull-producer.c — a producer's terminal pulls its scope
 * (docs/api.md, "Scoped pull"): the units and events of its own products,
 * wherever they went, and those at its own party; every party, product,
 * batch and notice; `suyuanctl lookup` asks the server for the rest. A real
 * server on loopback, a real terminal store through the sync client.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "province-fixture.h"
#include "sync-client.h"

#include <string.h>
#include <sys/wait.h>

/* Producer P1 in Hangzhou (330102) makes PR-1, producer P2 in Huzhou
 * (330502) makes PR-2; S2 is a shop in Huzhou. UNITS units a batch: P1's
 * B-1A stays home, B-1B ships (as a batch) to S2, which sells one unit of
 * it; P2's B-2A ships to S2 too, is recalled, and S2 receives one unit of
 * it on its own and sells another. */
#define UNITS 12

static const struct { const char *id, *region, *kind; } parties[] = {
  { "P1", "330102", "producer" }, { "P2", "330502", "producer" },
  { "S1", "330102", "retailer" }, { "S2", "330502", "retailer" },
};

static const struct { const char *id, *product; } batches[] = {
  { "B-1A", "PR-1" }, { "B-1B", "PR-1" }, { "B-2A", "PR-2" },
};

typedef struct {
  char *dir;
  TestServer *server;
  char *producer_1;
  SuyuanStore *store;
  char *store_path;
} Fixture;

/* @serial NULL: an event about the whole batch. */
static void
add_event (JsonBuilder *b,
           const char  *id,
           const char  *type,
           const char  *time,
           const char  *product,
           const char  *batch,
           const char  *serial,
           const char  *party,
           const char  *destination)
{
  province_add_members (b, (const char *const []) { "id", id, "type", type, "time", time, "product_id", product,
                                                    "batch_id", batch, "party_id", party,
                                                    "destination_id", destination, "serial", serial, NULL });
}

static char *
write_province (const char *dir)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *gtin_1 = province_gtin ("0690123456711");
  g_autofree char *gtin_2 = province_gtin ("0690123456712");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (parties); i++)
    province_add_members (b, (const char *const []) { "id", parties[i].id, "name", parties[i].id, "kind", parties[i].kind,
                                                      "region", parties[i].region, NULL });
  json_builder_end_array (b);
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  province_add_members (b, (const char *const []) { "id", "PR-1", "name", "西湖藕粉", "gtin", gtin_1,
                                                    "producer_id", "P1", "category", "food", NULL });
  province_add_members (b, (const char *const []) { "id", "PR-2", "name", "安吉白茶", "gtin", gtin_2,
                                                    "producer_id", "P2", "category", "food", NULL });
  json_builder_end_array (b);
  json_builder_set_member_name (b, "batches");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (batches); i++)
    province_add_members (b, (const char *const []) { "id", batches[i].id, "product_id", batches[i].product,
                                                      "lot", batches[i].id + 2, "production_date", "2026-10-01",
                                                      "expiry_date", "2027-10-01",
                                                      "status", g_str_equal (batches[i].id, "B-2A") ? "recalled" : "normal",
                                             NULL });
  json_builder_end_array (b);
  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (batches); i++)
    for (int u = 0; u < UNITS; u++)
      {
        g_autofree char *serial = g_strdup_printf ("%s-%02d", batches[i].id + 2, u);

        province_add_members (b, (const char *const []) { "product_id", batches[i].product, "serial", serial,
                                                          "batch_id", batches[i].id, "state", "commissioned", NULL });
      }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  add_event (b, "E-SHIP-1B", "shipping", "2026-11-02T09:00:00+08:00", "PR-1", "B-1B", NULL, "P1", "S2");
  add_event (b, "E-SELL-1B", "selling", "2026-11-20T15:00:00+08:00", "PR-1", "B-1B", "1B-03", "S2", NULL);
  add_event (b, "E-SHIP-2A", "shipping", "2026-11-02T09:00:00+08:00", "PR-2", "B-2A", NULL, "P2", "S2");
  add_event (b, "E-SELL-2A", "selling", "2026-11-20T15:00:00+08:00", "PR-2", "B-2A", "2A-05", "S2", NULL);
  add_event (b, "E-CHECK-2A", "receiving", "2026-11-03T10:00:00+08:00", "PR-2", "B-2A", "2A-09", "S2", NULL);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);
  province_add_members (b, (const char *const []) { "id", "A-RECALL", "kind", "recall", "scope", "batch", "target_id", "B-2A",
                                                    "title", "安吉白茶 2A 召回", "issued_at", "2026-11-25", NULL });
  province_add_members (b, (const char *const []) { "id", "A-HOLD", "kind", "hold", "scope", "product", "target_id", "PR-1",
                                                    "title", "西湖藕粉 暂停销售", "issued_at", "2026-11-26", NULL });
  json_builder_end_array (b);
  return province_write (b, dir);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *province = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = test_dir_new ();
  province = write_province (f->dir);
  f->server = test_server_start (f->dir, province);
  f->producer_1 = test_server_token (f->dir, "producer", NULL, "P1", "producer-1");
  f->store_path = g_build_filename (f->dir, "producer-1.db", NULL);
  f->store = suyuan_store_open (f->store_path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  suyuan_store_close (f->store);
  test_server_stop (f->server);
  g_free (f->producer_1);
  g_free (f->store_path);
  test_dir_free (g_steal_pointer (&f->dir));
}

static void
pull (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SuyuanSyncPullResult result;

  g_assert_true (suyuan_sync_pull_full (f->store, f->server->url, f->producer_1, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_false (result.scope_changed);
}

/* `suyuanctl lookup --json` of @serial of @product on the producer's
 * terminal, asking the server for what it does not hold. */
static JsonObject *
lookup (Fixture    *f,
        const char *gtin_body,
        const char *serial,
        int         expected_exit,
        char      **out)
{
  g_autofree char *product_gtin = province_gtin (gtin_body);
  g_autofree char *code = g_strdup_printf ("01%s21%s", product_gtin, serial);
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "lookup", "--json", "--store", f->store_path, code, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status;

  env = g_environ_setenv (env, "SUYUAN_SERVER", f->server->url, TRUE);
  env = g_environ_setenv (env, "SUYUAN_TOKEN", f->producer_1, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, expected_exit);
  g_assert_true (json_parser_load_from_data (parser, *out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* P1's terminal holds P1's units, those shipped away and sold elsewhere
 * too, none of P2's; every party, product, batch and notice; and a P2 unit
 * it does not hold is answered by the server, recalled. */
static void
test_producer_holds_its_products (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *out = NULL;

  pull (f);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-1'"), ==, 2 * UNITS);
  /* The batch shipped to a shop in P2's region: every unit of it, with its sale. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE batch_id = 'B-1B'"), ==, UNITS);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE serial = '1B-03' AND state = 'sold'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE id IN ('E-SHIP-1B', 'E-SELL-1B')"), ==, 2);
  /* Nothing of P2's products, though they went to the same shop. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-2'"), ==, 0);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE product_id = 'PR-2'"), ==, 0);
  /* Master data and notices: all of them. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM parties"), ==, G_N_ELEMENTS (parties));
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM products"), ==, 2);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM batches"), ==, G_N_ELEMENTS (batches));
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM batches WHERE id = 'B-2A' AND status = 'recalled'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM alerts"), ==, 2);
  g_assert_cmpint (suyuan_store_count_units (f->store), ==, 2 * UNITS);

  /* A unit of P2's recalled batch: not held here, STOP from the server. */
  answer = lookup (f, "0690123456712", "2A-01", 4, &out);
  g_assert_cmpstr (json_object_get_string_member (answer, "level"), ==, "stop");
  g_assert_cmpstr (json_object_get_string_member (answer, "source"), ==, "server");
  g_assert_nonnull (strstr (out, "\"recalled\""));
  g_clear_pointer (&answer, json_object_unref);
  g_clear_pointer (&out, g_free);
  /* One of P1's, sold at the shop in the other region: held, and judged here. */
  answer = lookup (f, "0690123456711", "1B-03", 4, &out);
  g_assert_cmpstr (json_object_get_string_member (answer, "source"), ==, "local");
  g_assert_nonnull (strstr (out, "\"sold\""));
}

/* What happens to P1's units after they left still reaches P1; a unit of
 * P2's comes only once it is at P1's own party, with its history. */
static void
test_producer_follows_its_units (Fixture       *f,
                                 gconstpointer  data)
{
  pull (f);
  province_import_more (f->dir, "{\"events\": ["
                  "{\"id\": \"E-SELL-1B-2\", \"type\": \"selling\", \"time\": \"2026-11-21T15:00:00+08:00\","
                  " \"product_id\": \"PR-1\", \"batch_id\": \"B-1B\", \"serial\": \"1B-07\", \"party_id\": \"S2\"},"
                  "{\"id\": \"E-SELL-2A-2\", \"type\": \"selling\", \"time\": \"2026-11-21T15:00:00+08:00\","
                  " \"product_id\": \"PR-2\", \"batch_id\": \"B-2A\", \"serial\": \"2A-06\", \"party_id\": \"S2\"},"
                  "{\"id\": \"E-RETURN-2A\", \"type\": \"shipping\", \"time\": \"2026-11-22T09:00:00+08:00\","
                  " \"product_id\": \"PR-2\", \"batch_id\": \"B-2A\", \"serial\": \"2A-09\", \"party_id\": \"S2\","
                  " \"destination_id\": \"P1\"}]}");
  pull (f);
  /* The sale far away, of P1's own product. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE id = 'E-SELL-1B-2'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE serial = '1B-07' AND state = 'sold'"), ==, 1);
  /* Of P2's, only the unit shipped to P1, with where it was before. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-2'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-2' AND serial = '2A-09'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE id = 'E-SELL-2A-2'"), ==, 0);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE id = 'E-RETURN-2A'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE id = 'E-CHECK-2A'"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/scoped-pull-producer/holds-its-products", Fixture, NULL, fixture_set_up,
              test_producer_holds_its_products, fixture_tear_down);
  g_test_add ("/scoped-pull-producer/follows-its-units", Fixture, NULL, fixture_set_up,
              test_producer_follows_its_units, fixture_tear_down);
  return g_test_run ();
}
