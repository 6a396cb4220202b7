/* bench-sync.c — initial sync of N units (SUYUAN_BENCH_UNITS, default 200000)
 * from a real suyuan-server over loopback into a fresh terminal store, next
 * to the anchor: a raw SQLite bulk insert of the same rows into the same
 * table in one transaction, measured in the same run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "sync-client.h"

#include <stdio.h>
#include <stdlib.h>

static char *
write_document (const char *dir,
                guint       n)
{
  g_autoptr(GString) doc = g_string_new ("{\"format\": \"suyuan/1\", \"parties\": [{\"id\": \"P-B\", \"name\": \"B\"}],"
                                         " \"products\": [{\"id\": \"PR-B\", \"name\": \"B\", \"producer_id\": \"P-B\"}],"
                                         " \"batches\": [{\"id\": \"B-B\", \"product_id\": \"PR-B\", \"lot\": \"L\"}], \"units\": [");
  char *path = g_build_filename (dir, "units.json", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (doc, "%s{\"product_id\": \"PR-B\", \"serial\": \"%09u\", \"batch_id\": \"B-B\","
                            " \"state\": \"commissioned\"}", i ? "," : "", i);
  g_string_append (doc, "]}");
  g_assert_true (g_file_set_contents (path, doc->str, (gssize) doc->len, NULL));
  return path;
}

/* The anchor: the same rows, prepared INSERT, one transaction. */
static double
raw_insert (const char *dir,
            guint       n)
{
  g_autofree char *path = g_build_filename (dir, "raw.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  sqlite3 *db = suyuan_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO units (product_id, serial, batch_id, state)"
                                           " VALUES ('PR-B', ?1, 'B-B', 'commissioned')", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      char serial[16];

      g_snprintf (serial, sizeof serial, "%09u", i);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, serial, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("SUYUAN_BENCH_UNITS");
  guint n = env ? (guint) strtoul (env, NULL, 10) : 200000;
  g_autofree char *dir = test_dir_new ();
  g_autofree char *doc = write_document (dir, n);
  g_autofree char *db_arg = g_strconcat ("--db=", dir, "/server.db", NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", doc, NULL);
  const char *import_argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db_arg, import_arg, "--import-only", NULL };
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  TestServer *server;
  guint64 applied = 0;
  gint64 start;
  double pull_s, raw_s;
  int status;

  /* Loaded before the clock starts; the server then starts as in production. */
  g_spawn_sync (NULL, (char **) import_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  server = test_server_start (dir, NULL);
  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &applied, &error));
  pull_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, (guint64) n + 3);
  raw_s = raw_insert (dir, n);

  printf ("initial sync of %u units over loopback: %.2f s, %.0f records/s\n", n, pull_s, n / pull_s);
  printf ("raw SQLite bulk insert of the same rows:  %.2f s, %.0f records/s\n", raw_s, n / raw_s);
  printf ("sync reaches %.0f%% of the raw insert rate (aim: at least 50%%)\n", 100.0 * raw_s / pull_s);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
