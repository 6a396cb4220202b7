/* test-master-data.c — products, batches and producer parties made on a
 * producer's terminal reach every other terminal through a real suyuan-server,
 * and the server holds each role to what it may edit.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "label-job.h"
#include "label-product.h"
#include "lookup.h"
#include "outbox.h"
#include "sync-client.h"
#include "sync-lookup.h"

#include <string.h>

typedef struct {
  char *dir;
  TestServer *server;
  char *producer;     /* P-DAIRY's token */
  char *retailer;
  char *inspector;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  f->producer = test_server_token (f->dir, "producer", "130100", "P-DAIRY", "dairy-line-1");
  f->retailer = test_server_token (f->dir, "retailer", "330102", "P-SHOP", "shop-1");
  f->inspector = test_server_token (f->dir, "inspector", "330102", NULL, "handheld-7");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  g_free (f->producer);
  g_free (f->retailer);
  g_free (f->inspector);
  test_dir_free (f->dir);
}

/* A terminal store in the test directory, pulled from the server as @token. */
static SuyuanStore *
synced_terminal (Fixture    *f,
                 const char *name,
                 const char *token)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (suyuan_sync_pull (store, f->server->url, token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* Uploads one event record as @token: "ack", or the server's reason. */
static char *
send_event (Fixture    *f,
            const char *token,
            const char *data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *url = g_strconcat (f->server->url, "/api/v1/records", NULL);
  char *text = g_strdup_printf ("{\"records\": [{\"uuid\": \"%s\", \"kind\": \"event\", "
                                "\"created_at\": \"2026-11-23T10:00:00+08:00\", \"data\": %s}]}", uuid, data);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = suyuan_http_request ("POST", url, token, body, NULL, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rejected;

  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  rejected = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rejected");
  if (json_array_get_length (rejected) == 0)
    return g_strdup ("ack");
  return g_strdup (json_object_get_string_member (json_array_get_object_element (rejected, 0), "error"));
}

static gint64
feed_count (Fixture    *f,
            const char *type,
            const char *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM changes WHERE type = '%s' AND %s", type, condition);

  return test_server_db_int (f->dir, sql);
}

/* The story: a producer adds a product on its terminal, prints
 * labels and syncs; an inspector's terminal then knows the codes. */
static void
test_new_product_reaches_inspector (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) producer = synced_terminal (f, "producer.db", f->producer);
  g_autoptr(SuyuanStore) inspector = NULL;
  g_autoptr(SuyuanProductEdit) p = suyuan_product_edit_new ();
  g_autoptr(SuyuanLabelJob) job = NULL;
  g_autoptr(SuyuanCode) code = NULL;
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanLookupSource source;
  guint64 sent = 0, rejected = 0;

  p->name = g_strdup ("高钙酸奶");
  p->spec = g_strdup ("200 g");
  p->gtin = g_strdup ("6901234567953");
  p->producer_id = g_strdup ("P-DAIRY");
  p->shelf_life_days = 21;
  g_assert_true (suyuan_product_save (producer, p, &error));
  g_assert_no_error (error);
  g_assert_true (suyuan_label_batch_ensure (producer, p->id, "HC2611", NULL, NULL, &error));
  g_assert_no_error (error);
  job = suyuan_label_job_new (producer, p->id, "HC2611", 3, SUYUAN_LABEL_PER_ITEM, "https://id.example.com", &error);
  g_assert_no_error (error);

  /* Master data first, then the registration that needs it: one upload. */
  g_assert_true (suyuan_sync_push (producer, f->server->url, f->producer, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rejected, ==, 0);
  g_assert_cmpint (suyuan_outbox_count_pending (producer), ==, 0);
  g_assert_cmpint (feed_count (f, "product", "json_extract (data, '$.gtin') = '06901234567953'"), ==, 1);
  g_assert_cmpint (feed_count (f, "unit", "json_extract (data, '$.product_id') = 'PR-06901234567953'"), ==, 3);

  inspector = synced_terminal (f, "inspector.db", f->inspector);
  code = suyuan_code_parse (job->payloads->pdata[1], -1);
  lookup = suyuan_store_lookup (inspector, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lookup->product);
  g_assert_cmpstr (lookup->product->name, ==, "高钙酸奶");
  g_assert_nonnull (lookup->producer);
  g_assert_cmpstr (lookup->producer->name, ==, "华北乳业有限公司");
  g_assert_nonnull (lookup->batch);
  g_assert_cmpstr (lookup->batch->lot, ==, "HC2611");
  /* The units are the producer's region's (130100), not the inspector's
   * (330102): its terminal does not hold them, and asks the server. */
  g_assert_null (lookup->unit);
  g_clear_pointer (&lookup, suyuan_lookup_free);
  lookup = suyuan_lookup_online (inspector, code, f->server->url, f->inspector, SUYUAN_ONLINE_LOOKUP_TIMEOUT_MS,
                                 &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_SERVER);
  g_assert_nonnull (lookup->unit);
  g_assert_cmpstr (lookup->unit->serial, ==, job->serials->pdata[1]);
}

/* Editing another producer's product on the terminal gets as far as the
 * outbox: the server refuses it, says why, and nothing changes there. */
static void
test_other_producers_product_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) producer = synced_terminal (f, "producer.db", f->producer);
  g_autoptr(SuyuanProductEdit) water = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  gint64 last = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  guint64 sent = 0, rejected = 0;

  water = suyuan_product_edit_load (producer, "PR-WATER", &error);
  g_assert_no_error (error);
  g_free (water->name);
  water->name = g_strdup ("山寨饮用水");
  g_assert_true (suyuan_product_save (producer, water, &error));
  g_assert_no_error (error);

  g_assert_true (suyuan_sync_push (producer, f->server->url, f->producer, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rejected, ==, 1);
  g_assert_cmpint (suyuan_outbox_count_pending (producer), ==, 1);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, last);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records"), ==, 0);

  /* The same as the server says it. */
  why = send_event (f, f->producer, "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-WATER\", "
                                    "\"name\": \"山寨饮用水\", \"producer_id\": \"P-DAIRY\"}]}");
  g_assert_cmpstr (why, ==, "forbidden: product PR-WATER belongs to another producer");
  g_clear_pointer (&why, g_free);
  why = send_event (f, f->producer, "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-WATER\", "
                                    "\"name\": \"山寨饮用水\", \"producer_id\": \"P-WATER\"}]}");
  g_assert_cmpstr (why, ==, "forbidden: product PR-WATER: producer_id must be this token's party");
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, last);
}

/* Each role against master data, and the rules that keep one producer's
 * record from reaching into another's or the regulator's data. */
static void
test_roles_and_rules (Fixture *f, gconstpointer data)
{
  static const char rename_water[] = "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-WATER\", "
                                     "\"name\": \"天然饮用水（新包装）\", \"producer_id\": \"P-WATER\"}]}";
  static const struct { const char *data; const char *why; } producer_cases[] = {
    /* Taking over a GTIN would replace that product on every terminal. */
    { "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-FAKE\", \"name\": \"假水\", "
      "\"gtin\": \"06901234567908\", \"producer_id\": \"P-DAIRY\"}]}",
      "product PR-FAKE: GTIN 06901234567908 belongs to another product" },
    /* A second id for a lot would replace the unqualified batch. */
    { "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-NEW\", \"product_id\": \"PR-YOGURT\", \"lot\": \"Y2609\"}]}",
      "batch B-NEW: lot Y2609 of product PR-YOGURT is already batch B-YOGURT-Y2609" },
    { "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-WATER-W2699\", \"product_id\": \"PR-WATER\", \"lot\": \"W2699\"}]}",
      "forbidden: batch B-WATER-W2699 is not of a product of this token's party" },
    { "{\"type\": \"master-data\", \"parties\": [{\"id\": \"P-WATER\", \"name\": \"x\"}]}",
      "forbidden: party P-WATER is not this token's party" },
    { "{\"type\": \"master-data\", \"units\": [{\"product_id\": \"PR-MILK\", \"serial\": \"1\"}]}",
      "master data carries parties, products and batches, not “units”" },
    { "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-MILK2\", \"producer_id\": \"P-DAIRY\"}]}",
      "products[0]: “name” is missing" },
    { "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-MILK2\", \"name\": {\"x\": 1}}]}",
      "products[0]: name is not a plain value" },
  };
  g_autofree char *why = NULL;
  gint64 last = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");

  why = send_event (f, f->inspector, rename_water);
  g_assert_cmpstr (why, ==, "forbidden: only producers and admins may send master data");
  g_clear_pointer (&why, g_free);
  why = send_event (f, f->retailer, rename_water);
  g_assert_cmpstr (why, ==, "forbidden: only producers and admins may send master data");
  g_clear_pointer (&why, g_free);
  for (gsize i = 0; i < G_N_ELEMENTS (producer_cases); i++)
    {
      g_autofree char *got = send_event (f, f->producer, producer_cases[i].data);

      g_assert_cmpstr (got, ==, producer_cases[i].why);
    }
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, last);

  /* What the regulator set stays: an unqualified batch, a credit class. */
  why = send_event (f, f->producer, "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-YOGURT-Y2609\", "
                                    "\"product_id\": \"PR-YOGURT\", \"lot\": \"Y2609\", \"status\": \"normal\", "
                                    "\"expiry_date\": \"2026-12-30\"}], \"parties\": [{\"id\": \"P-DAIRY\", "
                                    "\"name\": \"华北乳业股份有限公司\", \"credit_class\": \"A\", "
                                    "\"licence_status\": \"valid\"}]}");
  g_assert_cmpstr (why, ==, "ack");
  g_assert_cmpint (feed_count (f, "batch", "seq > 0 AND json_extract (data, '$.id') = 'B-YOGURT-Y2609'"
                                           " AND json_extract (data, '$.status') = 'unqualified'"
                                           " AND json_extract (data, '$.expiry_date') = '2026-12-30'"), ==, 1);
  g_assert_cmpint (feed_count (f, "party", "json_extract (data, '$.name') = '华北乳业股份有限公司'"
                                           " AND json_extract (data, '$.credit_class') IS NULL"
                                           " AND json_extract (data, '$.licence_valid_until') = '2028-06-30'"), ==, 1);

  /* An admin may edit anyone's product. */
  g_clear_pointer (&why, g_free);
  why = send_event (f, f->server->token, rename_water);
  g_assert_cmpstr (why, ==, "ack");
  g_assert_cmpint (feed_count (f, "product", "json_extract (data, '$.name') = '天然饮用水（新包装）'"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/master-data/new-product-reaches-inspector", test_new_product_reaches_inspector);
  ADD ("/master-data/other-producers-product-refused", test_other_producers_product_refused);
  ADD ("/master-data/roles-and-rules", test_roles_and_rules);
  return g_test_run ();
}
