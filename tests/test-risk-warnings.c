/* test-risk-warnings.c — GET /api/v1/risk-warnings against a real
 * suyuan-server on loopback: the demo plus what goes wrong in a market (a
 * recalled drug sold, a failed batch and an expired one received, one box's
 * code sold at two pharmacies), each warned of with its evidence.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "code.h"
#include "scan-record.h"
#include "sync-client.h"

#include <curl/curl.h>
#include <string.h>

static const char extra_events[] =
  "{\"id\":\"R-SOLD\",\"type\":\"selling\",\"time\":\"2026-11-01T09:00:00+08:00\",\"product_id\":\"PR-AMOX\","
  " \"batch_id\":\"B-AMOX-250901\",\"serial\":\"000000001\",\"party_id\":\"P-SHOP\"},"
  "{\"id\":\"R-RECV\",\"type\":\"receiving\",\"time\":\"2026-11-05T09:00:00+08:00\",\"product_id\":\"PR-YOGURT\","
  " \"batch_id\":\"B-YOGURT-Y2609\",\"party_id\":\"P-SHOP2\"},"
  "{\"id\":\"R-OLD\",\"type\":\"receiving\",\"time\":\"2026-11-10T09:00:00+08:00\",\"product_id\":\"PR-MILK\","
  " \"batch_id\":\"B-MILK-A2501\",\"party_id\":\"P-MARKET\"},"
  "{\"id\":\"R-EARLY\",\"type\":\"receiving\",\"time\":\"2026-10-01T09:00:00+08:00\",\"product_id\":\"PR-YOGURT\","
  " \"batch_id\":\"B-YOGURT-Y2609\",\"party_id\":\"P-SHOP\"},"
  "{\"id\":\"R-CLONE-1\",\"type\":\"selling\",\"time\":\"2026-11-23T10:00:00+08:00\",\"product_id\":\"PR-IBU\","
  " \"batch_id\":\"B-IBU-261001\",\"serial\":\"000000102\",\"party_id\":\"P-SHOP\"},"
  "{\"id\":\"R-CLONE-2\",\"type\":\"selling\",\"time\":\"2026-11-23T11:00:00+08:00\",\"product_id\":\"PR-IBU\","
  " \"batch_id\":\"B-IBU-261001\",\"serial\":\"000000102\",\"party_id\":\"P-SHOP2\"}";

/* The demo with @events (JSON objects, comma-separated) before its own. */
static char *
demo_with_events (const char *dir,
                  const char *events_json)
{
  g_autofree char *path = g_build_filename (dir, "market.json", NULL);
  g_autofree char *demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *doc = NULL;
  char *events;

  g_assert_true (g_file_get_contents (g_getenv ("SUYUAN_DEMO_JSON"), &demo, NULL, &error));
  events = strstr (demo, "\"events\": [");
  g_assert_nonnull (events);
  events += strlen ("\"events\": [");
  head = g_strndup (demo, events - demo);
  doc = g_strconcat (head, events_json, ",", events, NULL);
  g_assert_true (g_file_set_contents (path, doc, -1, &error));
  return g_steal_pointer (&path);
}

static JsonObject *
get_warnings (TestServer *server,
              const char *token,
              long       *status)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/risk-warnings", server->url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) reply = suyuan_http_request ("GET", url, token, NULL, status, NULL);

  if (reply == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             (gssize) g_bytes_get_size (reply), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static int
by_text (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* "kind:evidence" of every warning, sorted, for one comparison. */
static char *
summary (JsonObject *reply)
{
  JsonArray *warnings = json_object_get_array_member (reply, "warnings");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      JsonArray *evidence = json_object_get_array_member (w, "evidence");
      g_autoptr(GString) line = g_string_new (json_object_get_string_member (w, "kind"));

      for (guint k = 0; k < json_array_get_length (evidence); k++)
        g_string_append_printf (line, "%c%s", k ? ',' : ':', json_array_get_string_element (evidence, k));
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (lines, by_text);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (" ", (char **) lines->pdata);
}

/* The day counts add up to the warnings, oldest day first. */
static gint64
daily_total (JsonObject *reply)
{
  JsonArray *daily = json_object_get_array_member (reply, "daily");
  const char *previous = "";
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (daily); i++)
    {
      JsonObject *day = json_array_get_object_element (daily, i);
      const char *date = json_object_get_string_member (day, "date");

      g_assert_cmpstr (previous, <, date);
      previous = date;
      total += json_object_get_int_member (day, "count");
    }
  return total;
}

static void
test_warnings (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) west = NULL;
  g_autofree char *all_text = NULL;
  g_autofree char *west_text = NULL;
  g_autofree char *inspector = NULL;
  g_autofree char *retailer = NULL;
  TestServer *server;
  long status;

  /* The demo's events, and ours after them. */
  path = demo_with_events (dir, extra_events);
  server = test_server_start (dir, path);
  inspector = test_server_token (dir, "inspector", "330106", NULL, "west");
  retailer = test_server_token (dir, "retailer", "330102", "P-SHOP", "shop");

  all = get_warnings (server, server->token, &status);
  g_assert_cmpint (status, ==, 200);
  all_text = summary (all);
  /* The yoghurt received before its failed sampling (R-EARLY) is no warning. */
  g_assert_cmpstr (all_text, ==, "cloned-code:R-CLONE-1,R-CLONE-2 received-expired:R-OLD "
                                 "received-flagged:R-RECV sold-flagged:R-SOLD");
  g_assert_cmpint (daily_total (all), ==, 4);

  /* 城西 (330106) sees the failed yoghurt its pharmacy took in and the code
   * sold there too; not 城东's recalled sale nor the market's milk. */
  west = get_warnings (server, inspector, &status);
  g_assert_cmpint (status, ==, 200);
  west_text = summary (west);
  g_assert_cmpstr (west_text, ==, "cloned-code:R-CLONE-1,R-CLONE-2 received-flagged:R-RECV");

  g_assert_null (get_warnings (server, retailer, &status));
  g_assert_cmpint (status, ==, 403);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

/* One terminal: a store of its own with the demo, a token of a party. */
typedef struct {
  char *dir;
  SuyuanStore *store;
  SuyuanScanLog *log;
  char *token;
} Terminal;

static void
terminal_open (Terminal   *t,
               const char *server_dir,
               const char *party,
               const char *name)
{
  t->dir = test_dir_new ();
  t->store = test_open_demo_store (t->dir, NULL);
  t->log = suyuan_scan_log_new (t->store);
  t->token = test_server_token (server_dir, "retailer", NULL, party, name);
}

static void
terminal_close (Terminal *t)
{
  g_clear_pointer (&t->log, suyuan_scan_log_free);
  g_clear_pointer (&t->store, suyuan_store_close);
  g_free (t->token);
  test_dir_free (g_steal_pointer (&t->dir));
}

/* A check on the Check page: looked up, judged, kept as a scan record. */
static void
terminal_check (Terminal   *t,
                const char *text)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse (text, -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  SuyuanVerdictSettings settings;

  if (code->valid)
    lookup = suyuan_store_lookup (t->store, code, NULL);
  suyuan_verdict_settings_init (&settings);
  verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);
  suyuan_scan_log_add (t->log, text, lookup, verdict, NULL);
}

static void
terminal_sync (Terminal   *t,
               TestServer *server,
               guint64     expect_sent)
{
  g_autoptr(GError) error = NULL;
  guint64 sent = 0, rejected = 0;

  g_assert_true (suyuan_scan_log_flush (t->log, &error));
  g_assert_no_error (error);
  g_assert_true (suyuan_sync_push (t->store, server->url, t->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, expect_sent);
  g_assert_cmpuint (rejected, ==, 0);
}

/* The place of the first warning of @kind (about @serial, unless NULL), or
 * NULL when there is none. */
static const char *
find_warning (JsonObject *reply,
              const char *kind,
              const char *serial)
{
  JsonArray *warnings = json_object_get_array_member (reply, "warnings");

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      if (g_strcmp0 (json_object_get_string_member (w, "kind"), kind) == 0
          && (serial == NULL || g_strcmp0 (json_object_get_string_member_with_default (w, "serial", ""), serial) == 0))
        return json_object_get_string_member_with_default (w, "party_id", "");
    }
  return NULL;
}

static JsonArray *
evidence_of (JsonObject *reply,
             const char *kind)
{
  JsonArray *warnings = json_object_get_array_member (reply, "warnings");

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);

      if (g_strcmp0 (json_object_get_string_member (w, "kind"), kind) == 0)
        return json_object_get_array_member (w, "evidence");
    }
  return NULL;
}

/* A public page of @path fetched from @source, one of loopback's addresses:
 * 127.0.N.1 are clients of different networks to the resolver's count. */
static void
public_query (TestServer *server,
              const char *path,
              const char *source)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  CURL *curl = curl_easy_init ();
  FILE *sink = fopen ("/dev/null", "w");
  long status = 0;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_INTERFACE, source);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, sink);
  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  g_assert_cmpint (status, ==, 200);
  curl_easy_cleanup (curl);
  fclose (sink);
}

static const char sale_102[] =
  "{\"id\":\"R-SOLD-102\",\"type\":\"selling\",\"time\":\"2026-11-24T10:00:00+08:00\",\"product_id\":\"PR-IBU\","
  " \"batch_id\":\"B-IBU-261001\",\"serial\":\"000000102\",\"party_id\":\"P-SHOP\"}";

/* Check scans reach the server once, however often they are sent: a box
 * sold at one pharmacy and checked at another is a cloned code, scans of
 * unknown codes piling up at one shop are a warning, and so is one code
 * queried by the public from many networks. */
static void
test_scans (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = demo_with_events (dir, sale_102);
  g_autofree char *inspector = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) west = NULL;
  g_autoptr(GError) error = NULL;
  Terminal east = { 0 }, west_shop = { 0 };
  TestServer *server;
  JsonArray *evidence;
  long status;

  server = test_server_start (dir, path);
  inspector = test_server_token (dir, "inspector", "330106", NULL, "west-inspector");
  terminal_open (&east, dir, "P-SHOP", "east-shop");
  terminal_open (&west_shop, dir, "P-SHOP2", "west-shop");

  /* Checked where it was sold: no warning. */
  terminal_check (&east, "82345670000001021234");
  terminal_sync (&east, server, 1);
  before = get_warnings (server, server->token, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_null (find_warning (before, "cloned-code", "000000102"));

  /* The same code on a box at the other pharmacy, and five codes nobody
   * registered, one of them hostile text. */
  terminal_check (&west_shop, "82345670000001021234");
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *unknown = g_strdup_printf ("697000000%04d", i);

      terminal_check (&west_shop, unknown);
    }
  terminal_check (&west_shop, "<script>alert(1)</script>");
  terminal_sync (&west_shop, server, 6);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM reports WHERE kind = 'scan'"), ==, 7);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM reports WHERE party = 'P-SHOP2'"), ==, 6);

  /* Sent again (an acknowledgement lost): nothing is stored twice. */
  g_assert_true (suyuan_store_exec (west_shop.store, "UPDATE outbox SET sent_at = NULL", &error));
  terminal_sync (&west_shop, server, 6);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM reports"), ==, 7);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM records WHERE kind = 'scan'"), ==, 7);

  public_query (server, "/01/06901234567915/21/000000001", "127.0.0.1");
  public_query (server, "/01/06901234567915/21/000000001", "127.0.1.1");
  public_query (server, "/01/06901234567915/21/000000001", "127.0.2.1");

  after = get_warnings (server, server->token, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpstr (find_warning (after, "cloned-code", "000000102"), ==, "P-SHOP");
  evidence = evidence_of (after, "cloned-code");
  g_assert_cmpint (json_array_get_length (evidence), ==, 3);
  g_assert_cmpstr (find_warning (after, "unknown-scans", NULL), ==, "P-SHOP2");
  g_assert_cmpint (json_array_get_length (evidence_of (after, "unknown-scans")), ==, 5);
  g_assert_nonnull (find_warning (after, "public-queries", "000000001"));
  g_assert_cmpint (daily_total (after), ==, 3);

  /* 城西's inspector sees its pharmacy's warnings, not the public's. */
  west = get_warnings (server, inspector, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_nonnull (find_warning (west, "cloned-code", "000000102"));
  g_assert_nonnull (find_warning (west, "unknown-scans", NULL));
  g_assert_null (find_warning (west, "public-queries", NULL));

  terminal_close (&east);
  terminal_close (&west_shop);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

/* A scan record no terminal of ours makes (a code longer than a terminal
 * keeps) is refused, and nothing of it is stored. */
static void
test_scan_bounds (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *url = NULL;
  g_autofree char *long_code = g_strnfill (5000, '9');
  g_autofree char *body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GError) error = NULL;
  TestServer *server = test_server_start (dir, NULL);
  long status = 0;

  url = g_strdup_printf ("%s/api/v1/records", server->url);
  body = g_strdup_printf ("{\"records\":[{\"uuid\":\"6d3f1b9e-1c4a-4f7e-9a51-0c2b8e4d7f10\",\"kind\":\"scan\","
                          "\"created_at\":\"2026-12-01T10:00:00Z\",\"data\":{\"raw\":\"%s\",\"level\":\"unknown\"}}]}",
                          long_code);
  request = g_bytes_new (body, strlen (body));
  reply = suyuan_http_request ("POST", url, server->token, request, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (reply, NULL), "raw is not a string or too long"));
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM reports"), ==, 0);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM records"), ==, 0);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/risk-warnings/market", test_warnings);
  g_test_add_func ("/risk-warnings/scans", test_scans);
  g_test_add_func ("/risk-warnings/scan-bounds", test_scan_bounds);
  return g_test_run ();
}
