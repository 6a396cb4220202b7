/* test-recall-scope.c — GET /api/v1/recall-scope against a real
 * suyuan-server on loopback: the demo's ibuprofen batch, who may ask, and a
 * generated province whose shipments are counted exactly, shop by shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"

#include <string.h>

/* The generated province: one batch, shipped unit by unit and by the case
 * to shops in two districts. */
#define GEN_SHOPS 40
#define GEN_UNITS 3000
#define GEN_CASES 12

typedef struct {
  gint64 shipped_to, received, sold;
} ShopCounts;

static JsonObject *
get_scope (TestServer *server,
           const char *token,
           const char *query,
           long       *status)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/recall-scope?%s", server->url, query);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) reply = NULL;

  *status = 0;
  reply = suyuan_http_request ("GET", url, token, NULL, status, NULL);
  if (reply == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             (gssize) g_bytes_get_size (reply), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
find_party (JsonObject *scope,
            const char *id)
{
  JsonArray *parties = json_object_get_array_member (scope, "parties");

  for (guint i = 0; i < json_array_get_length (parties); i++)
    {
      JsonObject *p = json_array_get_object_element (parties, i);

      if (g_strcmp0 (json_object_get_string_member (p, "party_id"), id) == 0)
        return p;
    }
  return NULL;
}

static void
assert_counts (JsonObject *party,
               gint64      shipped_to,
               gint64      received,
               gint64      sold,
               gint64      in_stock)
{
  g_assert_nonnull (party);
  g_assert_cmpint (json_object_get_int_member (party, "shipped_to"), ==, shipped_to);
  g_assert_cmpint (json_object_get_int_member (party, "received"), ==, received);
  g_assert_cmpint (json_object_get_int_member (party, "sold"), ==, sold);
  g_assert_cmpint (json_object_get_int_member (party, "in_stock"), ==, in_stock);
  g_assert_cmpint (json_object_get_int_member (party, "in_transit"), ==, MAX (shipped_to - received, 0));
}

/* Ibuprofen lot 261001, found from one box's code: five boxes went to the
 * 城东 pharmacy (two received, one sold), one to 城西 (received). */
static void
test_demo_batch (void)
{
  g_autofree char *dir = test_dir_new ();
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  g_autofree char *retailer = test_server_token (dir, "retailer", "330102", "P-SHOP", "shop");
  g_autofree char *producer = test_server_token (dir, "producer", "130100", "P-PHARMA2", "maker");
  g_autofree char *inspector = test_server_token (dir, "inspector", "330102", NULL, "east");
  g_autoptr(JsonObject) scope = NULL;
  g_autoptr(JsonObject) regional = NULL;
  g_autoptr(JsonObject) recalled = NULL;
  long status;

  scope = get_scope (server, server->token, "code=82345670000001021234", &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (scope, "batch"), "id"),
                   ==, "B-IBU-261001");
  assert_counts (find_party (scope, "P-SHOP"), 5, 2, 1, 1);
  assert_counts (find_party (scope, "P-SHOP2"), 1, 1, 0, 1);
  g_assert_cmpstr (json_object_get_string_member (find_party (scope, "P-SHOP"), "name"),
                   ==, "惠民大药房（城东店）");
  g_assert_nonnull (find_party (scope, "P-DIST"));

  /* An inspector of 330102 sees its district's pharmacy, not 城西's. */
  regional = get_scope (server, inspector, "batch=B-IBU-261001", &status);
  g_assert_cmpint (status, ==, 200);
  assert_counts (find_party (regional, "P-SHOP"), 5, 2, 1, 1);
  g_assert_null (find_party (regional, "P-SHOP2"));
  g_assert_null (find_party (regional, "P-DIST"));

  /* The recalled amoxicillin batch, by its drug trace code. */
  recalled = get_scope (server, server->token, "code=81234560000000011234", &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (recalled, "batch"), "status"),
                   ==, "recalled");

  /* Shops and producers may not ask; nor may anyone without a token. */
  g_assert_null (get_scope (server, retailer, "batch=B-IBU-261001", &status));
  g_assert_cmpint (status, ==, 403);
  g_assert_null (get_scope (server, producer, "batch=B-IBU-261001", &status));
  g_assert_cmpint (status, ==, 403);
  g_assert_null (get_scope (server, NULL, "batch=B-IBU-261001", &status));
  g_assert_cmpint (status, ==, 401);
  /* Unknown batches and codes without a lot are 404; a bad query is 400. */
  g_assert_null (get_scope (server, server->token, "batch=B-NONE", &status));
  g_assert_cmpint (status, ==, 404);
  g_assert_null (get_scope (server, server->token, "code=6901234567908", &status));
  g_assert_cmpint (status, ==, 404);
  g_assert_null (get_scope (server, server->token, "code=x&batch=y", &status));
  g_assert_cmpint (status, ==, 400);

  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

static void
append_event (GString    *doc,
              gboolean   *first,
              const char *id,
              const char *type,
              int         minute,
              const char *serial,
              const char *party,
              const char *destination,
              int         quantity)
{
  g_string_append_printf (doc, "%s{\"id\":\"%s\",\"type\":\"%s\","
                          "\"time\":\"2026-11-%02dT%02d:%02d:00+08:00\",\"product_id\":\"PR-GEN\","
                          "\"batch_id\":\"B-GEN\",\"party_id\":\"%s\"",
                          *first ? "" : ",", id, type, 10 + minute / 1440, minute / 60 % 24, minute % 60,
                          party);
  if (serial != NULL)
    g_string_append_printf (doc, ",\"serial\":\"%s\"", serial);
  if (destination != NULL)
    g_string_append_printf (doc, ",\"destination_id\":\"%s\"", destination);
  if (quantity > 0)
    g_string_append_printf (doc, ",\"data\":{\"quantity\":%d}", quantity);
  g_string_append (doc, "}");
  *first = FALSE;
}

/* A province of GEN_SHOPS shops: every unit shipped to a shop chosen at
 * random, most received, some sold; cases shipped by the batch with a
 * quantity. The server's counts equal what was shipped to each shop. */
static void
test_generated_province (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "province.json", NULL);
  g_autoptr(GString) doc = g_string_new ("{\"format\":\"suyuan-exchange/1\",\"parties\":["
    "{\"id\":\"P-GEN\",\"name\":\"省测试食品厂\",\"kind\":\"producer\",\"region\":\"330700\"},"
    "{\"id\":\"D-GEN\",\"name\":\"省测试物流\",\"kind\":\"distributor\",\"region\":\"330100\"}");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autoptr(GError) error = NULL;
  ShopCounts shops[GEN_SHOPS] = { { 0 } };
  g_autoptr(JsonObject) scope = NULL;
  TestServer *server;
  gboolean first = TRUE;
  long status;
  int minute = 0;

  for (int s = 0; s < GEN_SHOPS; s++)
    g_string_append_printf (doc, ",{\"id\":\"S-%03d\",\"name\":\"商店 %d\",\"kind\":\"retailer\","
                            "\"region\":\"%s\"}", s, s, s % 2 ? "330106" : "330102");
  g_string_append (doc, "],\"products\":[{\"id\":\"PR-GEN\",\"product_key\":\"GEN1\",\"name\":\"测试饼干\","
                        "\"category\":\"food\",\"producer_id\":\"P-GEN\"}],"
                        "\"batches\":[{\"id\":\"B-GEN\",\"product_id\":\"PR-GEN\",\"lot\":\"L1\"}],"
                        "\"units\":[");
  for (int u = 0; u < GEN_UNITS; u++)
    g_string_append_printf (doc, "%s{\"product_id\":\"PR-GEN\",\"serial\":\"%06d\",\"batch_id\":\"B-GEN\"}",
                            u ? "," : "", u);
  g_string_append (doc, "],\"events\":[");
  append_event (doc, &first, "G-SHIP", "shipping", minute++, NULL, "P-GEN", "D-GEN", GEN_UNITS);
  append_event (doc, &first, "G-RECV", "receiving", minute++, NULL, "D-GEN", NULL, GEN_UNITS);
  for (int u = 0; u < GEN_UNITS; u++)
    {
      int s = g_rand_int_range (rand, 0, GEN_SHOPS);
      g_autofree char *serial = g_strdup_printf ("%06d", u);
      g_autofree char *id = g_strdup_printf ("G-%06d", u);
      g_autofree char *rid = g_strdup_printf ("G-%06d-R", u);
      g_autofree char *sid = g_strdup_printf ("G-%06d-S", u);
      g_autofree char *shop = g_strdup_printf ("S-%03d", s);

      append_event (doc, &first, id, "shipping", minute++ % 4000, serial, "D-GEN", shop, 0);
      shops[s].shipped_to++;
      if (g_rand_int_range (rand, 0, 10) == 0)
        continue;                           /* still on the road */
      append_event (doc, &first, rid, "receiving", 4000 + minute % 4000, serial, shop, NULL, 0);
      shops[s].received++;
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          append_event (doc, &first, sid, "selling", 8000 + minute % 4000, serial, shop, NULL, 0);
          shops[s].sold++;
        }
    }
  for (int c = 0; c < GEN_CASES; c++)
    {
      int s = g_rand_int_range (rand, 0, GEN_SHOPS);
      g_autofree char *id = g_strdup_printf ("G-CASE-%d", c);
      g_autofree char *shop = g_strdup_printf ("S-%03d", s);

      append_event (doc, &first, id, "shipping", 12000 + c, NULL, "D-GEN", shop, 24);
      shops[s].shipped_to += 24;
    }
  g_string_append (doc, "]}");
  g_assert_true (g_file_set_contents (path, doc->str, (gssize) doc->len, &error));
  g_assert_no_error (error);

  server = test_server_start (dir, path);
  scope = get_scope (server, server->token, "batch=B-GEN", &status);
  g_assert_cmpint (status, ==, 200);
  for (int s = 0; s < GEN_SHOPS; s++)
    {
      g_autofree char *shop = g_strdup_printf ("S-%03d", s);

      if (shops[s].shipped_to == 0)
        g_assert_null (find_party (scope, shop));
      else
        assert_counts (find_party (scope, shop), shops[s].shipped_to, shops[s].received,
                       shops[s].sold, shops[s].received - shops[s].sold);
    }
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recall-scope/demo", test_demo_batch);
  g_test_add_func ("/recall-scope/province", test_generated_province);
  return g_test_run ();
}
