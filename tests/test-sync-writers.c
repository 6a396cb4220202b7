/* test-sync-writers.c — several processes write to one server database at
 * once while a terminal pulls from the running server: the terminal must
 * end with every change. The change sequence is handed out in commit order
 * (SQLite's write lock; an advisory lock on PostgreSQL), or a pull could move
 * its cursor past a change still being committed and never see it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "sync-client.h"

#include <sys/wait.h>

#define N_WRITERS 4
#define N_ROUNDS 10
#define N_PER_ROUND 200

/* One import document of parties P-W<writer>-<round>-<i>. */
static char *
write_document (const char *dir,
                int         writer,
                int         round)
{
  g_autoptr(GString) doc = g_string_new ("{\"parties\": [");
  char *path = g_strdup_printf ("%s/w%d-%d.json", dir, writer, round);

  for (int i = 0; i < N_PER_ROUND; i++)
    g_string_append_printf (doc, "%s{\"id\": \"P-W%d-%d-%d\", \"name\": \"写入者 %d\"}",
                            i ? "," : "", writer, round, i, writer);
  g_string_append (doc, "]}");
  g_assert_true (g_file_set_contents (path, doc->str, (gssize) doc->len, NULL));
  return path;
}

/* `suyuan-server --import=… --import-only`: a writer of its own (process,
 * connection), as a second server or an admin's import would be. */
static GPid
start_writer (const char *db_arg,
              const char *doc)
{
  g_autofree char *import_arg = g_strconcat ("--import=", doc, NULL);
  const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db_arg, import_arg, "--import-only", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gint64
count_parties (SuyuanStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (suyuan_store_get_db (store),
                                       "SELECT count(*) FROM parties WHERE id LIKE 'P-W%'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_concurrent_writers (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  g_autofree char *db_arg = test_server_db_arg (dir);
  TestServer *server = test_server_start (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  guint pulls = 0;

  g_assert_no_error (error);
  for (int round = 0; round < N_ROUNDS; round++)
    {
      GPid writers[N_WRITERS];
      int running = N_WRITERS;

      for (int w = 0; w < N_WRITERS; w++)
        {
          g_autofree char *doc = write_document (dir, w, round);

          writers[w] = start_writer (db_arg, doc);
        }
      /* Pull while they write; each pull goes on until the server has no more. */
      while (running > 0)
        {
          g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, NULL, &error));
          g_assert_no_error (error);
          pulls++;
          running = 0;
          for (int w = 0; w < N_WRITERS; w++)
            if (writers[w] != 0)
              {
                int status;

                if (waitpid (writers[w], &status, WNOHANG) == 0)
                  running++;
                else
                  {
                    g_assert_true (g_spawn_check_wait_status (status, NULL));
                    g_spawn_close_pid (writers[w]);
                    writers[w] = 0;
                  }
              }
        }
    }
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%u pulls during the writes", pulls);
  g_assert_cmpint (count_parties (store), ==, N_WRITERS * N_ROUNDS * N_PER_ROUND);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM changes"), ==, N_WRITERS * N_ROUNDS * N_PER_ROUND);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-writers/concurrent-writers", test_concurrent_writers);
  return g_test_run ();
}
