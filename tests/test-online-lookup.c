/* test-online-lookup.c — a terminal that holds nothing asks a real
 * suyuan-server on loopback, keeps the answer, and judges offline from the
 * code alone when no server answers in time.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "sync-lookup.h"
#include "verdict.h"

/* The terminal's device token, for the server of the first test. */
static char *token;

static SuyuanVerdict *
judge (SuyuanStore        *store,
       const char         *text,
       const char         *url,
       SuyuanLookupSource *source)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse (text, -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanVerdictSettings settings;

  lookup = suyuan_lookup_online (store, code, url, token, 300, source, &error);
  g_assert_no_error (error);
  suyuan_verdict_settings_init (&settings);
  return suyuan_verdict_judge (code, lookup, 20261206, &settings);
}

static void
test_asks_caches_and_goes_offline (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  g_autofree char *url = g_strdup (server->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  SuyuanLookupSource source;
  SuyuanVerdict *v;

  g_assert_no_error (error);
  token = g_strdup (server->token);
  /* The terminal knows nothing of the recalled amoxicillin: the server does. */
  v = judge (store, "81234560000000011234", url, &source);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_SERVER);
  g_assert_cmpint (v->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_true (suyuan_verdict_has_reason (v, "recalled"));
  suyuan_verdict_free (v);
  /* A code the server does not know either stays unknown, asked all the same. */
  v = judge (store, "4006381333931", url, &source);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_SERVER);
  g_assert_cmpint (v->level, ==, SUYUAN_LEVEL_UNKNOWN);
  suyuan_verdict_free (v);

  /* With the server gone, the kept answer is the terminal's own. */
  test_server_stop (server);
  v = judge (store, "81234560000000011234", url, &source);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_LOCAL);
  g_assert_true (suyuan_verdict_has_reason (v, "recalled"));
  suyuan_verdict_free (v);
  /* And a code never seen is judged from itself: this milk's expiry is in it. */
  v = judge (store, "01069012345678921725033110A2501", url, &source);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_OFFLINE);
  g_assert_cmpint (v->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_true (suyuan_verdict_has_reason (v, "expired"));
  suyuan_verdict_free (v);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

/* suyuanctl lookup on a terminal that holds nothing: STOP from the server,
 * and exit status as for any lookup. */
static void
test_cli_asks_server (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "lookup", "--json", "--store", path,
                         "--server", server->url, "81234560000000011234", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SUYUAN_TOKEN", server->token, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  JsonObject *answer;
  int status;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  answer = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (answer, "source"), ==, "server");
  g_assert_cmpstr (json_object_get_string_member (answer, "level"), ==, "stop");
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

/* A server that takes the connection and never answers costs the terminal
 * the lookup's short limit, not the sync's 30 s stall limit. */
static void
test_silent_server_is_offline (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  g_autofree char *url = NULL;
  SuyuanLookupSource source;
  SuyuanVerdict *v;
  gint64 start;
  guint16 port;

  g_assert_no_error (error);
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  start = g_get_monotonic_time ();
  v = judge (store, "81234560000000011234", url, &source);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_OFFLINE);
  g_assert_cmpint (v->level, ==, SUYUAN_LEVEL_UNKNOWN);
  /* 300 ms asked; 10 s is far from both it and the 30 s a sync would wait. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  suyuan_verdict_free (v);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/online-lookup/asks-caches-offline", test_asks_caches_and_goes_offline);
  g_test_add_func ("/online-lookup/silent-server", test_silent_server_is_offline);
  g_test_add_func ("/online-lookup/cli", test_cli_asks_server);
  return g_test_run ();
}
