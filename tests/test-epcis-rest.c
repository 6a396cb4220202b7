/* test-epcis-rest.c — the EPCIS 2.0 REST binding on a real suyuan-server
 * over loopback: capture jobs (202, Location, the job's state, kept across
 * a restart), the server answering while a capture runs, refusals as RFC
 * 7807 problems, and roles.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"

#include <libsoup/soup.h>
#include <string.h>

typedef struct {
  char *dir;
  TestServer *server;
  SoupSession *session;
} Fixture;

typedef struct {
  guint status;
  SoupMessageHeaders *headers;
  JsonNode *body;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  f->session = soup_session_new_with_options ("timeout", 120, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->session);
  test_server_stop (f->server);
  test_dir_free (f->dir);
}

/* @method @path with @token (NULL: none) and @body, as a partner system
 * would send it; the status, headers and JSON body of the answer. */
static Reply *
call_typed (Fixture    *f,
            const char *method,
            const char *path,
            const char *token,
            const char *body,
            const char *content_type)
{
  g_autofree char *url = g_strconcat (f->server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, request);
    }
  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (g_bytes_get_size (bytes) > 0)
    reply->body = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  return reply;
}

static Reply *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  return call_typed (f, method, path, token, body, "application/ld+json");
}

static const char *
header (Reply      *reply,
        const char *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

static JsonObject *
object (Reply *reply)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

/* A refusal is an RFC 7807 problem with the standard's exception. */
static void
assert_problem (Reply      *reply,
                guint       status,
                const char *exception)
{
  g_autofree char *type = g_strconcat ("epcisException:", exception, NULL);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "application/problem+json");
  g_assert_cmpstr (json_object_get_string_member (object (reply), "type"), ==, type);
  g_assert_cmpint (json_object_get_int_member (object (reply), "status"), ==, status);
  g_assert_nonnull (json_object_get_string_member (object (reply), "title"));
}

/* @n ObjectEvents shipping @per_event units each of the demo milk, as
 * another system sends them. */
static char *
document_of (guint       n,
             guint       per_event,
             guint       first,
             const char *biz_step)
{
  GString *doc = g_string_new ("{\"@context\": [\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                               " \"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\","
                               " \"creationDate\": \"2026-11-20T10:00:00Z\", \"epcisBody\": {\"eventList\": [");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (doc, "%s{\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-20T10:00:00.000+08:00\","
                              " \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"%s\","
                              " \"epcList\": [", i ? "," : "", biz_step);
      for (guint e = 0; e < per_event; e++)
        g_string_append_printf (doc, "%s\"https://id.gs1.org/01/06901234567892/21/R%08u\"", e ? "," : "",
                                first + i * per_event + e);
      g_string_append (doc, "]}");
    }
  g_string_append (doc, "]}}");
  return g_string_free (doc, FALSE);
}

static char *
document (guint       n,
          guint       first,
          const char *biz_step)
{
  return document_of (n, 1, first, biz_step);
}

/* Polls the job at @location until it stops running (up to 60 s). */
static Reply *
finished_job (Fixture    *f,
              const char *location,
              const char *token)
{
  for (int i = 0; i < 1200; i++)
    {
      g_autoptr(Reply) job = call (f, "GET", location, token, NULL);

      g_assert_cmpuint (job->status, ==, 200);
      if (!json_object_get_boolean_member (object (job), "running"))
        return g_steal_pointer (&job);
      g_usleep (50000);
    }
  g_assert_not_reached ();
}

static gint64
last_seq (Fixture *f)
{
  g_autoptr(Reply) health = call (f, "GET", "/api/v1/health", NULL, NULL);

  return json_object_get_int_member (object (health), "last_seq");
}

/* POST /capture answers 202 with the job's Location; the job ends with
 * success and the events are stored. */
static void
test_capture_job (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = document (3, 0, "shipping");
  gint64 before = last_seq (f);
  g_autoptr(Reply) accepted = call (f, "POST", "/capture", f->server->token, doc);
  g_autoptr(Reply) job = NULL;
  const char *location = header (accepted, "Location");
  JsonObject *o;

  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_cmpstr (header (accepted, "GS1-EPCIS-Version"), ==, "2.0.0");
  g_assert_nonnull (header (accepted, "GS1-CBV-Version"));
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, "/capture/"));
  job = finished_job (f, location, f->server->token);
  o = object (job);
  g_assert_cmpstr (json_object_get_string_member (o, "captureID"), ==, location + strlen ("/capture/"));
  g_assert_true (json_object_get_boolean_member (o, "success"));
  g_assert_cmpstr (json_object_get_string_member (o, "captureErrorBehaviour"), ==, "rollback");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "errors")), ==, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "createdAt"), "Z"));
  g_assert_cmpstr (json_object_get_string_member (o, "finishedAt"), >=,
                   json_object_get_string_member (o, "createdAt"));
  g_assert_cmpint (last_seq (f), ==, before + 3);
}

/* A document with one bad event: the job fails naming it, nothing stored. */
static void
test_capture_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *good = document (2, 100, "shipping");
  g_autoptr(GString) doc = g_string_new (good);
  gint64 before = last_seq (f);
  g_autoptr(Reply) accepted = NULL;
  g_autoptr(Reply) job = NULL;
  JsonObject *problem;

  /* A third event with a time that is no time. */
  g_string_truncate (doc, doc->len - 3);
  g_string_append (doc, ", {\"type\": \"ObjectEvent\", \"eventTime\": \"yesterday\", \"eventTimeZoneOffset\": \"+08:00\","
                        " \"action\": \"OBSERVE\", \"bizStep\": \"shipping\","
                        " \"epcList\": [\"https://id.gs1.org/01/06901234567892/21/R00000199\"]}]}}");
  accepted = call (f, "POST", "/capture", f->server->token, doc->str);
  g_assert_cmpuint (accepted->status, ==, 202);
  job = finished_job (f, header (accepted, "Location"), f->server->token);
  g_assert_false (json_object_get_boolean_member (object (job), "success"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (job), "errors")), ==, 1);
  problem = json_array_get_object_element (json_object_get_array_member (object (job), "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, "epcisException:ValidationException");
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 400);
  g_assert_nonnull (strstr (json_object_get_string_member (problem, "title"), "2"));
  g_assert_cmpint (last_seq (f), ==, before);

  /* Not JSON at all: a job that says so. */
  {
    g_autoptr(Reply) junk = call (f, "POST", "/capture", f->server->token, "{not json");
    g_autoptr(Reply) failed = NULL;

    g_assert_cmpuint (junk->status, ==, 202);
    failed = finished_job (f, header (junk, "Location"), f->server->token);
    g_assert_false (json_object_get_boolean_member (object (failed), "success"));
  }
  g_assert_cmpint (last_seq (f), ==, before);
}

/* A capture of 50,000 units runs on its own thread: the server answers
 * other requests while the job is still running. */
static void
test_capture_concurrent (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = document_of (10000, 5, 1000, "shipping");
  g_autoptr(Reply) accepted = call (f, "POST", "/capture", f->server->token, doc);
  g_autoptr(Reply) health = NULL;
  g_autoptr(Reply) running = NULL;
  g_autoptr(Reply) done = NULL;

  g_assert_cmpuint (accepted->status, ==, 202);
  health = call (f, "GET", "/api/v1/health", NULL, NULL);
  g_assert_cmpuint (health->status, ==, 200);
  running = call (f, "GET", header (accepted, "Location"), f->server->token, NULL);
  /* Answered while the capture was still under way. */
  g_assert_true (json_object_get_boolean_member (object (running), "running"));
  done = finished_job (f, header (accepted, "Location"), f->server->token);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (done), "errors")), ==, 0);
  g_assert_true (json_object_get_boolean_member (object (done), "success"));
}

static void
sent (GObject      *session,
      GAsyncResult *result,
      gpointer      user_data)
{
  GBytes **reply = user_data;

  *reply = soup_session_send_and_read_finish (SOUP_SESSION (session), result, NULL);
}

/* Our own capture endpoint uses the capture thread too: while 50,000 units
 * are captured, /health answers, before the capture stored anything. */
static void
test_capture_api_thread (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = document_of (10000, 5, 20000, "shipping");
  g_autofree char *url = g_strconcat (f->server->url, "/api/v1/epcis/capture", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", f->server->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (doc, strlen (doc));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(Reply) health = NULL;
  g_autoptr(JsonNode) counts = NULL;
  gint64 before = last_seq (f);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/ld+json", body);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent, &reply);
  /* Until the whole document is sent and the server is at work on it. */
  while (soup_message_get_status (msg) == SOUP_STATUS_NONE && g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (300000);
  health = call (f, "GET", "/api/v1/health", NULL, NULL);
  g_assert_cmpuint (health->status, ==, 200);
  /* On the request thread, /health would have waited for all of it. */
  g_assert_cmpint (json_object_get_int_member (object (health), "last_seq"), ==, before);
  while (reply == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  counts = json_from_string (g_bytes_get_data (reply, NULL), NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (counts), "captured"), ==, 10000);
}

/* Jobs wait for the capture thread at most 16 deep: more are refused with
 * 503 and Retry-After rather than held in memory. */
static void
test_capture_queue (Fixture *f, gconstpointer data)
{
  g_autofree char *big = document_of (10000, 5, 10000, "shipping");
  g_autofree char *small = document (1, 90000, "shipping");
  g_autoptr(Reply) first = call (f, "POST", "/capture", f->server->token, big);
  guint accepted = 0, refused = 0;

  g_assert_cmpuint (first->status, ==, 202);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(Reply) reply = call (f, "POST", "/capture", f->server->token, small);

      if (reply->status == 202)
        accepted++;
      else
        {
          assert_problem (reply, 503, "ImplementationException");
          g_assert_cmpstr (header (reply, "Retry-After"), ==, "10");
          refused++;
        }
    }
  /* The first runs (or waits), 16 wait behind it. */
  g_assert_cmpuint (accepted, >=, 15);
  g_assert_cmpuint (accepted, <=, 17);
  g_assert_cmpuint (refused, ==, 20 - accepted);
}

/* A job's outcome outlives a restart; a job a stopped server left running
 * ends as failed. */
static void
test_capture_restart (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = document (1, 500, "shipping");
  g_autoptr(Reply) accepted = call (f, "POST", "/capture", f->server->token, doc);
  g_autofree char *location = g_strdup (header (accepted, "Location"));
  g_autoptr(Reply) before = finished_job (f, location, f->server->token);
  g_autoptr(Reply) after = NULL;
  g_autoptr(Reply) lost = NULL;

  g_assert_true (json_object_get_boolean_member (object (before), "success"));
  test_server_stop (f->server);
  /* As a server killed mid-capture leaves it. */
  test_server_db_exec (f->dir, "INSERT INTO capture_jobs (id, owner, running, job) VALUES ('lost-job', 'x', 1,"
                               " '{\"captureID\": \"lost-job\", \"createdAt\": \"2026-12-01T00:00:00.000Z\","
                               " \"running\": true, \"success\": true, \"errors\": []}')");
  f->server = test_server_start (f->dir, NULL);
  after = call (f, "GET", location, f->server->token, NULL);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (object (after), "success"));
  g_assert_false (json_object_get_boolean_member (object (after), "running"));
  lost = call (f, "GET", "/capture/lost-job", f->server->token, NULL);
  g_assert_cmpuint (lost->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (object (lost), "running"));
  g_assert_false (json_object_get_boolean_member (object (lost), "success"));
  g_assert_nonnull (json_object_get_string_member (object (lost), "finishedAt"));
}

/* GET /capture lists the token's jobs a page at a time. */
static void
test_capture_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *next = g_strdup ("/capture?perPage=2");
  guint pages = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *doc = document (1, 600 + i, "shipping");
      g_autoptr(Reply) accepted = call (f, "POST", "/capture", f->server->token, doc);

      g_assert_cmpuint (accepted->status, ==, 202);
      g_clear_pointer (&accepted, reply_free);
    }
  while (next != NULL)
    {
      g_autoptr(Reply) page = call (f, "GET", next, f->server->token, NULL);
      const char *link = header (page, "Link");
      JsonArray *jobs;

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (page->body));
      jobs = json_node_get_array (page->body);
      g_assert_cmpuint (json_array_get_length (jobs), <=, 2);
      for (guint i = 0; i < json_array_get_length (jobs); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (
                                                 json_array_get_object_element (jobs, i), "captureID"))));
      g_clear_pointer (&next, g_free);
      if (link != NULL)
        {
          g_assert_true (g_str_has_prefix (link, "</capture?"));
          g_assert_nonnull (strstr (link, "nextPageToken="));
          g_assert_true (g_str_has_suffix (link, ">; rel=\"next\""));
          next = g_strndup (link + 1, strchr (link, '>') - link - 1);
        }
      pages++;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  g_assert_cmpuint (pages, ==, 2);

  {
    g_autoptr(Reply) unknown = call (f, "GET", "/capture?limit=3", f->server->token, NULL);
    g_autoptr(Reply) bad_token = call (f, "GET", "/capture?nextPageToken=nonsense", f->server->token, NULL);

    assert_problem (unknown, 400, "QueryParameterException");
    assert_problem (bad_token, 400, "QueryParameterException");
  }
}

/* Who may capture and see jobs: as for the capture endpoint of our API. */
static void
test_capture_roles (Fixture *f, gconstpointer data)
{
  g_autofree char *inspector = test_server_token (f->dir, "inspector", NULL, NULL, "rest-inspector");
  g_autofree char *retailer = test_server_token (f->dir, "retailer", NULL, "P-SHOP", "rest-shop");
  g_autofree char *doc = document (1, 700, "shipping");
  g_autoptr(Reply) anonymous = call (f, "POST", "/capture", NULL, doc);
  g_autoptr(Reply) denied = call (f, "POST", "/capture", inspector, doc);
  g_autoptr(Reply) denied_list = call (f, "GET", "/capture", inspector, NULL);
  g_autoptr(Reply) admin_job = call (f, "POST", "/capture", f->server->token, doc);
  g_autoptr(Reply) shop_job = call (f, "POST", "/capture", retailer, doc);
  g_autoptr(Reply) other = NULL;
  g_autoptr(Reply) own = NULL;
  g_autoptr(Reply) shop_list = NULL;
  g_autoptr(Reply) xml = call_typed (f, "POST", "/capture", f->server->token, "<epcis/>", "application/xml");
  g_autoptr(Reply) wrong_method = call (f, "DELETE", "/capture", f->server->token, NULL);
  g_autoptr(Reply) missing = call (f, "GET", "/capture/no-such-job", f->server->token, NULL);

  assert_problem (anonymous, 401, "SecurityException");
  assert_problem (denied, 403, "SecurityException");
  assert_problem (denied_list, 403, "SecurityException");
  assert_problem (xml, 415, "ImplementationException");
  assert_problem (wrong_method, 405, "ImplementationException");
  assert_problem (missing, 404, "NoSuchNameException");
  g_assert_cmpuint (admin_job->status, ==, 202);
  g_assert_cmpuint (shop_job->status, ==, 202);
  /* A retailer sees its own jobs, not the admin's. */
  other = call (f, "GET", header (admin_job, "Location"), retailer, NULL);
  assert_problem (other, 404, "NoSuchNameException");
  own = finished_job (f, header (shop_job, "Location"), retailer);
  g_assert_nonnull (json_object_get_string_member (object (own), "captureID"));
  shop_list = call (f, "GET", "/capture", retailer, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (shop_list->body)), ==, 1);
}

/* Six events of every kind, each with what one query parameter looks for. */
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

/* The eventIDs of a query document's events, in order, by their last digit. */
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

static void
capture_all (Fixture    *f,
             const char *doc)
{
  g_autoptr(Reply) accepted = call (f, "POST", "/capture", f->server->token, doc);
  g_autoptr(Reply) job = NULL;

  g_assert_cmpuint (accepted->status, ==, 202);
  job = finished_job (f, header (accepted, "Location"), f->server->token);
  if (!json_object_get_boolean_member (object (job), "success"))
    g_error ("capture failed: %s", json_to_string (job->body, FALSE));
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
  g_assert_cmpuint (g_hash_table_size (seen), ==, 30);
  g_assert_cmpuint (pages, >=, 3);
  {
    g_autoptr(Reply) bad = call (f, "GET", "/events?nextPageToken=bm9uc2Vuc2U", f->server->token, NULL);
    g_autoptr(Reply) huge = call (f, "GET", "/events?perPage=100000", f->server->token, NULL);

    assert_problem (bad, 400, "QueryParameterException");
    assert_problem (huge, 400, "QueryParameterException");
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
  g_test_add ("/epcis-rest/capture/job", Fixture, NULL, fixture_set_up, test_capture_job, fixture_tear_down);
  g_test_add ("/epcis-rest/capture/bad", Fixture, NULL, fixture_set_up, test_capture_bad, fixture_tear_down);
  g_test_add ("/epcis-rest/capture/concurrent", Fixture, NULL, fixture_set_up, test_capture_concurrent,
              fixture_tear_down);
  g_test_add ("/epcis-rest/capture/api-thread", Fixture, NULL, fixture_set_up, test_capture_api_thread,
              fixture_tear_down);
  g_test_add ("/epcis-rest/capture/queue", Fixture, NULL, fixture_set_up, test_capture_queue, fixture_tear_down);
  g_test_add ("/epcis-rest/capture/restart", Fixture, NULL, fixture_set_up, test_capture_restart, fixture_tear_down);
  g_test_add ("/epcis-rest/capture/list", Fixture, NULL, fixture_set_up, test_capture_list, fixture_tear_down);
  g_test_add ("/epcis-rest/capture/roles", Fixture, NULL, fixture_set_up, test_capture_roles, fixture_tear_down);
  g_test_add ("/epcis-rest/query/params", Fixture, NULL, fixture_set_up, test_query_params, fixture_tear_down);
  g_test_add ("/epcis-rest/query/pages", Fixture, NULL, fixture_set_up, test_query_pages, fixture_tear_down);
  g_test_add ("/epcis-rest/query/roles", Fixture, NULL, fixture_set_up, test_query_roles, fixture_tear_down);
  return g_test_run ();
}
