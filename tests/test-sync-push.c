/* test-sync-push.c — the outbox and POST /api/v1/records against a real
 * suyuan-server on loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "outbox.h"
#include "sync-client.h"

#include <curl/curl.h>
#include <string.h>

typedef struct {
  char *dir;
  TestServer *server;
  SuyuanStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, NULL);
  path = g_build_filename (f->dir, "terminal.db", NULL);
  f->store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->store, suyuan_store_close);
  test_server_stop (f->server);
  test_dir_free (g_steal_pointer (&f->dir));
}

static char *
enqueue_inspection (SuyuanStore *store,
                    int          i)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *uuid;

  json_object_set_string_member (data, "result", i % 2 ? "pass" : "fail");
  json_object_set_int_member (data, "n", i);
  uuid = suyuan_outbox_enqueue (store, SUYUAN_RECORD_INSPECTION, data, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (uuid));
  return uuid;
}

static void
test_push_marks_sent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint64 sent = 0, rejected = 0;

  /* More than one upload batch. */
  for (int i = 0; i < SUYUAN_SYNC_PUSH_BATCH + 7; i++)
    g_free (enqueue_inspection (f->store, i));
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, SUYUAN_SYNC_PUSH_BATCH + 7);

  g_assert_true (suyuan_sync_push (f->store, f->server->url, f->server->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, SUYUAN_SYNC_PUSH_BATCH + 7);
  g_assert_cmpuint (rejected, ==, 0);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 0);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records"), ==, SUYUAN_SYNC_PUSH_BATCH + 7);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records WHERE kind = 'inspection'"
                                                " AND CAST(json_extract(data, '$.n') AS INTEGER) = 3"), ==, 1);

  /* Nothing pending: a second push sends nothing. */
  g_assert_true (suyuan_sync_push (f->store, f->server->url, f->server->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_cmpuint (sent, ==, 0);
}

static void
test_resend_is_stored_once (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint64 sent = 0;

  for (int i = 0; i < 20; i++)
    g_free (enqueue_inspection (f->store, i));
  g_assert_true (suyuan_sync_push (f->store, f->server->url, f->server->token, NULL, NULL, &sent, NULL, &error));
  g_assert_cmpuint (sent, ==, 20);

  /* As if the terminal died before it saw the acknowledgement. */
  g_assert_true (suyuan_store_exec (f->store, "UPDATE outbox SET sent_at = NULL", &error));
  g_assert_true (suyuan_sync_push (f->store, f->server->url, f->server->token, NULL, NULL, &sent, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 20);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 0);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records"), ==, 20);
}

static void
test_refused_record_stays (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = enqueue_inspection (f->store, 1);
  guint64 sent = 0, rejected = 0;

  /* A record the server cannot take (kind unknown to it) must not be lost. */
  g_assert_true (suyuan_store_exec (f->store,
      "INSERT INTO outbox (uuid, kind, body, created_at) VALUES ('0b7d1a4e-4f0e-4b7e-9a7e-1b2c3d4e5f60', 'x',"
      " '{\"uuid\":\"0b7d1a4e-4f0e-4b7e-9a7e-1b2c3d4e5f60\",\"kind\":\"x\",\"created_at\":\"2026-01-01T00:00:00Z\",\"data\":{}}',"
      " '2026-01-01T00:00:00Z')", &error));
  g_assert_true (suyuan_sync_push (f->store, f->server->url, f->server->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 1);
  g_assert_cmpuint (rejected, ==, 1);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 1);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records"), ==, 1);
}

static void
test_server_down_keeps_outbox (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup (f->server->url);

  g_free (enqueue_inspection (f->store, 1));
  test_server_stop (f->server);
  f->server = NULL;
  g_assert_false (suyuan_sync_push (f->store, url, "", NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 1);
}

static void
test_bad_body (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/records", f->server->url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  long status = 0;
  char *big;

  /* Over the default 8 MiB: refused from its headers, before it is read. */
  big = g_malloc (9 * 1024 * 1024);
  memset (big, 'x', 9 * 1024 * 1024);
  body = g_bytes_new_take (big, 9 * 1024 * 1024);
  reply = suyuan_http_request ("POST", url, f->server->token, body, &status, &error);
  g_assert_null (reply);
  g_assert_cmpint (status, ==, 413);
  g_clear_error (&error);
  g_clear_pointer (&body, g_bytes_unref);

  /* Not JSON at all. */
  body = g_bytes_new_static ("{\"records\": [", 13);
  reply = suyuan_http_request ("POST", url, f->server->token, body, &status, &error);
  g_assert_null (reply);
  g_assert_cmpint (status, ==, 400);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records"), ==, 0);
}

static void
test_enqueue_joins_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  /* A feature's rows and its record commit or vanish together. */
  g_assert_true (suyuan_store_begin (f->store, &error));
  uuid = enqueue_inspection (f->store, 1);
  suyuan_store_rollback (f->store);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 0);
}

static size_t
count_bytes (char *data, size_t size, size_t n, void *user_data)
{
  *(gsize *) user_data += size * n;
  return size * n;
}

static size_t
find_gzip_header (char *data, size_t size, size_t n, void *user_data)
{
  if (g_ascii_strncasecmp (data, "Content-Encoding: gzip", 22) == 0)
    *(gboolean *) user_data = TRUE;
  return size * n;
}

/* Change pages travel compressed when the client accepts gzip. */
static void
test_changes_gzipped (void)
{
  g_autofree char *dir = test_dir_new ();
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  g_autofree char *url = g_strdup_printf ("%s/api/v1/changes", server->url);
  gsize plain = 0, packed = 0;
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s", server->token);
  gboolean gzip = FALSE;

  for (int pass = 0; pass < 2; pass++)
    {
      CURL *curl = curl_easy_init ();
      struct curl_slist *headers = curl_slist_append (NULL, auth);

      if (pass)
        headers = curl_slist_append (headers, "Accept-Encoding: gzip");

      curl_easy_setopt (curl, CURLOPT_URL, url);
      curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, count_bytes);
      curl_easy_setopt (curl, CURLOPT_WRITEDATA, pass ? &packed : &plain);
      curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, find_gzip_header);
      curl_easy_setopt (curl, CURLOPT_HEADERDATA, &gzip);
      g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
      curl_slist_free_all (headers);
      curl_easy_cleanup (curl);
      g_assert_true (gzip == (pass == 1));
    }
  g_assert_cmpuint (packed, >, 0);
  g_assert_cmpuint (packed * 2, <, plain);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  suyuan_http_set_retry (2, 50);
#define ADD(path, func) \
  g_test_add ("/sync-push/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("marks-sent", test_push_marks_sent);
  ADD ("resend-stored-once", test_resend_is_stored_once);
  ADD ("refused-record-stays", test_refused_record_stays);
  ADD ("server-down", test_server_down_keeps_outbox);
  ADD ("bad-body", test_bad_body);
  ADD ("enqueue-joins-transaction", test_enqueue_joins_transaction);
  g_test_add_func ("/sync-push/changes-gzipped", test_changes_gzipped);
  return g_test_run ();
}
