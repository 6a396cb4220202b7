/* test-sync-auth.c — bearer tokens and roles against a real suyuan-server on
 * loopback: every role against every endpoint, from one table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */
#include "test-support.h"
#include "http-client.h"
#include "sync-client.h"

#include <glib/gstdio.h>
#include <string.h>

/* Callers, in the column order of the table below. */
enum { NONE, GARBAGE, REVOKED, INSPECTOR, RETAILER, PRODUCER, ADMIN, N_CALLERS };
static const char *const caller_names[N_CALLERS] = {
  "no token", "unknown token", "revoked", "inspector", "retailer", "producer", "admin",
};

typedef struct {
  const char *what;
  const char *method;
  const char *path;
  const char *record_kind;    /* POST /api/v1/records: one record of this kind */
  const char *record_data;    /* its data; without a kind, the whole body */
  /* Per caller: "200", "401", "403" … the HTTP status, or "ack" / "rej" for
   * a record the server acknowledged or refused in a 200 reply. */
  const char *expect[N_CALLERS];
} Case;

static const Case cases[] = {
  { "health", "GET", "/api/v1/health", NULL, NULL,
    { "200", "200", "200", "200", "200", "200", "200" } },
  { "changes", "GET", "/api/v1/changes?after=0&limit=5", NULL, NULL,
    { "401", "401", "401", "200", "200", "200", "200" } },
  { "lookup", "GET", "/api/v1/lookup?code=6901234567908", NULL, NULL,
    { "401", "401", "401", "200", "200", "200", "200" } },
  { "admin alert import", "POST", "/api/v1/admin/alerts", NULL, "{\"alerts\": []}",
    { "401", "401", "401", "403", "403", "403", "200" } },
  { "changes, wrong method", "POST", "/api/v1/changes", NULL, NULL,
    { "405", "405", "405", "405", "405", "405", "405" } },
  { "inspection record", "POST", "/api/v1/records", "inspection", "{\"result\": \"fail\"}",
    { "401", "401", "401", "ack", "rej", "rej", "ack" } },
  { "receipt record", "POST", "/api/v1/records", "receipt", "{\"supplier\": \"P-DIST\"}",
    { "401", "401", "401", "ack", "ack", "rej", "ack" } },
  { "scan record", "POST", "/api/v1/records", "scan", "{\"code\": \"6901234567908\"}",
    { "401", "401", "401", "ack", "ack", "ack", "ack" } },
  { "code registration, own product", "POST", "/api/v1/records", "code-registration",
    "{\"event\": \"commissioning\", \"mode\": \"batch\", \"product_id\": \"PR-MILK\", \"lot\": \"T1\", \"count\": 1}",
    { "401", "401", "401", "rej", "rej", "ack", "ack" } },
  { "code registration, another party's product", "POST", "/api/v1/records", "code-registration",
    "{\"event\": \"commissioning\", \"mode\": \"batch\", \"product_id\": \"PR-WATER\", \"lot\": \"T1\", \"count\": 1}",
    { "401", "401", "401", "rej", "rej", "rej", "ack" } },
  { "code registration by GTIN, own product", "POST", "/api/v1/records", "code-registration",
    "{\"event\": \"commissioning\", \"mode\": \"batch\", \"gtin\": \"06901234567922\", \"lot\": \"T2\", \"count\": 1}",
    { "401", "401", "401", "rej", "rej", "ack", "ack" } },
};

typedef struct {
  char *dir;
  TestServer *server;
  char *tokens[N_CALLERS];
} Fixture;

static void
revoke_token (const char *dir,
              const char *name)
{
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *name_arg = g_strconcat ("--name=", name, NULL);
  const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), "token", "revoke", db_arg, name_arg, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  f->tokens[NONE] = g_strdup ("");
  f->tokens[GARBAGE] = g_strdup ("suyuan_0000000000000000000000000000000000000000000000000000000000000000");
  f->tokens[REVOKED] = test_server_token (f->dir, "inspector", "330102", NULL, "lost-handheld");
  revoke_token (f->dir, "lost-handheld");
  f->tokens[INSPECTOR] = test_server_token (f->dir, "inspector", "330102", NULL, "inspector-1");
  f->tokens[RETAILER] = test_server_token (f->dir, "retailer", "330102", "P-SHOP", "shop-1");
  f->tokens[PRODUCER] = test_server_token (f->dir, "producer", "130100", "P-DAIRY", "dairy-1");
  f->tokens[ADMIN] = g_strdup (f->server->token);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  for (int i = 0; i < N_CALLERS; i++)
    g_free (f->tokens[i]);
  test_dir_free (g_steal_pointer (&f->dir));
}

/* What the server made of one request: its status, or ack / rej. */
static char *
outcome (const Case *c,
         const char *base,
         const char *token)
{
  g_autofree char *url = g_strconcat (base, c->path, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  long status = 0;

  if (c->record_kind != NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      char *text = g_strdup_printf ("{\"records\": [{\"uuid\": \"%s\", \"kind\": \"%s\", "
                                    "\"created_at\": \"2026-11-23T10:00:00Z\", \"data\": %s}]}",
                                    uuid, c->record_kind, c->record_data);

      body = g_bytes_new_take (text, strlen (text));
    }
  else if (g_strcmp0 (c->method, "POST") == 0)
    body = c->record_data ? g_bytes_new_static (c->record_data, strlen (c->record_data)) : g_bytes_new_static ("{}", 2);
  reply = suyuan_http_request (c->method, url, token, body, &status, &error);
  if (reply == NULL || c->record_kind == NULL)
    return g_strdup_printf ("%ld", status);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_array_get_length (json_object_get_array_member (root, "acknowledged")) == 1 ? "ack" : "rej");
}

static void
test_role_table (Fixture *f, gconstpointer data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int who = 0; who < N_CALLERS; who++)
      {
        g_autofree char *got = outcome (&cases[i], f->server->url, f->tokens[who]);

        if (g_strcmp0 (got, cases[i].expect[who]) != 0)
          g_error ("%s as %s: expected %s, got %s", cases[i].what, caller_names[who], cases[i].expect[who], got);
      }
  /* Records are filed under the device that sent them. */
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM records WHERE device = 'dairy-1'"), ==, 3);
}

/* The server keeps only hashes: no token appears anywhere in its database. */
static void
test_tokens_stored_hashed (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT count(*) FROM tokens"), ==, 5);
  /* The search finds what is stored (a token's name), but no token. */
  g_assert_true (test_server_db_holds (f->dir, "inspector-1"));
  for (int who = REVOKED; who < N_CALLERS; who++)
    g_assert_false (test_server_db_holds (f->dir, f->tokens[who]));
}

/* Pull with no token: a 401 that tells the user what to do. */
static void
test_pull_without_token (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);

  g_assert_false (suyuan_sync_pull (store, f->server->url, "", NULL, NULL, NULL, &error));
  g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "SUYUAN_TOKEN"));
  g_assert_cmpint (suyuan_store_get_cursor (store), ==, 0);
}

/* A 403 names the refusal and says what to do. */
static void
test_forbidden_explained (Fixture *f, gconstpointer data)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/admin/alerts", f->server->url);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"alerts\": []}", 13);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = suyuan_http_request ("POST", url, f->tokens[RETAILER], body, NULL, &error);

  g_assert_null (reply);
  g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "role retailer may not use POST /api/v1/admin/alerts"));
  g_assert_nonnull (strstr (error->message, "administrator"));
}

/* The token file works when private and is refused when others can read it. */
static void
test_token_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autofree char *token_file = g_build_filename (f->dir, "token", NULL);
  g_autofree char *text = g_strconcat (f->tokens[INSPECTOR], "\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  guint64 n = 0;

  g_unsetenv ("SUYUAN_TOKEN");
  g_setenv ("SUYUAN_TOKEN_FILE", token_file, TRUE);
  g_assert_true (g_file_set_contents_full (token_file, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
  g_assert_false (suyuan_sync_pull (store, f->server->url, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_TOKEN);
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (token_file, 0600), ==, 0);
  g_assert_true (suyuan_sync_pull (store, f->server->url, NULL, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 40);
  g_unsetenv ("SUYUAN_TOKEN_FILE");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  suyuan_http_set_retry (1, 0);
#define ADD(path, func) \
  g_test_add ("/sync-auth/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("role-table", test_role_table);
  ADD ("tokens-stored-hashed", test_tokens_stored_hashed);
  ADD ("pull-without-token", test_pull_without_token);
  ADD ("token-file", test_token_file);
  ADD ("forbidden-explained", test_forbidden_explained);
  return g_test_run ();
}
