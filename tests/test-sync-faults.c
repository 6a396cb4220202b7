/* test-sync-faults.c — pushing through a server killed mid-upload and a
 * terminal killed mid-push (fork + SIGKILL at random points): afterwards the
 * server holds every record exactly once and the outbox is empty.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "outbox.h"
#include "sync-client.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_RECORDS 3000

static void
fill_outbox (SuyuanStore *store,
             int          n,
             int          first)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (suyuan_store_begin (store, &error));
  for (int i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) data = json_object_new ();

      json_object_set_int_member (data, "n", first + i);
      g_free (suyuan_outbox_enqueue (store, SUYUAN_RECORD_SCAN, data, &error));
      g_assert_no_error (error);
    }
  g_assert_true (suyuan_store_commit (store, &error));
}

static void
assert_exactly_once (const char  *dir,
                     SuyuanStore *store,
                     int          n)
{
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 0);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM records"), ==, n);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(DISTINCT json_extract(data, '$.n')) FROM records"), ==, n);
}

static void
test_terminal_killed (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  TestServer *server = test_server_start (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  gint64 deadline = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  int total = 0;

  for (int round = 0; round < 12 && g_get_monotonic_time () < deadline; round++)
    {
      pid_t child;
      int status;

      /* New work every round, so each kill lands in the middle of something. */
      fill_outbox (store, N_RECORDS / 6, total);
      total += N_RECORDS / 6;
      child = fork ();

      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          /* Its own connection: a SQLite handle must not cross fork(). */
          SuyuanStore *own = suyuan_store_open (path, NULL);

          _exit (own && suyuan_sync_push (own, server->url, server->token, NULL, NULL, NULL, NULL, NULL) ? 0 : 1);
        }
      g_usleep (g_test_rand_int_range (0, 25000));
      kill (child, SIGKILL);
      waitpid (child, &status, 0);
    }
  g_test_message ("before the last push the server held %" G_GINT64_FORMAT " of %d, %" G_GINT64_FORMAT " pending",
                  test_server_db_int (dir, "SELECT count(*) FROM records"), total,
                  suyuan_outbox_count_pending (store));
  g_assert_true (suyuan_sync_push (store, server->url, server->token, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_exactly_once (dir, store, total);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

typedef struct {
  SuyuanStore *store;
  char *url;
  char *token;
} PushJob;

static gpointer
push_thread (gpointer data)
{
  PushJob *job = data;

  return GINT_TO_POINTER (suyuan_sync_push (job->store, job->url, job->token, NULL, NULL, NULL, NULL, NULL));
}

static void
test_server_killed (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  TestServer *server;

  fill_outbox (store, N_RECORDS, 0);
  for (int round = 0; round < 4; round++)
    {
      PushJob job = { store, NULL, NULL };
      GThread *thread;

      server = test_server_start (dir, NULL);
      job.url = server->url;
      job.token = server->token;
      thread = g_thread_new ("push", push_thread, &job);
      g_usleep (g_test_rand_int_range (0, 80000));
      kill (server->pid, SIGKILL);
      g_thread_join (thread);
      test_server_stop (server);
      g_test_message ("round %d: %" G_GINT64_FORMAT " pending", round, suyuan_outbox_count_pending (store));
    }
  server = test_server_start (dir, NULL);
  g_assert_true (suyuan_sync_push (store, server->url, server->token, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_exactly_once (dir, store, N_RECORDS);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  suyuan_http_set_retry (2, 20);
  g_test_add_func ("/sync-faults/terminal-killed", test_terminal_killed);
  g_test_add_func ("/sync-faults/server-killed", test_server_killed);
  return g_test_run ();
}
