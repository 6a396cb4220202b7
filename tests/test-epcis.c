/* test-epcis.c — EPCIS 2.0 JSON-LD interop against a real suyuan-server: a
 * terminal's export captured by a fresh server and queried back unchanged,
 * a document from another system, faults, and every role.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "code.h"
#include "http-client.h"
#include "lookup.h"
#include "sync-client.h"
#include "export.h"

#include <string.h>

typedef struct {
  char *dir;
  TestServer *server;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  /* A fresh server (no data at all), or one with the demo. */
  f->server = test_server_start (f->dir, data ? g_getenv ("SUYUAN_DEMO_JSON") : NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  test_dir_free (f->dir);
}

/* The reply as JSON, {"error": why} for a 4xx with a reason, NULL when
 * there was none; and its HTTP status. */
static JsonNode *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body,
      long       *status)
{
  g_autofree char *url = g_strconcat (f->server->url, path, NULL);
  g_autoptr(GBytes) request = body ? g_bytes_new (body, strlen (body)) : NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_autoptr(GError) error = NULL;

  reply = suyuan_http_request (method, url, token, request, status, &error);
  /* A refusal's reason is in the error's message. */
  if (reply == NULL && (g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS)
                        || g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_FORBIDDEN)))
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "error", error->message);
      json_node_take_object (node, o);
      return node;
    }
  if (reply == NULL
      || !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
event_list (JsonNode *doc)
{
  return json_object_get_array_member (json_object_get_object_member (json_node_get_object (doc), "epcisBody"),
                                       "eventList");
}

static gint64
member_int (JsonNode   *node,
            const char *name)
{
  return json_object_get_int_member (json_node_get_object (node), name);
}

/* suyuanctl export --epcis of the demo terminal, captured twice by a fresh
 * server and read back: the same events, stored once. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *store_path = NULL;
  g_autoptr(SuyuanStore) store = test_open_demo_store (f->dir, &store_path);
  g_autofree char *out = g_build_filename (f->dir, "events.jsonld", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store_path, NULL);
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "export", store_arg, "--epcis", out, NULL };
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) exported = NULL, first = NULL, again = NULL, queried = NULL;
  JsonArray *sent, *got;
  long status = 0;
  int wait;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &wait, NULL));
  g_assert_true (g_spawn_check_wait_status (wait, NULL));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  exported = json_from_string (text, NULL);
  sent = event_list (exported);
  g_assert_cmpuint (json_array_get_length (sent), >=, 16);

  first = call (f, "POST", "/api/v1/epcis/capture", f->server->token, text, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpint (member_int (first, "captured"), ==, json_array_get_length (sent));
  g_assert_cmpint (member_int (first, "events"), ==, json_array_get_length (sent));
  g_assert_cmpint (member_int (first, "duplicates"), ==, 0);
  again = call (f, "POST", "/api/v1/epcis/capture", f->server->token, text, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpint (member_int (again, "events"), ==, 0);
  g_assert_cmpint (member_int (again, "duplicates"), ==, json_array_get_length (sent));
  g_assert_cmpint (member_int (again, "last_seq"), ==, member_int (first, "last_seq"));

  /* A page of five. */
  queried = call (f, "GET", "/api/v1/epcis/events?after=0&limit=5", f->server->token, NULL, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (event_list (queried)), ==, 5);
  json_object_remove_member (json_array_get_object_element (event_list (queried), 4), "recordTime");
  g_assert_true (json_node_equal (json_array_get_element (sent, 4), json_array_get_element (event_list (queried), 4)));
  g_clear_pointer (&queried, json_node_unref);

  queried = call (f, "GET", "/api/v1/epcis/events?after=0&limit=5000", f->server->token, NULL, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (queried), "type"), ==, "EPCISDocument");
  got = event_list (queried);
  g_assert_cmpuint (json_array_get_length (got), ==, json_array_get_length (sent));
  /* As sent, with the recordTime the server adds. */
  for (guint i = 0; i < json_array_get_length (sent); i++)
    if (!json_object_has_member (json_array_get_object_element (got, i), "recordTime")
        || (json_object_remove_member (json_array_get_object_element (got, i), "recordTime"), FALSE)
        || !json_node_equal (json_array_get_element (sent, i), json_array_get_element (got, i)))
      g_error ("event %u differs:\n%s\n%s", i, json_to_string (json_array_get_element (sent, i), FALSE),
               json_to_string (json_array_get_element (got, i), FALSE));
}

/* A document as another system writes it: EPC URNs, CBV URIs, UTC times, no
 * eventIDs, aggregation and transformation. */
static const char foreign[] =
  "{\"@context\": [\"https://ref.gs1.org/standards/epcis/epcis-context.jsonld\"],"
  " \"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", \"creationDate\": \"2026-11-20T03:00:00Z\","
  " \"epcisBody\": {\"eventList\": ["
  "  {\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-20T02:00:00Z\", \"eventTimeZoneOffset\": \"+08:00\","
  "   \"epcList\": [\"urn:epc:id:sgtin:6901234.056791.000000001\"], \"action\": \"OBSERVE\","
  "   \"bizStep\": \"https://ref.gs1.org/cbv/BizStep-receiving\", \"disposition\": \"https://ref.gs1.org/cbv/Disp-in_progress\","
  "   \"bizLocation\": {\"id\": \"urn:x-suyuan:party:P-SHOP\"},"
  "   \"sourceList\": [{\"type\": \"owning_party\", \"source\": \"urn:x-suyuan:party:P-DIST\"}]},"
  "  {\"type\": \"AggregationEvent\", \"eventTime\": \"2026-11-20T03:00:00+08:00\", \"eventTimeZoneOffset\": \"+08:00\","
  "   \"parentID\": \"urn:epc:id:sscc:6901234.0000000001\", \"action\": \"ADD\", \"bizStep\": \"packing\","
  "   \"childEPCs\": [\"https://id.example.com/01/06901234567892/21/P1\", \"https://id.example.com/01/06901234567892/21/P2\"]},"
  "  {\"type\": \"TransformationEvent\", \"eventTime\": \"2026-11-20T04:00:00+08:00\", \"eventTimeZoneOffset\": \"+08:00\","
  "   \"inputQuantityList\": [{\"epcClass\": \"urn:epc:class:lgtin:6901234.056789.A2611\", \"quantity\": 200, \"uom\": \"KGM\"}],"
  "   \"outputEPCList\": [\"urn:x-suyuan:product:PR-YOGURT:serial:Y1\"], \"bizStep\": \"urn:epcglobal:cbv:bizstep:transforming\","
  "   \"ilmd\": {\"cbvmda:lotNumber\": \"Y2612\", \"cbvmda:itemExpirationDate\": \"2026-12-12\"}},"
  "  {\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-20T05:00:00+08:00\", \"eventTimeZoneOffset\": \"+08:00\","
  "   \"action\": \"ADD\", \"bizStep\": \"commissioning\", \"bizLocation\": {\"id\": \"urn:x-suyuan:party:P-DAIRY\"},"
  "   \"epcList\": [\"https://id.gs1.org/01/06901234567892/21/C1\", \"https://id.gs1.org/01/06901234567892/21/C2\"],"
  "   \"ilmd\": {\"cbvmda:lotNumber\": \"A2612\", \"cbvmda:itemExpirationDate\": \"2027-05-31\"}}"
  " ]}}";

static void
test_foreign_document (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(JsonNode) reply = NULL, queried = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("010690123456791521000000001", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *event;
  long status = 0;

  reply = call (f, "POST", "/api/v1/epcis/capture", f->server->token, foreign, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpint (member_int (reply, "captured"), ==, 4);
  g_assert_cmpint (member_int (reply, "events"), ==, 7);   /* 1 + 2 children + input and output + 2 */
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'event'"
                                               " AND json_extract (data, '$.type') = 'transforming'"
                                               " AND json_extract (data, '$.data.epcis.io') = 'input'"
                                               " AND json_extract (data, '$.batch_id') = 'B-MILK-A2611'"
                                               " AND CAST (json_extract (data, '$.data.quantity') AS INTEGER) = 200"), ==, 1);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'event'"
                                               " AND json_extract (data, '$.type') = 'packing'"
                                               " AND json_extract (data, '$.product_id') = 'PR-MILK'"
                                               " AND json_extract (data, '$.data.epcis.parent')"
                                               " = 'urn:epc:id:sscc:6901234.0000000001'"), ==, 2);

  /* Commissioning brings the new lot and its serials, once however often sent. */
  g_clear_pointer (&reply, json_node_unref);
  reply = call (f, "POST", "/api/v1/epcis/capture", f->server->token, foreign, &status);
  g_assert_cmpint (member_int (reply, "events"), ==, 0);
  g_assert_cmpint (member_int (reply, "duplicates"), ==, 7);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'batch'"
                                               " AND json_extract (data, '$.lot') = 'A2612'"
                                               " AND json_extract (data, '$.product_id') = 'PR-MILK'"
                                               " AND json_extract (data, '$.expiry_date') = '2027-05-31'"), ==, 1);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'unit'"
                                               " AND json_extract (data, '$.batch_id') LIKE 'B-EPCIS-%'"
                                               " AND json_extract (data, '$.serial') IN ('C1', 'C2')"), ==, 2);
  /* A transformation's output is new too. */
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'batch'"
                                               " AND json_extract (data, '$.lot') = 'Y2612'"
                                               " AND json_extract (data, '$.expiry_date') = '2026-12-12'"), ==, 1);

  /* Asked for by EPC, in either form: the event as it was sent. */
  for (guint form = 0; form < 2; form++)
    {
      queried = call (f, "GET", form == 0 ? "/api/v1/epcis/events?epc=urn:epc:id:sgtin:6901234.056791.000000001"
                                          : "/api/v1/epcis/events?epc=https://id.gs1.org/01/06901234567915/21/000000001",
                      f->server->token, NULL, &status);
      g_assert_cmpint (status, ==, 200);
      g_assert_cmpuint (json_array_get_length (event_list (queried)), ==, 1);
      event = json_array_get_object_element (event_list (queried), 0);
      g_assert_cmpstr (json_object_get_string_member (event, "eventTime"), ==, "2026-11-20T02:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (event, "bizStep"), ==, "https://ref.gs1.org/cbv/BizStep-receiving");
      g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "ObjectEvent");
      /* Sent without an eventID: the repository made one. */
      g_assert_true (g_str_has_prefix (json_object_get_string_member (event, "eventID"), "urn:uuid:"));
      g_assert_nonnull (json_object_get_string_member (event, "recordTime"));
      g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (event, "epcList"), 0), ==,
                       "urn:epc:id:sgtin:6901234.056791.000000001");
      g_clear_pointer (&queried, json_node_unref);
    }

  /* A terminal that pulls sees the unit received at the shop. */
  store = suyuan_store_open (path, &error);
  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lookup->unit);
  g_assert_cmpstr (lookup->unit->state, ==, "received");
  g_assert_cmpstr (lookup->unit->last_party_id, ==, "P-SHOP");
  g_clear_pointer (&lookup, suyuan_lookup_free);
  g_clear_pointer (&code, suyuan_code_free);
  code = suyuan_code_parse ("https://id.gs1.org/01/06901234567892/10/A2612/21/C2", -1);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lookup->unit);
  g_assert_cmpstr (lookup->unit->state, ==, "commissioned");
  g_assert_nonnull (lookup->batch);
  g_assert_cmpstr (lookup->batch->lot, ==, "A2612");
  g_assert_cmpuint (lookup->batch->expiry, ==, 20270531);
  g_assert_cmpstr (lookup->product->name, ==, "全脂纯牛奶");
}

/* Each fault answered 400 with a message naming it; nothing stored. */
static void
test_bad_documents (Fixture *f, gconstpointer data)
{
#define DOC(events) "{\"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", \"epcisBody\": {\"eventList\": [" events "]}}"
#define EV(rest) "{\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-20T10:00:00+08:00\", \"action\": \"OBSERVE\", " rest "}"
#define NEST5(x) "[[[[[" x "]]]]]"
#define NESTED NEST5 (NEST5 (NEST5 (NEST5 (NEST5 ("1")))))
  static const struct { const char *body; const char *says; } cases[] = {
    { "{\"type\": \"EPCISDocument\"", "the body is not JSON" },
    { "{\"type\": \"EPCISQueryDocument\", \"epcisBody\": {}}", "not an EPCISDocument" },
    { "{\"type\": \"EPCISDocument\"}", "epcisBody is missing" },
    { DOC ("{\"type\": \"ReadEvent\"}"), "eventList[0]: type “ReadEvent” is not an EPCIS 2.0 event type" },
    { DOC (EV ("\"epcList\": [\"urn:epc:id:sgtin:6901234.056791.1\"]") ", {\"type\": \"ObjectEvent\", \"eventTime\": \"yesterday\"}"),
      "eventList[1]: eventTime is not an ISO 8601 time" },
    { DOC (EV ("\"epcList\": [\"<script>\"]")), "eventList[0]: epcList[0]: EPC “<script>” is not a URI" },
    { DOC (EV ("\"eventID\": \"no uri\", \"epcList\": []")), "eventList[0]: eventID is not a URI" },
    /* One bad event refuses the whole document, naming the event and the field. */
    { DOC (EV ("\"eventID\": \"urn:uuid:e1\", \"epcList\": []") ", "
           EV ("\"eventID\": \"urn:uuid:e2\", \"bizStep\": \"shipped\", \"epcList\": []")),
      "eventList[1] (eventID “urn:uuid:e2”): bizStep “shipped” is not a CBV business step" },
    { DOC (EV ("\"readPoint\": {\"id\": 7}, \"epcList\": []")), "eventList[0]: readPoint.id is not a URI" },
    { DOC (EV ("\"sensorElementList\": " NESTED)), "nested too deeply" },
    { DOC (EV ("\"epcList\": [\"urn:epc:id:sgtin:6901234.056791.1\"], \"bizStep\": \"<b>ship</b>\"")),
      "eventList[0]: bizStep “<b>ship</b>” is not a CBV business step" },
    { DOC (EV ("\"quantityList\": [{\"epcClass\": \"urn:epc:class:lgtin:6901234.056791.L1\", \"quantity\": \"many\"}]")),
      "eventList[0]: quantityList[0].quantity is not a number" },
  };
  gint64 last = test_server_db_int (f->dir, "SELECT count(*) FROM changes");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) reply = NULL;
      long status = 0;
      const char *why;

      reply = call (f, "POST", "/api/v1/epcis/capture", f->server->token, cases[i].body, &status);
      g_assert_cmpint (status, ==, 400);
      g_assert_nonnull (reply);
      why = json_object_get_string_member (json_node_get_object (reply), "error");
      if (strstr (why, cases[i].says) == NULL)
        g_error ("case %zu: expected “%s” in “%s”", i, cases[i].says, why);
    }
  /* Every terminal refuses an event over 8 KiB: long members never get in. */
  {
    g_autofree char *long_id = g_strnfill (300, 'x');
    g_autofree char *body = g_strdup_printf (DOC (EV ("\"eventID\": \"urn:x:%s\", \"epcList\": [\"urn:epc:id:sgtin:6901234.056791.1\"]")),
                                             long_id);
    g_autoptr(JsonNode) reply = NULL;
    long status = 0;

    reply = call (f, "POST", "/api/v1/epcis/capture", f->server->token, body, &status);
    g_assert_cmpint (status, ==, 400);
    g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (reply), "error"), "too long"));
  }
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes"), ==, last);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM epcis_events"), ==, 0);
}

/* Who may capture what, and who may read. */
static void
test_roles (Fixture *f, gconstpointer data)
{
#define ONE(epc, location) \
  "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"type\": \"ObjectEvent\"," \
  " \"eventTime\": \"2026-11-21T09:00:00+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"shipping\"," \
  " \"epcList\": [\"" epc "\"]" location "}]}}"
  g_autofree char *inspector = test_server_token (f->dir, "inspector", "330102", NULL, "handheld-1");
  g_autofree char *retailer = test_server_token (f->dir, "retailer", "330102", "P-SHOP", "shop-1");
  g_autofree char *producer = test_server_token (f->dir, "producer", "130100", "P-DAIRY", "dairy-1");
  const char *milk = ONE ("https://id.gs1.org/01/06901234567892/21/M1", "");
  const char *water = ONE ("https://id.gs1.org/01/06901234567908/21/W1", "");
  const char *at_shop = ONE ("https://id.gs1.org/01/06901234567908/21/W2", ", \"bizLocation\": {\"id\": \"urn:x-suyuan:party:P-SHOP\"}");
  const char *at_dist = ONE ("https://id.gs1.org/01/06901234567908/21/W3", ", \"bizLocation\": {\"id\": \"urn:x-suyuan:party:P-DIST\"}");
  const char *association_at_dist =
    "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"type\": \"AssociationEvent\","
    " \"eventTime\": \"2026-11-21T09:00:00+08:00\", \"action\": \"ADD\", \"parentID\": \"urn:epc:id:grai:4012345.55555.987\","
    " \"childEPCs\": [\"urn:epc:id:giai:4000001.12345\"], \"bizLocation\": {\"id\": \"urn:x-suyuan:party:P-DIST\"}}]}}";
  const struct { const char *who; const char *token; const char *body; long status; const char *says; } cases[] = {
    { "no token", NULL, milk, 401, NULL },
    { "inspector", inspector, milk, 403, "role inspector may not use POST /api/v1/epcis/capture" },
    { "producer, own product", producer, milk, 200, NULL },
    { "producer, another's product", producer, water, 403, "eventList[0]: epcList[0] is not a product of this token's party" },
    { "retailer at its shop", retailer, at_shop, 200, NULL },
    { "retailer elsewhere", retailer, at_dist, 403, "eventList[0]: bizLocation is another party than this token's" },
    { "retailer elsewhere, an event of no product", retailer, association_at_dist, 403,
      "eventList[0]: bizLocation is another party than this token's" },
    { "admin", f->server->token, at_dist, 200, NULL },
  };
  const char *readers[] = { inspector, retailer, producer, f->server->token };
  long status = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) reply = call (f, "POST", "/api/v1/epcis/capture", cases[i].token, cases[i].body, &status);

      if (status != cases[i].status)
        g_error ("%s: expected %ld, got %ld", cases[i].who, cases[i].status, status);
      if (cases[i].says != NULL
          && (reply == NULL || strstr (json_object_get_string_member (json_node_get_object (reply), "error"), cases[i].says) == NULL))
        g_error ("%s: expected “%s”", cases[i].who, cases[i].says);
    }
  /* The producer's and the retailer's events are filed at their own party. */
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'event'"
                                               " AND json_extract (data, '$.serial') = 'M1'"
                                               " AND json_extract (data, '$.party_id') = 'P-DAIRY'"), ==, 1);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM changes WHERE type = 'event'"
                                               " AND json_extract (data, '$.serial') = 'W2'"
                                               " AND json_extract (data, '$.party_id') = 'P-SHOP'"), ==, 1);
  for (gsize i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr(JsonNode) doc = call (f, "GET", "/api/v1/epcis/events?after=0&limit=10", readers[i], NULL, &status);

      g_assert_cmpint (status, ==, 200);
      g_assert_cmpuint (json_array_get_length (event_list (doc)), >, 0);
    }
  {
    g_autoptr(JsonNode) none = call (f, "GET", "/api/v1/epcis/events", NULL, NULL, &status);

    g_assert_cmpint (status, ==, 401);
  }
}

/* A product no terminal knows, captured from another system, keeps its GTIN
 * when a terminal that pulled it exports its events. */
static void
test_unknown_product (Fixture *f, gconstpointer data)
{
  static const char doc[] =
    "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"type\": \"ObjectEvent\","
    " \"eventTime\": \"2026-11-21T09:00:00+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"shipping\","
    " \"epcList\": [\"urn:epc:id:sgtin:0614141.107346.2017\"]}]}}";
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  long status = 0;

  reply = call (f, "POST", "/api/v1/epcis/capture", f->server->token, doc, &status);
  g_assert_cmpint (status, ==, 200);
  store = suyuan_store_open (path, &error);
  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_true (suyuan_export_epcis (store, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  g_assert_nonnull (strstr (text, "https://id.gs1.org/01/10614141073464/21/2017"));
  g_assert_null (strstr (text, "product:unknown"));
}

/* The event comes back byte for byte as the sender wrote it (number forms,
 * spacing, escapes, unknown members), with the repository's additions. */
static void
test_as_sent (Fixture *f, gconstpointer data)
{
#define AS_SENT \
  "{ \"type\" : \"ObjectEvent\",\"eventTime\":\"2026-11-21T09:00:00.125+08:00\", \"eventTimeZoneOffset\":\"+08:00\"," \
  " \"action\":\"OBSERVE\", \"epcList\":[], \"quantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.998877\"," \
  " \"quantity\":200.50, \"uom\":\"KGM\"}], \"ex:reading\": 1.0E2, \"ex:note\": \"\\u6eaf\\u6e90\"\n}"
  static const char doc[] = "{\"@context\": [\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                            " {\"ex\": \"https://example.com/ns/\"}], \"type\": \"EPCISDocument\","
                            " \"epcisBody\": {\"eventList\": [" AS_SENT "]}}";
  g_autofree char *url = g_strconcat (f->server->url, "/api/v1/epcis/events?source=capture", NULL);
  g_autofree char *body = NULL;
  g_autofree char *head = g_strndup (AS_SENT, strlen (AS_SENT) - 1);   /* up to its closing brace */
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) captured = NULL;
  g_autoptr(GError) error = NULL;
  long status = 0;

  captured = call (f, "POST", "/api/v1/epcis/capture", f->server->token, doc, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpint (member_int (captured, "stored"), ==, 1);
  reply = suyuan_http_request ("GET", url, f->server->token, NULL, &status, &error);
  g_assert_no_error (error);
  body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (strstr (body, head) == NULL)
    g_error ("not as sent: %s", body);
  g_assert_nonnull (strstr (body, "\"recordTime\":"));
  g_assert_nonnull (strstr (body, "{\"ex\":\"https://example.com/ns/\"}"));
}

/* Every GS1 key we read, sent as an EPC URN, is found by its Digital Link
 * (on any host), in whatever role the event names it. */
static void
test_keys (Fixture *f, gconstpointer data)
{
  static const char doc[] =
    "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"type\": \"TransactionEvent\","
    " \"eventTime\": \"2026-11-21T09:00:00+08:00\", \"action\": \"ADD\","
    " \"bizTransactionList\": [{\"type\": \"po\", \"bizTransaction\": \"urn:epcglobal:cbv:bt:0614141000005:PO1\"}],"
    " \"parentID\": \"urn:epc:id:sscc:0614141.1234567890\","
    " \"epcList\": [\"urn:epc:id:grai:4012345.55555.987\", \"urn:epc:id:giai:4000001.ABC\","
    "   \"urn:epc:id:gsrn:0614141.1234567890\", \"urn:epc:id:gdti:0614141.00001.X1\"],"
    " \"sourceList\": [{\"type\": \"owning_party\", \"source\": \"urn:epc:id:pgln:0614141.00000\"}],"
    " \"destinationList\": [{\"type\": \"location\", \"destination\": \"urn:epc:id:sgln:0614141.12345.7\"}]}]}}";
  static const char *const links[] = {
    "https://id.gs1.org/00/106141412345678908", "https://example.com/00/106141412345678908",
    "https://id.gs1.org/8003/04012345555554987", "https://id.gs1.org/8004/4000001ABC",
    "https://id.gs1.org/8018/061414112345678902", "https://id.gs1.org/253/0614141000012X1",
    "https://id.gs1.org/417/0614141000005", "https://id.gs1.org/414/0614141123452/254/7",
    "urn:epcglobal:cbv:bt:0614141000005:PO1",
  };
  g_autoptr(JsonNode) reply = NULL;
  long status = 0;

  reply = call (f, "POST", "/api/v1/epcis/capture", f->server->token, doc, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpint (member_int (reply, "stored"), ==, 1);
  g_assert_cmpint (member_int (reply, "events"), ==, 0);   /* nothing of ours */
  for (gsize i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (links[i], NULL, FALSE);
      g_autofree char *path = g_strconcat ("/api/v1/epcis/events?epc=", escaped, NULL);
      g_autoptr(JsonNode) found = call (f, "GET", path, f->server->token, NULL, &status);

      g_assert_cmpint (status, ==, 200);
      if (json_array_get_length (event_list (found)) != 1)
        g_error ("%s: %u events", links[i], json_array_get_length (event_list (found)));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/epcis/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/epcis/foreign-document", Fixture, "demo", fixture_set_up, test_foreign_document, fixture_tear_down);
  g_test_add ("/epcis/bad-documents", Fixture, "demo", fixture_set_up, test_bad_documents, fixture_tear_down);
  g_test_add ("/epcis/roles", Fixture, "demo", fixture_set_up, test_roles, fixture_tear_down);
  g_test_add ("/epcis/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/epcis/as-sent", Fixture, NULL, fixture_set_up, test_as_sent, fixture_tear_down);
  g_test_add ("/epcis/unknown-product", Fixture, "demo", fixture_set_up, test_unknown_product, fixture_tear_down);
  return g_test_run ();
}
