/* test-sync.c — pulling from a real suyuan-server on loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "sync-client.h"
#include "http-client.h"

static void
test_pull_demo (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("6901234567908", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  guint64 n = 0;

  g_assert_no_error (error);
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 10);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_nonnull (lookup->product);

  /* A second pull starts at the cursor and finds nothing new. */
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (suyuan_store_get_cursor (store), >, 10);

  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_server_down_is_an_error (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  TestServer *server = test_server_start (dir, NULL);
  g_autofree char *url = g_strdup (server->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);

  test_server_stop (server);
  g_assert_false (suyuan_sync_pull (store, url, "", NULL, NULL, NULL, &error));
  g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK);
  g_assert_cmpint (suyuan_store_get_cursor (store), ==, 0);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_bad_query_is_rejected (void)
{
  g_autofree char *dir = test_dir_new ();
  TestServer *server = test_server_start (dir, NULL);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/changes?after=abc", server->url);
  g_autoptr(GError) error = NULL;
  long status = 0;
  g_autoptr(GBytes) body = suyuan_http_request ("GET", url, server->token, NULL, &status, &error);

  g_assert_null (body);
  g_assert_cmpint (status, ==, 400);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/pull-demo", test_pull_demo);
  g_test_add_func ("/sync/server-down", test_server_down_is_an_error);
  g_test_add_func ("/sync/bad-query", test_bad_query_is_rejected);
  return g_test_run ();
}
