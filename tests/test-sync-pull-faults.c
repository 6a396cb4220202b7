/* test-sync-pull-faults.c — pulling through a faulty network: a slow server,
 * 500 answers, truncated and invalid bodies (a byte-level proxy in front of
 * the real suyuan-server), and a terminal killed mid-pull. Afterwards the
 * terminal's cache equals what an undisturbed pull gives.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "sync-client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* With the party, product and batch: five pages of changes, the last one short. */
#define N_UNITS (SUYUAN_SYNC_PAGE_SIZE * 9 / 2)

typedef enum { FAULT_NONE, FAULT_500, FAULT_TRUNCATE, FAULT_INVALID } Fault;

typedef struct {
  int listener;
  guint port;
  guint upstream;
  gint delay_ms;
  Fault fault;
  gint fault_on;       /* the n-th request (from 1) gets the fault … */
  gint fault_count;    /* … and this many after it */
  gint requests;
  GThread *thread;
} Proxy;

static gboolean
write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The upstream's whole answer to @request, asked with Connection: close. */
static GString *
forward (Proxy *p, GString *request)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (p->upstream) };
  GString *reply = g_string_new (NULL);
  char buf[65536];
  const char *eol = strstr (request->str, "\r\n");
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  ssize_t n;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_string_insert (request, eol - request->str + 2, "Connection: close\r\n");
  write_all (fd, request->str, request->len);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (reply, buf, n);
  close (fd);
  return reply;
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *p = data;
  int client;

  while ((client = accept (p->listener, NULL, NULL)) >= 0)
    {
      g_autoptr(GString) request = g_string_new (NULL);
      g_autoptr(GString) reply = NULL;
      char buf[4096];
      ssize_t n;
      gint nth = g_atomic_int_add (&p->requests, 1) + 1;
      gboolean faulty = nth >= p->fault_on && nth < p->fault_on + p->fault_count;

      /* Pulls are GETs: the request ends with its headers. */
      while (strstr (request->str, "\r\n\r\n") == NULL && (n = read (client, buf, sizeof buf)) > 0)
        g_string_append_len (request, buf, n);
      if (p->delay_ms > 0)
        g_usleep ((gulong) p->delay_ms * 1000);
      if (faulty && p->fault == FAULT_500)
        {
          const char *answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

          write_all (client, answer, strlen (answer));
        }
      else if (faulty && p->fault == FAULT_INVALID)
        {
          const char *answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 23\r\n"
                               "Connection: close\r\n\r\n{\"changes\": [{\"seq\": 1,";

          write_all (client, answer, strlen (answer));
        }
      else
        {
          reply = forward (p, request);
          /* Cut in the middle of the body; Content-Length promises more. */
          write_all (client, reply->str, faulty && p->fault == FAULT_TRUNCATE ? reply->len / 2 : reply->len);
        }
      close (client);
    }
  return NULL;
}

static Proxy *
proxy_start (guint upstream)
{
  Proxy *p = g_new0 (Proxy, 1);
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  p->upstream = upstream;
  p->listener = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (bind (p->listener, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (p->listener, 16), ==, 0);
  getsockname (p->listener, (struct sockaddr *) &addr, &len);
  p->port = ntohs (addr.sin_port);
  p->thread = g_thread_new ("proxy", proxy_thread, p);
  return p;
}

static void
proxy_stop (Proxy *p)
{
  shutdown (p->listener, SHUT_RDWR);
  close (p->listener);
  g_thread_join (p->thread);
  g_free (p);
}

/* A document of one product, one batch and N_UNITS units. */
static char *
write_document (const char *dir)
{
  g_autoptr(GString) doc = g_string_new ("{\"format\": \"suyuan/1\", \"parties\": [{\"id\": \"P-F\", \"name\": \"F\"}],"
                                         " \"products\": [{\"id\": \"PR-F\", \"name\": \"F\", \"gtin\": \"06901234567991\","
                                         " \"producer_id\": \"P-F\"}], \"batches\": [{\"id\": \"B-F\", \"product_id\": \"PR-F\","
                                         " \"lot\": \"F1\", \"expiry_date\": \"2030-01-01\"}], \"units\": [");
  char *path = g_build_filename (dir, "units.json", NULL);

  for (int i = 0; i < N_UNITS; i++)
    g_string_append_printf (doc, "%s{\"product_id\": \"PR-F\", \"serial\": \"S%06d\", \"batch_id\": \"B-F\","
                            " \"state\": \"commissioned\"}", i ? "," : "", i);
  g_string_append (doc, "]}");
  g_assert_true (g_file_set_contents (path, doc->str, (gssize) doc->len, NULL));
  return path;
}

/* What the terminal holds, as one comparable text. */
static char *
cache_text (SuyuanStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (suyuan_store_get_db (store),
                                       "SELECT (SELECT value FROM sync_state WHERE key = 'cursor') || '|' ||"
                                       " (SELECT count(*) FROM units) || '|' ||"
                                       " (SELECT group_concat(serial || ':' || state, ',') FROM"
                                       "   (SELECT serial, state FROM units ORDER BY product_id, serial)) || '|' ||"
                                       " (SELECT group_concat(id || ':' || status, ',') FROM (SELECT id, status FROM batches ORDER BY id))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

typedef struct {
  char *dir;
  TestServer *server;
  Proxy *proxy;
  char *proxy_url;
  char *expected;      /* the cache after an undisturbed pull */
} Fixture;

static SuyuanStore *
open_terminal (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *doc = NULL;
  g_autoptr(SuyuanStore) reference = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = test_dir_new ();
  doc = write_document (f->dir);
  f->server = test_server_start (f->dir, doc);
  f->proxy = proxy_start (f->server->port);
  f->proxy_url = g_strdup_printf ("http://127.0.0.1:%u", f->proxy->port);
  reference = open_terminal (f, "reference.db");
  g_assert_true (suyuan_sync_pull (reference, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  f->expected = cache_text (reference);
  {
    g_autofree char *count = g_strdup_printf ("|%d|", N_UNITS);

    g_assert_nonnull (strstr (f->expected, count));
  }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  proxy_stop (f->proxy);
  test_server_stop (f->server);
  g_free (f->proxy_url);
  g_free (f->expected);
  test_dir_free (g_steal_pointer (&f->dir));
}

static void
assert_cache_equals_server (Fixture *f, SuyuanStore *store)
{
  g_autofree char *got = cache_text (store);

  g_assert_cmpstr (got, ==, f->expected);
}

/* 500 twice on the third page: the retries carry the pull through. */
static void
test_server_500 (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) store = open_terminal (f, "terminal.db");
  g_autoptr(GError) error = NULL;

  f->proxy->fault = FAULT_500;
  f->proxy->fault_on = 3;
  f->proxy->fault_count = 2;
  g_assert_true (suyuan_sync_pull (store, f->proxy_url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* five pages, two of them asked twice more, then the server's config */
  g_assert_cmpint (f->proxy->requests, ==, 5 + 2 + 1);
  assert_cache_equals_server (f, store);
}

/* Every answer 150 ms late: slower, the same result. */
static void
test_slow_server (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanStore) store = open_terminal (f, "terminal.db");
  g_autoptr(GError) error = NULL;

  f->proxy->delay_ms = 150;
  g_assert_true (suyuan_sync_pull (store, f->proxy_url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_cache_equals_server (f, store);
}

/* A page cut in half, then a page that is not JSON: each pull stops with an
 * error, keeps the pages before it, and the next pull completes. */
static void
test_bad_bodies (Fixture *f, gconstpointer data)
{
  static const Fault faults[] = { FAULT_TRUNCATE, FAULT_INVALID };
  g_autoptr(SuyuanStore) store = open_terminal (f, "terminal.db");

  for (gsize i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cursor = suyuan_store_get_cursor (store);

      f->proxy->fault = faults[i];
      f->proxy->requests = 0;
      f->proxy->fault_on = 2;
      f->proxy->fault_count = 100;
      g_assert_false (suyuan_sync_pull (store, f->proxy_url, f->server->token, NULL, NULL, NULL, &error));
      if (faults[i] == FAULT_TRUNCATE)
        g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK);
      else
        g_assert_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL);
      g_test_message ("%s", error->message);
      /* Exactly one more page than before, never half of one. */
      g_assert_cmpint (suyuan_store_get_cursor (store), ==, cursor + SUYUAN_SYNC_PAGE_SIZE);
    }
  f->proxy->fault = FAULT_NONE;
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (suyuan_sync_pull (store, f->proxy_url, f->server->token, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  assert_cache_equals_server (f, store);
}

static gint64
count_units (SuyuanStore *store)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (suyuan_store_get_db (store), "SELECT count(*) FROM units", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The terminal killed at a random point of a fresh pull, many times over:
 * what it kept always matches its cursor (pages are all or nothing), and
 * pulling again completes the cache. */
static void
test_terminal_killed (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  int killed = 0;

  for (int round = 0; round < 10; round++)
    {
      g_autoptr(SuyuanStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      pid_t pid;
      int status;
      gint64 cursor;

      unlink (path), unlink (wal), unlink (shm);
      if ((pid = fork ()) == 0)
        {
          g_autoptr(SuyuanStore) own = suyuan_store_open (path, NULL);

          _exit (own && suyuan_sync_pull (own, f->server->url, f->server->token, NULL, NULL, NULL, NULL) ? 0 : 1);
        }
      g_usleep (g_test_rand_int_range (0, 500000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      killed += WIFSIGNALED (status);

      store = open_terminal (f, "terminal.db");
      cursor = suyuan_store_get_cursor (store);
      g_test_message ("round %d: killed at cursor %" G_GINT64_FORMAT, round, cursor);
      g_assert_true (cursor % SUYUAN_SYNC_PAGE_SIZE == 0 || cursor == N_UNITS + 3);
      /* Changes 1-3 are the party, product and batch; the units follow. */
      g_assert_cmpint (count_units (store), ==, MAX (cursor - 3, 0));
      g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      assert_cache_equals_server (f, store);
    }
  g_test_message ("%d of 10 pulls killed before they finished", killed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);
  suyuan_http_set_retry (4, 20);
#define ADD(path, func) \
  g_test_add ("/sync-pull-faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("server-500", test_server_500);
  ADD ("slow-server", test_slow_server);
  ADD ("bad-bodies", test_bad_bodies);
  ADD ("terminal-killed", test_terminal_killed);
  return g_test_run ();
}
