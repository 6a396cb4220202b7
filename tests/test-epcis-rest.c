/* test-epcis-rest.c — the EPCIS 2.0 REST binding's capture on a real
 * suyuan-server over loopback: jobs (202, Location, the job's state, kept
 * across a restart), the server answering while a capture runs, the
 * waiting limit, refusals as RFC 7807 problems, and roles.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "epcis-rest-client.h"

#include <string.h>

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
  return g_test_run ();
}
