/* test-tls.c — suyuan-server over HTTPS with a throwaway private CA made by
 * openssl at test time: a terminal that trusts the CA syncs, one that does
 * not is refused with a clear message and changes nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "sync-client.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *dir;
  char *ca, *cert, *key;
} Fixture;

static void
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

/* A CA, and a certificate for 127.0.0.1 signed by it. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *ca_key = NULL, *csr = NULL, *ext = NULL;

  f->dir = test_dir_new ();
  f->ca = g_build_filename (f->dir, "ca.pem", NULL);
  f->cert = g_build_filename (f->dir, "server.pem", NULL);
  f->key = g_build_filename (f->dir, "server.key", NULL);
  ca_key = g_build_filename (f->dir, "ca.key", NULL);
  csr = g_build_filename (f->dir, "server.csr", NULL);
  ext = g_build_filename (f->dir, "server.ext", NULL);
  g_assert_true (g_file_set_contents (ext, "subjectAltName = IP:127.0.0.1\n"
                                           "extendedKeyUsage = serverAuth\n", -1, NULL));
  {
    const char *make_ca[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                              "-nodes", "-keyout", ca_key, "-out", f->ca, "-days", "2", "-subj", "/CN=Suyuan test CA",
                              "-addext", "basicConstraints=critical,CA:TRUE",
                              "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL };
    const char *make_csr[] = { "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                               "-nodes", "-keyout", f->key, "-out", csr, "-subj", "/CN=127.0.0.1", NULL };
    const char *sign[] = { "openssl", "x509", "-req", "-in", csr, "-CA", f->ca, "-CAkey", ca_key,
                           "-CAcreateserial", "-out", f->cert, "-days", "2", "-extfile", ext, NULL };

    run (make_ca);
    run (make_csr);
    run (sign);
  }
  g_assert_cmpint (g_chmod (f->key, 0600), ==, 0);
  g_unsetenv ("SUYUAN_CA_FILE");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_unsetenv ("SUYUAN_CA_FILE");
  g_free (f->ca);
  g_free (f->cert);
  g_free (f->key);
  test_dir_free (f->dir);
}

static TestServer *
start_https (Fixture *f)
{
  g_autofree char *cert_arg = g_strconcat ("--tls-cert=", f->cert, NULL);
  g_autofree char *key_arg = g_strconcat ("--tls-key=", f->key, NULL);
  const char *args[] = { cert_arg, key_arg, NULL };
  TestServer *server = test_server_start_args (f->dir, g_getenv ("SUYUAN_DEMO_JSON"), args);

  g_free (server->url);
  server->url = g_strdup_printf ("https://127.0.0.1:%u", server->port);
  return server;
}

static SuyuanStore *
new_store (Fixture    *f,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count_products (SuyuanStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "SELECT count(*) FROM products", &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
test_private_ca_trusted (Fixture *f, gconstpointer data)
{
  TestServer *server = start_https (f);
  g_autoptr(SuyuanStore) store = new_store (f, "terminal.db");
  g_autoptr(GError) error = NULL;
  guint64 applied = 0;

  g_setenv ("SUYUAN_CA_FILE", f->ca, TRUE);
  g_assert_true (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied, >, 0);
  g_assert_cmpint (count_products (store), ==, 8);
  test_server_stop (server);
}

static void
test_untrusted_refused (Fixture *f, gconstpointer data)
{
  TestServer *server = start_https (f);
  g_autoptr(SuyuanStore) store = new_store (f, "terminal.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (server->url, "/api/v1/health", NULL);
  g_autofree char *not_a_ca = g_build_filename (f->dir, "server.csr", NULL);
  g_autoptr(GBytes) reply = NULL;
  guint64 applied = 0;

  /* The system's CAs do not know our private one. */
  g_assert_false (suyuan_sync_pull (store, server->url, server->token, NULL, NULL, &applied, &error));
  g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_assert_nonnull (strstr (error->message, "SUYUAN_CA_FILE"));
  g_assert_cmpint (count_products (store), ==, 0);
  g_clear_error (&error);

  /* A CA file that is no certificate says so. */
  g_setenv ("SUYUAN_CA_FILE", not_a_ca, TRUE);
  reply = suyuan_http_request ("GET", url, NULL, NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_CERTIFICATE);
  g_assert_cmpint (count_products (store), ==, 0);
  test_server_stop (server);
}

/* Mistakes in the server's TLS setup stop it at once with a clear message. */
static void
test_server_setup_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *db_arg = g_strconcat ("--db=", f->dir, "/server.db", NULL);
  g_autofree char *cert_arg = g_strconcat ("--tls-cert=", f->cert, NULL);
  g_autofree char *key_arg = g_strconcat ("--tls-key=", f->key, NULL);
  g_autofree char *missing_key_arg = g_strconcat ("--tls-key=", f->dir, "/missing.key", NULL);
  const struct { const char *arg; const char *says; } cases[] = {
    { NULL, "needs both --tls-cert and --tls-key" },
    { missing_key_arg, "Cannot use the certificate" },
    { key_arg, "can be read by every user" },   /* after chmod 644 below */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db_arg, "--port=0", cert_arg, cases[i].arg, NULL };
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      if (cases[i].arg == key_arg)
        g_assert_cmpint (g_chmod (f->key, 0644), ==, 0);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
      g_assert_no_error (error);
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      if (strstr (err, cases[i].says) == NULL)
        g_error ("expected “%s” in: %s", cases[i].says, err);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/tls/private-ca-trusted", test_private_ca_trusted);
  ADD ("/tls/untrusted-refused", test_untrusted_refused);
  ADD ("/tls/server-setup-errors", test_server_setup_errors);
  return g_test_run ();
}
