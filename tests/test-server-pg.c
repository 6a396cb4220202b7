/* test-server-pg.c — what only the PostgreSQL backend does: errors that name
 * the database but never its password, the lookup mirror's default place,
 * and the schema version check. Runs under with-postgres.sh.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

/* Runs suyuan-server with @args (and @envp); its exit status and stderr. */
static int
run_server (const char *const *args,
            char             **envp,
            char             **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("SUYUAN_SERVER_BIN"));
  for (gsize i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A URL with a password: the error names database, host and port only. */
static void
test_connection_error (void)
{
  const char *args[] = { "token", "list", "--db=postgresql://suyuan:S3cretPw@127.0.0.1:1/stock", NULL };
  const char *serve[] = { "--db=postgres://suyuan:S3cretPw@127.0.0.1:1/stock", "--port=0", NULL };
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_server (args, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "“stock”"));
  g_assert_nonnull (strstr (err, "127.0.0.1 port 1"));
  g_assert_null (strstr (err, "S3cretPw"));
  g_assert_cmpint (run_server (serve, NULL, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "“stock”"));
  g_assert_null (strstr (err2, "S3cretPw"));
}

/* With no --mirror, the mirror goes to $XDG_STATE_HOME/suyuan-server/ and
 * answers lookups from the PostgreSQL feed. */
static void
test_default_mirror (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autofree char *mirror_dir = g_build_filename (state, "suyuan-server", NULL);
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autofree char *port_arg = g_strconcat ("--port-file=", port_file, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", g_getenv ("SUYUAN_DEMO_JSON"), NULL);
  g_autofree char *token = test_server_token (dir, "inspector", "330102", NULL, "handheld");
  const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db_arg, "--port=0", port_arg, import_arg, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_STATE_HOME", state, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *port = NULL;
  g_autofree char *url = NULL;
  const char *name;
  GPid pid;
  int status;

  g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 400 && !g_file_get_contents (port_file, &port, NULL, NULL); i++)
    g_usleep (50000);
  g_assert_nonnull (port);
  url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/lookup?code=6901234567908", (guint) g_ascii_strtoull (port, NULL, 10));
  reply = suyuan_http_request ("GET", url, token, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), "\"level\":\"ok\""));
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  /* The mirror, beside the resolver's query counts (….lookup.public). */
  listing = g_dir_open (mirror_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL && !g_str_has_suffix (name, ".lookup"))
    ;
  g_assert_nonnull (name);
  test_dir_free (g_steal_pointer (&dir));
}

/* A database a newer server migrated is refused, not misread. */
static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *token = test_server_token (dir, "admin", NULL, NULL, "office");
  const char *args[] = { "token", "list", db_arg, NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (test_server_db_int (dir, "SELECT max(version) FROM suyuan_schema"), ==, 10);
  /* Migration 8: the entity index holds no unit rows (most of a province's feed). */
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM pg_indexes WHERE indexname = 'changes_entity_id'"
                                            " AND schemaname = current_schema()"
                                            " AND indexdef LIKE '%WHERE (type <> ''unit''::text)%'"), ==, 1);
  /* …and a product's serial range is an index range (serials in "C"). */
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM pg_indexes WHERE indexname = 'changes_unit'"
                                            " AND schemaname = current_schema()"
                                            " AND indexdef LIKE '%''serial''::text)) COLLATE \"C\"%'"), ==, 1);
  g_assert_cmpint (test_server_db_int (dir, "WITH u AS (UPDATE suyuan_schema SET version = 99 RETURNING 1)"
                                            " SELECT count(*) FROM u"), ==, 1);
  g_assert_cmpint (run_server (args, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "schema version 99"));
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!test_server_uses_pg ())
    {
      printf ("1..0 # SKIP PostgreSQL only: run under tests/with-postgres.sh\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server-pg/connection-error", test_connection_error);
  g_test_add_func ("/server-pg/default-mirror", test_default_mirror);
  g_test_add_func ("/server-pg/newer-schema-refused", test_newer_schema_refused);
  return g_test_run ();
}
