/* bench-sync.c — initial sync of N units (SUYUAN_BENCH_UNITS, default 200000)
 * from a real suyuan-server over loopback into a fresh terminal store, next
 * to the anchor: a raw SQLite bulk insert of the same rows into the same
 * table of a fresh store (same schema, indexes and pragmas) in one
 * transaction. The two alternate ROUNDS times and the best of each counts, so
 * that other work on a shared machine weighs on both alike; CPU seconds of the
 * terminal and the server are printed too.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "sync-client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define ROUNDS 3

/* CPU seconds used so far by this process (all threads). */
static double
own_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* CPU seconds used so far by another process, from /proc (clock ticks). */
static double
process_cpu (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after_name + 2, " ", 0);
  /* utime and stime are fields 14 and 15 of the line, 12 and 13 after the name. */
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

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
            guint       round,
            guint       n)
{
  g_autofree char *name = g_strdup_printf ("raw-%u.db", round);
  g_autofree char *path = g_build_filename (dir, name, NULL);
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
  double wall;
  double cpu;          /* this process */
  double server_cpu;
} Figures;

static void
keep_best (Figures       *best,
           const Figures *now)
{
  if (best->wall == 0 || now->wall < best->wall)
    *best = *now;
}

static Figures
pull (TestServer *server,
      const char *dir,
      guint       round,
      guint       n)
{
  g_autofree char *name = g_strdup_printf ("terminal-%u.db", round);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  guint64 applied = 0;
  double cpu = own_cpu (), server_cpu = process_cpu (server->pid);
  gint64 start = g_get_monotonic_time ();
  Figures f;

  g_assert_no_error (error);
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &applied, &error));
  f.wall = (g_get_monotonic_time () - start) / 1e6;
  f.cpu = own_cpu () - cpu;
  f.server_cpu = process_cpu (server->pid) - server_cpu;
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, (guint64) n + 3);
  return f;
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
  g_autoptr(GError) error = NULL;
  Figures sync = { 0 }, raw = { 0 };
  TestServer *server;
  int status;

  /* Loaded before the clock starts; the server then starts as in production. */
  g_spawn_sync (NULL, (char **) import_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  server = test_server_start (dir, NULL);

  for (guint round = 0; round < ROUNDS; round++)
    {
      Figures now = pull (server, dir, round, n);
      double cpu = own_cpu ();
      Figures anchor = { 0 };

      keep_best (&sync, &now);
      anchor.wall = raw_insert (dir, round, n);
      anchor.cpu = own_cpu () - cpu;
      keep_best (&raw, &anchor);
      printf ("round %u: sync %.2f s, raw insert %.2f s: %.0f%%\n", round + 1, now.wall, anchor.wall,
              100.0 * anchor.wall / now.wall);
    }

  printf ("initial sync of %u units over loopback: %.2f s, %.0f records/s"
          " (CPU: terminal %.2f s, server %.2f s)\n", n, sync.wall, n / sync.wall, sync.cpu, sync.server_cpu);
  printf ("raw SQLite bulk insert of the same rows:  %.2f s, %.0f records/s (CPU %.2f s)\n",
          raw.wall, n / raw.wall, raw.cpu);
  printf ("best of %d rounds each, alternating\n", ROUNDS);
  printf ("sync reaches %.0f%% of the raw insert rate (aim: at least 50%%)\n", 100.0 * raw.wall / sync.wall);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
