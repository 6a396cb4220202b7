/* test-epcis-rest-query.c — the EPCIS 2.0 REST binding's query on a real
 * suyuan-server over loopback: each standard query parameter on a document
 * of mixed events, paging through Link headers while others capture, the
 * answers validated against GS1's schema with ajv, and roles.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "epcis-rest-client.h"

#include <string.h>

static const char mixed[] =
  "{\"@context\": [\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
  " {\"example\": \"http://ns.example.com/epcis/\"}],"
  " \"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", \"creationDate\": \"2026-11-20T10:00:00Z\","
  " \"epcisBody\": {\"eventList\": ["
  "{\"eventID\": \"urn:uuid:00000000-0000-4000-8000-000000000001\", \"type\": \"ObjectEvent\","
  " \"eventTime\": \"2026-11-20T13:30:00.000+08:00\", \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"OBSERVE\","
  " \"bizStep\": \"shipping\", \"disposition\": \"in_transit\","
  " \"epcList\": [\"urn:epc:id:sgtin:0614141.107346.2017\"],"
  " \"readPoint\": {\"id\": \"urn:epc:id:sgln:0614141.07346.1234\"},"
  " \"bizLocation\": {\"id\": \"urn:epc:id:sgln:0614141.07346.0\"}, \"example:note\": \"kept\"},"
  "{\"eventID\": \"urn:uuid:00000000-0000-4000-8000-000000000002\", \"type\": \"AggregationEvent\","
  " \"eventTime\": \"2026-11-20T03:00:00.000Z\", \"eventTimeZoneOffset\": \"+00:00\", \"action\": \"ADD\","
  " \"bizStep\": \"packing\", \"parentID\": \"urn:epc:id:sscc:0614141.1234567890\","
  " \"childEPCs\": [\"urn:epc:id:sgtin:0614141.107346.3001\"]},"
  "{\"eventID\": \"urn:uuid:00000000-0000-4000-8000-000000000003\", \"type\": \"TransformationEvent\","
  " \"eventTime\": \"2026-11-20T12:00:00.000+08:00\", \"eventTimeZoneOffset\": \"+08:00\","
  " \"bizStep\": \"commissioning\","
  " \"inputEPCList\": [\"urn:epc:id:sgtin:0614141.107346.4001\"],"
  " \"outputEPCList\": [\"urn:epc:id:sgtin:0614141.107346.5001\"]},"
  "{\"eventID\": \"urn:uuid:00000000-0000-4000-8000-000000000004\", \"type\": \"TransactionEvent\","
  " \"eventTime\": \"2026-11-20T13:00:00.000+08:00\", \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"ADD\","
  " \"bizStep\": \"receiving\","
  " \"bizTransactionList\": [{\"type\": \"po\", \"bizTransaction\": \"http://transaction.acme.com/po/12345678\"}],"
  " \"epcList\": [\"urn:epc:id:sgtin:0614141.107346.6001\"]},"
  "{\"eventID\": \"urn:uuid:00000000-0000-4000-8000-000000000005\", \"type\": \"AssociationEvent\","
  " \"eventTime\": \"2026-11-20T14:00:00.000+08:00\", \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"ADD\","
  " \"bizStep\": \"assembling\", \"parentID\": \"urn:epc:id:grai:4012345.55555.987\","
  " \"childEPCs\": [\"urn:epc:id:giai:4000001.12345\"]},"
  "{\"eventID\": \"urn:uuid:00000000-0000-4000-8000-000000000006\", \"type\": \"ObjectEvent\","
  " \"eventTime\": \"2026-11-20T15:00:00.000+08:00\", \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"OBSERVE\","
  " \"bizStep\": \"inspecting\","
  " \"quantityList\": [{\"epcClass\": \"urn:epc:class:lgtin:4012345.012345.998877\", \"quantity\": 200.5,"
  " \"uom\": \"KGM\"}]}"
  "]}}";

/* Our own events (the demo's, terminals') are in every answer too. */
#define OWN_EVENT "urn:x-suyuan:event:"

/* The eventIDs of a query document's captured events, in order, by their
 * last digit. */
static char *
event_digits (Reply *reply)
{
  JsonObject *results = json_object_get_object_member (json_object_get_object_member (object (reply), "epcisBody"),
                                                       "queryResults");
  JsonArray *list = json_object_get_array_member (json_object_get_object_member (results, "resultsBody"), "eventList");
  GString *digits = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (list, i), "eventID");

      if (!g_str_has_prefix (id, OWN_EVENT))
        g_string_append_c (digits, id[strlen (id) - 1]);
    }
  return g_string_free (digits, FALSE);
}

/* Validates the query documents @docs with GS1's schema and ajv; skipped
 * where node, ajv or the schema is absent. */
static void
assert_schema_valid (Fixture   *f,
                     GPtrArray *docs)
{
  g_autofree char *reference = g_build_filename (g_getenv ("SUYUAN_CORPUS"), "..", "reference", "epcis",
                                                 "EPCIS-JSON-Schema.json", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int status;

  if (!g_file_test (reference, G_FILE_TEST_EXISTS) || g_find_program_in_path ("node") == NULL)
    {
      g_test_message ("no schema or node: documents not validated");
      return;
    }
  env = g_environ_setenv (env, "NODE_PATH", "/usr/share/nodejs", FALSE);
  g_ptr_array_add (argv, g_strdup ("node"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("SUYUAN_EPCIS_SCHEMA_CHECK")));
  g_ptr_array_add (argv, g_strdup (reference));
  for (guint i = 0; i < docs->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("query-%u.jsonld", i);
      char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *text = json_to_string (docs->pdata[i], TRUE);

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_ptr_array_add (argv, path);
    }
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("not valid against GS1's schema:\n%s", out);
}


/* Each query parameter on a document of mixed events: exactly the events
 * it names, in capture order, as valid EPCISQueryDocuments. */
static void
test_query_params (Fixture *f, gconstpointer data)
{
  static const struct { const char *query; const char *expect; } cases[] = {
    { "", "123456" },
    { "eventType=AggregationEvent", "2" },
    { "eventType=ObjectEvent%7CTransactionEvent", "146" },
    /* 11:00 to 13:00 at +08:00 written in UTC and in +02:00: instants, not text. */
    { "GE_eventTime=2026-11-20T03:00:00Z&LT_eventTime=2026-11-20T07:00:00.000%2B02:00", "23" },
    { "GE_recordTime=2020-01-01T00:00:00Z", "123456" },
    { "LT_recordTime=2020-01-01T00:00:00Z", "" },
    { "EQ_bizStep=shipping", "1" },
    { "EQ_bizStep=https://ref.gs1.org/cbv/BizStep-shipping%7Creceiving", "14" },
    { "EQ_disposition=in_transit", "1" },
    { "EQ_readPoint=urn:epc:id:sgln:0614141.07346.1234", "1" },
    { "EQ_bizLocation=urn:epc:id:sgln:0614141.07346.0", "1" },
    { "MATCH_epc=urn:epc:id:sgtin:0614141.107346.2017", "1" },
    /* The same unit as a GS1 Digital Link. */
    { "MATCH_epc=https://id.gs1.org/01/10614141073464/21/2017", "1" },
    { "MATCH_epc=urn:epc:id:sgtin:0614141.107346.3001", "2" },
    { "MATCH_parentID=urn:epc:id:sscc:0614141.1234567890", "2" },
    { "MATCH_inputEPC=urn:epc:id:sgtin:0614141.107346.4001", "3" },
    { "MATCH_outputEPC=urn:epc:id:sgtin:0614141.107346.5001", "3" },
    { "MATCH_inputEPC=urn:epc:id:sgtin:0614141.107346.5001", "" },
    { "MATCH_anyEPC=urn:epc:id:sscc:0614141.1234567890%7Curn:epc:id:sgtin:0614141.107346.6001", "24" },
    { "MATCH_anyEPC=urn:epc:id:grai:4012345.55555.987", "5" },
    { "MATCH_epcClass=urn:epc:class:lgtin:4012345.012345.998877", "6" },
    { "EQ_eventID=urn:uuid:00000000-0000-4000-8000-000000000005", "5" },
    { "eventID=urn:uuid:00000000-0000-4000-8000-000000000003", "3" },
    { "orderBy=eventTime", "234156" },
    { "eventType=ObjectEvent&EQ_bizStep=inspecting", "6" },
  };
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  capture_all (f, mixed);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/events?", cases[i].query, NULL);
      g_autoptr(Reply) reply = call (f, "GET", path, f->server->token, NULL);
      g_autofree char *got = NULL;

      g_test_message ("%s", path);
      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "application/ld+json");
      g_assert_cmpstr (header (reply, "GS1-EPCIS-Version"), ==, "2.0.0");
      g_assert_cmpstr (json_object_get_string_member (object (reply), "type"), ==, "EPCISQueryDocument");
      got = event_digits (reply);
      g_assert_cmpstr (got, ==, cases[i].expect);
      g_ptr_array_add (docs, json_node_ref (reply->body));
    }
  /* The event as sent: its extension and its prefix's @context come back. */
  {
    g_autoptr(Reply) one = call (f, "GET", "/events?eventID=urn:uuid:00000000-0000-4000-8000-000000000001",
                                 f->server->token, NULL);
    g_autofree char *text = json_to_string (one->body, FALSE);

    g_assert_nonnull (strstr (text, "\"example:note\":\"kept\""));
    g_assert_nonnull (strstr (text, "\"example\":\"http://ns.example.com/epcis/\""));
  }
  {
    g_autoptr(Reply) typed = call (f, "GET", "/eventTypes/TransformationEvent/events", f->server->token, NULL);
    g_autoptr(Reply) types = call (f, "GET", "/eventTypes", f->server->token, NULL);
    g_autoptr(Reply) no_type = call (f, "GET", "/eventTypes/Nonsense/events", f->server->token, NULL);
    g_autoptr(Reply) unknown = call (f, "GET", "/events?EQ_colour=red", f->server->token, NULL);
    g_autoptr(Reply) bad_time = call (f, "GET", "/events?GE_eventTime=yesterday", f->server->token, NULL);
    g_autoptr(Reply) bad_type = call (f, "GET", "/events?eventType=Nonsense", f->server->token, NULL);
    g_autofree char *typed_digits = event_digits (typed);

    g_assert_cmpstr (typed_digits, ==, "3");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (types), "@set")), ==, 5);
    assert_problem (no_type, 404, "NoSuchNameException");
    assert_problem (unknown, 400, "QueryParameterException");
    g_assert_nonnull (strstr (json_object_get_string_member (object (unknown), "title"), "EQ_colour"));
    assert_problem (bad_time, 400, "QueryParameterException");
    assert_problem (bad_type, 400, "QueryParameterException");
    g_ptr_array_add (docs, json_node_ref (typed->body));
  }
  assert_schema_valid (f, docs);
}

/* Walking the Link headers gives every event once, even while other
 * documents are captured between pages. */
static void
test_query_pages (Fixture *f, gconstpointer data)
{
  g_autofree char *first = document (25, 2000, "shipping");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup ("/events?perPage=10&EQ_bizStep=shipping");
  guint pages = 0;

  capture_all (f, first);
  while (next != NULL)
    {
      g_autoptr(Reply) page = call (f, "GET", next, f->server->token, NULL);
      const char *link = header (page, "Link");
      JsonObject *results = json_object_get_object_member (json_object_get_object_member (object (page), "epcisBody"),
                                                           "queryResults");
      JsonArray *list = json_object_get_array_member (json_object_get_object_member (results, "resultsBody"),
                                                      "eventList");

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (list), <=, 10);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *event = json_array_get_object_element (list, i);

          /* A repository-made eventID and recordTime for events sent without. */
          g_assert_nonnull (json_object_get_string_member (event, "recordTime"));
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (event, "eventID"))));
        }
      /* Five more shipped, one skipped (another bizStep), after the first page. */
      if (pages++ == 0)
        {
          g_autofree char *more = document (5, 3000, "shipping");
          g_autofree char *other = document (1, 4000, "receiving");

          capture_all (f, more);
          capture_all (f, other);
        }
      g_clear_pointer (&next, g_free);
      if (link != NULL)
        {
          g_assert_true (g_str_has_prefix (link, "</events?"));
          g_assert_true (g_str_has_suffix (link, ">; rel=\"next\""));
          g_assert_nonnull (strstr (link, "EQ_bizStep=shipping"));
          next = g_strndup (link + 1, strchr (link, '>') - link - 1);
        }
    }
  /* The 30 captured and the demo's 9 shipping events, each once. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 30 + 9);
  g_assert_cmpuint (pages, >=, 3);
  {
    g_autoptr(Reply) bad = call (f, "GET", "/events?nextPageToken=bm9uc2Vuc2U", f->server->token, NULL);
    g_autoptr(Reply) huge = call (f, "GET", "/events?perPage=100000", f->server->token, NULL);

    assert_problem (bad, 400, "QueryParameterException");
    assert_problem (huge, 400, "QueryParameterException");
  }
}

/* The eventIDs of a query document's events, in order, comma-separated. */
static char *
event_ids (Reply *reply)
{
  JsonObject *results = json_object_get_object_member (json_object_get_object_member (object (reply), "epcisBody"),
                                                       "queryResults");
  JsonArray *list = json_object_get_array_member (json_object_get_object_member (results, "resultsBody"), "eventList");
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *event = json_array_get_object_element (list, i);

      g_string_append_printf (ids, "%s%s %s", i ? "," : "", json_object_get_string_member (event, "eventID"),
                              json_object_get_string_member_with_default (event, "bizStep", "-"));
    }
  return g_string_free (ids, FALSE);
}

/* Events terminals uploaded and events imported are in the standard
 * binding's answers as the export writes them: a partner querying a unit
 * sees our own chain, and pages walk every event once. */
static void
test_query_own (Fixture *f, gconstpointer data)
{
  static const char records[] =
    "{\"records\": ["
    "{\"uuid\": \"0b7e1f3a-5c2d-4e8f-9a1b-000000000001\", \"kind\": \"event\", \"created_at\": \"2026-12-01T10:00:00+08:00\","
    " \"data\": {\"id\": \"own-receiving-1\", \"type\": \"receiving\", \"time\": \"2026-12-01T10:00:00+08:00\","
    " \"product_id\": \"PR-AMOX\", \"batch_id\": \"B-AMOX-250901\", \"serial\": \"000000001\", \"party_id\": \"P-SHOP\","
    " \"source_id\": \"P-DIST\", \"disposition\": \"sellable_accessible\"}},"
    "{\"uuid\": \"0b7e1f3a-5c2d-4e8f-9a1b-000000000002\", \"kind\": \"event\", \"created_at\": \"2026-12-02T09:30:00+08:00\","
    " \"data\": {\"id\": \"own-selling-1\", \"type\": \"selling\", \"time\": \"2026-12-02T09:30:00+08:00\","
    " \"product_id\": \"PR-AMOX\", \"batch_id\": \"B-AMOX-250901\", \"serial\": \"000000001\", \"party_id\": \"P-SHOP\","
    " \"disposition\": \"retail_sold\"}}"
    "]}";
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(Reply) uploaded = call_typed (f, "POST", "/api/v1/records", f->server->token, records, "application/json");
  g_autoptr(Reply) unit = NULL, imported = NULL, typed = NULL;
  g_autofree char *unit_ids = NULL, *imported_ids = NULL, *next = NULL;
  guint total = 0;

  g_assert_cmpuint (uploaded->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (uploaded), "rejected")), ==, 0);
  capture_all (f, mixed);
  /* The unit's own EPC, as the export writes it (GTIN 06901234567915). */
  unit = call (f, "GET", "/events?MATCH_epc=https://id.gs1.org/01/06901234567915/21/000000001",
               f->server->token, NULL);
  g_assert_cmpuint (unit->status, ==, 200);
  unit_ids = event_ids (unit);
  g_assert_cmpstr (unit_ids, ==, "urn:x-suyuan:event:own-receiving-1 receiving,"
                                 "urn:x-suyuan:event:own-selling-1 retail_selling");
  g_ptr_array_add (docs, json_node_ref (unit->body));
  /* A shop or a producer sees captured events only: our own are terminals'
   * receipts and sales, which their scoped pull does not give them either. */
  {
    g_autofree char *shop = test_server_token (f->dir, "retailer", NULL, "P-SHOP2", "own-other-shop");
    g_autoptr(Reply) hidden = call (f, "GET", "/events?MATCH_epc=https://id.gs1.org/01/06901234567915/21/000000001",
                                    shop, NULL);
    g_autofree char *hidden_ids = event_ids (hidden);

    g_assert_cmpuint (hidden->status, ==, 200);
    g_assert_cmpstr (hidden_ids, ==, "");
  }
  /* An event of the imported demo, held before any query. */
  imported = call (f, "GET", "/events?EQ_eventID=urn:x-suyuan:event:E-17", f->server->token, NULL);
  imported_ids = event_ids (imported);
  g_assert_cmpstr (imported_ids, ==, "urn:x-suyuan:event:E-17 retail_selling");
  g_ptr_array_add (docs, json_node_ref (imported->body));
  typed = call (f, "GET", "/eventTypes/ObjectEvent/events?MATCH_epc=https://id.gs1.org/01/06901234567915/21/000000001",
                f->server->token, NULL);
  g_ptr_array_add (docs, json_node_ref (typed->body));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (object (typed), "epcisBody"), "queryResults"),
    "resultsBody"), "eventList")), ==, 2);
  /* Every event once: the demo's 16, the 2 uploaded, the 6 captured. */
  next = g_strdup ("/events?perPage=7");
  while (next != NULL)
    {
      g_autoptr(Reply) page = call (f, "GET", next, f->server->token, NULL);
      const char *link = header (page, "Link");
      g_autofree char *ids = event_ids (page);
      g_auto(GStrv) each = g_strsplit (ids, ",", -1);

      g_assert_cmpuint (page->status, ==, 200);
      for (guint i = 0; ids[0] && each[i]; i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (each[i])));
      total += ids[0] ? g_strv_length (each) : 0;
      g_ptr_array_add (docs, json_node_ref (page->body));
      g_clear_pointer (&next, g_free);
      if (link != NULL)
        next = g_strndup (link + 1, strchr (link, '>') - link - 1);
    }
  g_assert_cmpuint (total, ==, 16 + 2 + 6);
  assert_schema_valid (f, docs);
  /* Our older listing of captured events lists just those. */
  {
    g_autoptr(Reply) captured = call (f, "GET", "/api/v1/epcis/events?source=capture", f->server->token, NULL);
    JsonArray *list = json_object_get_array_member (json_object_get_object_member (object (captured), "epcisBody"),
                                                    "eventList");

    g_assert_cmpuint (json_array_get_length (list), ==, 6);
  }
  /* A store from before this version (no EPCIS form of our events, no
   * progress) gets them at the first query after the upgrade. */
  test_server_stop (f->server);
  test_server_db_exec (f->dir, "DELETE FROM epcis_event_names WHERE event_seq IN"
                               " (SELECT seq FROM epcis_events WHERE id_added = 2);"
                               "DELETE FROM epcis_events WHERE id_added = 2; DELETE FROM epcis_own_progress;");
  f->server = test_server_start (f->dir, NULL);
  {
    g_autoptr(Reply) again = call (f, "GET", "/events?MATCH_epc=https://id.gs1.org/01/06901234567915/21/000000001",
                                   f->server->token, NULL);
    g_autofree char *again_ids = event_ids (again);

    g_assert_cmpstr (again_ids, ==, unit_ids);
  }
}

/* Every role may query; nobody without a token. */
static void
test_query_roles (Fixture *f, gconstpointer data)
{
  g_autofree char *inspector = test_server_token (f->dir, "inspector", NULL, NULL, "query-inspector");
  g_autoptr(Reply) anonymous = call (f, "GET", "/events", NULL, NULL);
  g_autoptr(Reply) allowed = NULL;
  g_autoptr(Reply) discovery = call (f, "GET", "/epcis", NULL, NULL);
  g_autofree char *digits = NULL;

  capture_all (f, mixed);
  assert_problem (anonymous, 401, "SecurityException");
  allowed = call (f, "GET", "/events?eventType=AssociationEvent", inspector, NULL);
  g_assert_cmpuint (allowed->status, ==, 200);
  digits = event_digits (allowed);
  g_assert_cmpstr (digits, ==, "5");
  g_assert_cmpuint (discovery->status, ==, 200);
  g_assert_cmpstr (header (discovery, "GS1-EPCIS-Capture-Limit"), ==, "10000");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/epcis-rest/query/params", Fixture, NULL, fixture_set_up, test_query_params, fixture_tear_down);
  g_test_add ("/epcis-rest/query/pages", Fixture, NULL, fixture_set_up, test_query_pages, fixture_tear_down);
  g_test_add ("/epcis-rest/query/own", Fixture, NULL, fixture_set_up, test_query_own, fixture_tear_down);
  g_test_add ("/epcis-rest/query/roles", Fixture, NULL, fixture_set_up, test_query_roles, fixture_tear_down);
  return g_test_run ();
}
