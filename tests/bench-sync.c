/* bench-sync.c — initial sync of N units (SUYUAN_BENCH_UNITS, default 200000)
 * from a real suyuan-server over loopback into a fresh terminal store, next
 * to the anchor: a raw SQLite bulk insert of the same rows into the same
 * table in one transaction, measured in the same run. Under with-postgres.sh
 * the same again from a server on PostgreSQL, next to the SQLite server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "sync-client.h"

#include <glib/gstdio.h>
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

typedef struct {
  double import_s;
  double pull_s;
} Timing;

/* The server's own import of the document, then a terminal's initial sync
 * from it, on the backend test-support picks (SQLite, or PostgreSQL under
 * with-postgres.sh). */
static Timing
server_sync (const char *dir,
             const char *doc,
             guint       n)
{
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *import_arg = g_strconcat ("--import=", doc, NULL);
  const char *import_argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db_arg, import_arg, "--import-only", NULL };
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  TestServer *server;
  guint64 applied = 0;
  gint64 start = g_get_monotonic_time ();
  Timing t;
  int status;

  g_spawn_sync (NULL, (char **) import_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  t.import_s = (g_get_monotonic_time () - start) / 1e6;
  /* The server then starts as in production, before the clock starts. */
  server = test_server_start (dir, NULL);
  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &applied, &error));
  t.pull_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, (guint64) n + 3);
  test_server_stop (server);
  return t;
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("SUYUAN_BENCH_UNITS");
  guint n = env ? (guint) strtoul (env, NULL, 10) : 200000;
  g_autofree char *dir = test_dir_new ();
  g_autofree char *doc = write_document (dir, n);
  g_autofree char *pg = g_strdup (g_getenv ("SUYUAN_TEST_PG"));
  g_autofree char *sqlite_dir = g_build_filename (dir, "sqlite", NULL);
  g_autofree char *pg_dir = g_build_filename (dir, "pg", NULL);
  Timing lite, post = { 0, 0 };
  double raw_s;

  g_assert_cmpint (g_mkdir (sqlite_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (pg_dir, 0700), ==, 0);
  /* SQLite first, even under with-postgres.sh: the anchor of the PostgreSQL figures. */
  g_unsetenv ("SUYUAN_TEST_PG");
  lite = server_sync (sqlite_dir, doc, n);
  if (pg)
    {
      g_setenv ("SUYUAN_TEST_PG", pg, TRUE);
      post = server_sync (pg_dir, doc, n);
    }
  raw_s = raw_insert (dir, n);

  printf ("raw SQLite bulk insert of %u units:           %6.2f s, %7.0f records/s\n", n, raw_s, n / raw_s);
  printf ("SQLite server: import %6.2f s, %7.0f records/s; initial sync over loopback %6.2f s, %7.0f records/s\n",
          lite.import_s, n / lite.import_s, lite.pull_s, n / lite.pull_s);
  printf ("sync reaches %.0f%% of the raw insert rate (aim: at least 50%%)\n", 100.0 * raw_s / lite.pull_s);
  if (pg)
    {
      printf ("PostgreSQL server: import %6.2f s, %7.0f records/s; initial sync %6.2f s, %7.0f records/s\n",
              post.import_s, n / post.import_s, post.pull_s, n / post.pull_s);
      printf ("PostgreSQL / SQLite: import %.2fx, initial sync %.2fx the rate\n",
              lite.import_s / post.import_s, lite.pull_s / post.pull_s);
    }
  else
    printf ("PostgreSQL: not measured (run as benchmark sync-pg, under tests/with-postgres.sh)\n");
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
