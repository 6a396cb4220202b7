/* test-support.c — see test-support.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */
#include "test-support.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

char *
test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("suyuan-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
test_dir_free (char *dir)
{
  if (dir == NULL)
    return;
  remove_tree (dir);
  g_free (dir);
}

struct _TestLock {
  char *path;
  guint hold_ms;
  gint state;                   /* 0 starting, 1 held, 2 released */
  GThread *thread;
};

static gpointer
lock_thread (gpointer data)
{
  TestLock *lock = data;
  SuyuanStore *other = suyuan_store_open (lock->path, NULL);

  g_assert_nonnull (other);
  g_assert_true (suyuan_store_exec (other, "BEGIN IMMEDIATE", NULL));
  g_atomic_int_set (&lock->state, 1);
  g_usleep (lock->hold_ms * 1000);
  g_assert_true (suyuan_store_exec (other, "COMMIT", NULL));
  suyuan_store_close (other);
  g_atomic_int_set (&lock->state, 2);
  return NULL;
}

TestLock *
test_lock_hold (const char *path,
                guint       ms)
{
  TestLock *lock = g_new0 (TestLock, 1);

  lock->path = g_strdup (path);
  lock->hold_ms = ms;
  lock->thread = g_thread_new ("test-lock", lock_thread, lock);
  while (g_atomic_int_get (&lock->state) == 0)
    g_usleep (1000);
  return lock;
}

gboolean
test_lock_is_held (TestLock *lock)
{
  return g_atomic_int_get (&lock->state) == 1;
}

void
test_lock_join (TestLock *lock)
{
  g_thread_join (lock->thread);
  g_free (lock->path);
  g_free (lock);
}

SuyuanStore *
test_open_demo_store (const char *dir,
                      char      **path_out)
{
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SuyuanStore *store = suyuan_store_open (path, &error);

  g_assert_no_error (error);
  json_parser_load_from_file (parser, g_getenv ("SUYUAN_DEMO_JSON"), &error);
  g_assert_no_error (error);
  suyuan_store_import_document (store, json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  if (path_out)
    *path_out = g_steal_pointer (&path);
  return store;
}

/* Under with-postgres.sh, SUYUAN_TEST_PG names a cluster: each test
 * directory gets a schema of its own in the database "postgres" (a new
 * database per test costs half a second), named by a hash of its path. */
static char *
pg_schema_name (const char *dir)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, dir, -1);

  return g_strdup_printf ("t%.16s", hash);
}

/* The URL the server gets: tables go to the first schema of the search path. */
static char *
pg_url (const char *schema)
{
  return g_strdup_printf ("%s/postgres?options=-csearch_path%%3D%s%%2Cpublic", g_getenv ("SUYUAN_TEST_PG"), schema);
}

static PGconn *
pg_connect (const char *url)
{
  PGconn *conn = PQconnectdb (url);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("test database: %s", PQerrorMessage (conn));
  return conn;
}

static void
pg_exec (PGconn     *conn,
         const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
}

/* The tests' SQL reads JSON members as SQLite does: json_extract (data,
 * '$.a[0].b'), given here in the test database only, never the server's. */
#define PG_JSON_EXTRACT \
  "CREATE FUNCTION public.json_extract (data text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$" \
  " SELECT data::json #>> regexp_split_to_array (regexp_replace (substr (path, 3)," \
  " '\\[(\\d+)\\]', '.\\1', 'g'), '\\.') $$"

static void
pg_ensure_schema (const char *schema)
{
  static GHashTable *made;
  g_autofree char *base = g_strdup_printf ("%s/postgres", g_getenv ("SUYUAN_TEST_PG"));
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (made == NULL)
    {
      made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      conn = pg_connect (base);
      pg_exec (conn, PG_JSON_EXTRACT);
      PQfinish (conn);
    }
  if (g_hash_table_contains (made, schema))
    return;
  /* The name is hex digits of our own making: safe as an identifier. */
  sql = g_strdup_printf ("CREATE SCHEMA %s", schema);
  conn = pg_connect (base);
  pg_exec (conn, sql);
  PQfinish (conn);
  g_hash_table_add (made, g_strdup (schema));
}

gboolean
test_server_uses_pg (void)
{
  return g_getenv ("SUYUAN_TEST_PG") != NULL;
}

char *
test_server_db_arg (const char *dir)
{
  g_autofree char *schema = NULL;
  g_autofree char *url = NULL;

  if (!test_server_uses_pg ())
    return g_strconcat ("--db=", dir, "/server.db", NULL);
  schema = pg_schema_name (dir);
  pg_ensure_schema (schema);
  url = pg_url (schema);
  return g_strconcat ("--db=", url, NULL);
}

char *
test_server_token (const char *dir,
                   const char *role,
                   const char *region,
                   const char *party,
                   const char *name)
{
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *role_arg = g_strconcat ("--role=", role, NULL);
  g_autofree char *name_arg = g_strconcat ("--name=", name, NULL);
  g_autofree char *region_arg = region ? g_strconcat ("--region=", region, NULL) : NULL;
  g_autofree char *party_arg = party ? g_strconcat ("--party=", party, NULL) : NULL;
  const char *argv[9] = { g_getenv ("SUYUAN_SERVER_BIN"), "token", "create", db_arg, role_arg, name_arg };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status, n = 6;

  if (region_arg)
    argv[n++] = region_arg;
  if (party_arg)
    argv[n++] = party_arg;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

/* A server outlives a test that aborts unless told otherwise; meson would then
 * wait for its inherited stderr until the timeout. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

TestServer *
test_server_start (const char *dir,
                   const char *import_json)
{
  return test_server_start_args (dir, import_json, NULL);
}

TestServer *
test_server_start_args (const char        *dir,
                        const char        *import_json,
                        const char *const *extra_args)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autofree char *port_file = g_build_filename (dir, "server.port", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *mirror_arg = g_strconcat ("--mirror=", dir, "/server.db.lookup", NULL);
  g_autofree char *port_arg = g_strconcat ("--port-file=", port_file, NULL);
  g_autofree char *import_arg = import_json ? g_strconcat ("--import=", import_json, NULL) : NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("SUYUAN_SERVER_BIN"));
  g_ptr_array_add (argv, db_arg);
  g_ptr_array_add (argv, "--port=0");
  g_ptr_array_add (argv, mirror_arg);
  g_ptr_array_add (argv, port_arg);
  if (import_arg)
    g_ptr_array_add (argv, import_arg);
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);
  g_unlink (port_file);
  /* Each run gets its own admin name, so a restarted server can mint another. */
  {
    g_autofree char *name = g_strdup_printf ("test-admin-%u", g_random_int ());

    server->token = test_server_token (dir, "admin", NULL, NULL, name);
  }
  g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 die_with_parent, NULL, &server->pid, &error);
  g_assert_no_error (error);

  /* The server writes its port once it listens; give it up to 20 s. */
  for (int i = 0; i < 400 && server->port == 0; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (port_file, &text, NULL, NULL))
        server->port = (guint) g_ascii_strtoull (text, NULL, 10);
      else
        g_usleep (50000);
    }
  g_assert_cmpuint (server->port, >, 0);
  server->url = g_strdup_printf ("http://127.0.0.1:%u", server->port);
  return server;
}

void
test_server_stop (TestServer *server)
{
  int status;

  if (server == NULL)
    return;
  kill (server->pid, SIGTERM);
  waitpid (server->pid, &status, 0);
  g_spawn_close_pid (server->pid);
  g_free (server->url);
  g_free (server->token);
  g_free (server);
}

static gint64
pg_db_int (const char *dir,
           const char *sql)
{
  g_autofree char *schema = pg_schema_name (dir);
  g_autofree char *url = pg_url (schema);
  PGconn *conn = pg_connect (url);
  PGresult *res = PQexec (conn, sql);
  gint64 value;

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  value = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);  /* NULL reads "" → 0, as in SQLite */
  PQclear (res);
  PQfinish (conn);
  return value;
}

gint64
test_server_db_int (const char *dir,
                    const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "server.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (test_server_uses_pg ())
    return pg_db_int (dir, sql);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

void
test_server_db_exec (const char *dir,
                     const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "server.db", NULL);
  sqlite3 *db = NULL;

  if (test_server_uses_pg ())
    {
      g_autofree char *schema = pg_schema_name (dir);
      g_autofree char *url = pg_url (schema);
      PGconn *conn = pg_connect (url);

      pg_exec (conn, sql);
      PQfinish (conn);
      return;
    }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_close (db);
}

gboolean
test_server_db_holds (const char *dir,
                      const char *text)
{
  g_autofree char *sql = NULL;

  if (!test_server_uses_pg ())
    {
      /* The database file and its write-ahead log, as bytes. */
      for (int file = 0; file < 2; file++)
        {
          g_autofree char *path = g_build_filename (dir, file ? "server.db-wal" : "server.db", NULL);
          g_autofree char *contents = NULL;
          gsize len = 0;

          g_file_get_contents (path, &contents, &len, NULL);
          g_assert_true (file == 1 || len > 0);
          if (memmem (contents, len, text, strlen (text)) != NULL)
            return TRUE;
        }
      return FALSE;
    }
  /* Every row of every table as text. @text is ours (a token): no quotes. */
  g_assert_null (strchr (text, '\''));
  sql = g_strdup_printf ("SELECT (SELECT count(*) FROM tokens t WHERE strpos (t::text, '%1$s') > 0)"
                         " + (SELECT count(*) FROM records r WHERE strpos (r::text, '%1$s') > 0)"
                         " + (SELECT count(*) FROM changes c WHERE strpos (c::text, '%1$s') > 0)", text);
  return pg_db_int (dir, sql) > 0;
}

gint64
test_store_int (SuyuanStore *store,
                const char  *sql)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: %s", sql, sqlite3_errmsg (suyuan_store_get_db (store)));
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}
