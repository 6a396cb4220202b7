/* test-sync-lookup.c — GET /api/v1/lookup and code registration against a
 * real suyuan-server on loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "sync-client.h"

#include <string.h>
#include <sys/wait.h>

typedef struct {
  char *dir;
  TestServer *server;
  char *producer;     /* token of P-DAIRY, maker of PR-MILK and PR-YOGURT */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  f->producer = test_server_token (f->dir, "producer", "130100", "P-DAIRY", "dairy-1");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  g_free (f->producer);
  test_dir_free (g_steal_pointer (&f->dir));
}

static JsonNode *
parse (const char *text,
       gssize      len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
server_lookup (Fixture    *f,
               const char *code)
{
  g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/lookup?code=%s", f->server->url, escaped);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = suyuan_http_request ("GET", url, f->server->token, NULL, NULL, &error);

  g_assert_no_error (error);
  return parse (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply));
}

static JsonNode *
ctl_lookup (const char *store,
            const char *code)
{
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "lookup", "--json", "--store", store, code, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  /* The status follows the verdict: 0 OK, 4 STOP, 5 WARN, 6 unknown. */
  g_assert_true (WIFEXITED (status));
  g_assert_true (WEXITSTATUS (status) == 0 || (WEXITSTATUS (status) >= 4 && WEXITSTATUS (status) <= 6));
  return parse (out, -1);
}

/* Online answers equal a synced terminal's, code for code. */
static void
test_lookup_matches_terminal (Fixture *f, gconstpointer data)
{
  static const char *const codes[] = {
    "01069012345678921725033110A2501", "6901234567908", "81234560000000011234",
    "https://id.example.com/01/06901234567922/10/Y2609", "4006381333931", "82345670000001011234",
    "6901234567939", "not a code at all",
  };
  g_autofree char *store_path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (store_path, &error);

  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  g_clear_pointer (&store, suyuan_store_close);
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(JsonNode) online = server_lookup (f, codes[i]);
      g_autoptr(JsonNode) offline = ctl_lookup (store_path, codes[i]);
      JsonObject *terminal = json_node_get_object (offline);

      /* The terminal also says where its answer came from: itself (it was
       * not given a server to ask). */
      g_assert_cmpstr (json_object_get_string_member (terminal, "source"), !=, "server");
      json_object_remove_member (terminal, "source");
      if (!json_node_equal (online, offline))
        g_error ("%s: server %s, terminal %s", codes[i], json_to_string (online, FALSE), json_to_string (offline, FALSE));
    }
  /* And the recalled drug really says so. */
  {
    g_autoptr(JsonNode) drug = server_lookup (f, "81234560000000011234");

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (drug), "level"), ==, "stop");
  }
}

static long
post_registration (Fixture    *f,
                   const char *token,
                   const char *uuid,
                   const char *data,
                   char      **refusal)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/records", f->server->url);
  char *text = g_strdup_printf ("{\"records\": [{\"uuid\": \"%s\", \"kind\": \"code-registration\", "
                                "\"created_at\": \"2026-11-23T09:00:00+08:00\", \"data\": %s}]}", uuid, data);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rejected;
  long status = 0;

  reply = suyuan_http_request ("POST", url, token, body, &status, &error);
  g_assert_no_error (error);
  root = parse (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply));
  rejected = json_object_get_array_member (json_node_get_object (root), "rejected");
  *refusal = json_array_get_length (rejected) > 0
             ? g_strdup (json_object_get_string_member (json_array_get_object_element (rejected, 0), "error"))
             : NULL;
  return status;
}

#define REGISTRATION \
  "{\"event\": \"commissioning\", \"mode\": \"item\", \"product_id\": \"PR-MILK\", \"gtin\": \"06901234567892\"," \
  " \"batch_id\": \"B-MILK-N1\", \"lot\": \"N1\", \"production_date\": \"2026-11-20\"," \
  " \"expiry_date\": \"2027-05-20\", \"count\": 3, \"serial_first\": \"000001\", \"serial_last\": \"000003\"}"

/* A producer's label run becomes a batch, units and a commissioning event
 * that terminals pull and lookups see; resending changes nothing. */
static void
test_registration_commissions_units (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *refusal = NULL;
  g_autofree char *store_path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(JsonNode) found = NULL;
  JsonObject *o;
  gint64 before = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  gint64 after;

  g_assert_cmpint (post_registration (f, f->producer, uuid, REGISTRATION, &refusal), ==, 200);
  g_assert_null (refusal);
  after = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  g_assert_cmpint (after - before, ==, 5);  /* batch, 3 units, event */
  g_assert_cmpint (post_registration (f, f->producer, uuid, REGISTRATION, &refusal), ==, 200);
  g_assert_null (refusal);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, after);

  found = server_lookup (f, "0106901234567892" "21000002" "\x1d" "10N1");
  o = json_node_get_object (found);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "unit"), "state"), ==, "commissioned");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "batch"), "lot"), ==, "N1");
  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "ok");

  store = suyuan_store_open (store_path, &error);
  g_assert_true (suyuan_sync_pull (store, f->server->url, f->producer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (suyuan_store_get_db (store),
                                         "SELECT count(*) FROM units WHERE batch_id = 'B-MILK-N1' AND state = 'commissioned'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    sqlite3_finalize (stmt);
  }
}

/* Registrations that must not reach the feed: another party's product, an
 * unknown product, a range that is no range. Each is refused alone. */
static void
test_registration_refusals (Fixture *f, gconstpointer data)
{
  static const struct { const char *data; const char *why; } bad[] = {
    { "{\"mode\": \"batch\", \"product_id\": \"PR-WATER\", \"batch_id\": \"B-W-X\", \"lot\": \"X\"}", "forbidden" },
    { "{\"mode\": \"batch\", \"product_id\": \"PR-NOPE\", \"batch_id\": \"B-N-X\", \"lot\": \"X\"}", "forbidden" },
    { "{\"mode\": \"item\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-M-X\", \"lot\": \"X\","
      " \"serial_first\": \"9\", \"serial_last\": \"1\"}", "serial" },
    { "{\"mode\": \"item\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-M-X\", \"lot\": \"X\","
      " \"serial_first\": \"0\", \"serial_last\": \"999999999\"}", "serial" },
  };
  gint64 before = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *refusal = NULL;

      g_assert_cmpint (post_registration (f, f->producer, uuid, bad[i].data, &refusal), ==, 200);
      g_assert_nonnull (refusal);
      g_assert_nonnull (strstr (refusal, bad[i].why));
    }
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, before);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records"), ==, 0);
}

static void
test_lookup_bad_request (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/lookup?code=", f->server->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  long status = 0;

  reply = suyuan_http_request ("GET", url, f->server->token, NULL, &status, &error);
  g_assert_null (reply);
  g_assert_cmpint (status, ==, 400);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  suyuan_http_set_retry (1, 0);
#define ADD(path, func) \
  g_test_add ("/sync-lookup/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("matches-terminal", test_lookup_matches_terminal);
  ADD ("registration-commissions-units", test_registration_commissions_units);
  ADD ("registration-refusals", test_registration_refusals);
  ADD ("bad-request", test_lookup_bad_request);
  return g_test_run ();
}
