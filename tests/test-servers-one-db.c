/* test-servers-one-db.c — two suyuan-server processes on one database (the
 * deployment behind a reverse proxy, docs/server.md "Scaling"): two
 * terminals push records and pull changes at the same time, each switching
 * server every round, and at the end each holds everything, nothing lost and
 * nothing twice; a terminal whose acknowledgement was lost sends its records
 * again through the other server, and they are stored once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "outbox.h"
#include "sync-client.h"
#include "sync-lookup.h"

#define N_TERMINALS 2
#define N_ROUNDS 12
#define N_PER_ROUND 15

typedef struct {
  int id;
  SuyuanStore *store;
  TestServer *servers[2];
  guint64 sent;
  guint64 pulled;
} Terminal;

/* One master-data record naming a new party, as an admin's terminal sends it. */
static void
enqueue_party (SuyuanStore *store, int terminal, int round, int i)
{
  g_autofree char *json = g_strdup_printf ("{\"type\": \"master-data\", \"parties\": [{\"id\": \"P-T%d-%d-%d\","
                                           " \"name\": \"终端 %d 的商户\", \"region\": \"13010%d\"}]}",
                                           terminal, round, i, terminal, terminal);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = suyuan_outbox_enqueue (store, SUYUAN_RECORD_EVENT, json_node_get_object (node), &error);

  g_assert_no_error (error);
}

/* Each round: new records, a push and a pull, through server A then B then A… */
static gpointer
run_terminal (gpointer data)
{
  Terminal *t = data;

  for (int round = 0; round < N_ROUNDS; round++)
    {
      TestServer *server = t->servers[(round + t->id) % 2];
      g_autoptr(GError) error = NULL;
      guint64 sent = 0, rejected = 0, applied = 0;

      for (int i = 0; i < N_PER_ROUND; i++)
        enqueue_party (t->store, t->id, round, i);
      g_assert_true (suyuan_sync_push (t->store, server->url, server->token, NULL, NULL, &sent, &rejected, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rejected, ==, 0);
      t->sent += sent;
      g_assert_true (suyuan_sync_pull (t->store, server->url, server->token, NULL, NULL, &applied, &error));
      g_assert_no_error (error);
      t->pulled += applied;
    }
  return NULL;
}

static gint64
store_int (SuyuanStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (suyuan_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_two_servers (void)
{
  const gint64 total = N_TERMINALS * N_ROUNDS * N_PER_ROUND;
  g_autofree char *dir = test_dir_new ();
  g_autofree char *mirror_b = g_strconcat ("--mirror=", dir, "/b.lookup", NULL);
  const char *const b_args[] = { mirror_b, NULL };
  TestServer *a = test_server_start (dir, NULL);
  TestServer *b = test_server_start_args (dir, NULL, b_args);
  Terminal terminals[N_TERMINALS];
  GThread *threads[N_TERMINALS];
  g_autoptr(GError) error = NULL;
  guint64 sent = 0, rejected = 0;
  gint64 changes;

  g_assert_cmpuint (a->port, !=, b->port);
  for (int t = 0; t < N_TERMINALS; t++)
    {
      g_autofree char *name = g_strdup_printf ("terminal-%d.db", t);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      terminals[t] = (Terminal) { t, suyuan_store_open (path, &error), { a, b }, 0, 0 };
      g_assert_no_error (error);
    }
  for (int t = 0; t < N_TERMINALS; t++)
    threads[t] = g_thread_new ("terminal", run_terminal, &terminals[t]);
  for (int t = 0; t < N_TERMINALS; t++)
    g_thread_join (threads[t]);

  /* A last pull each, through the server it did not use last. */
  for (int t = 0; t < N_TERMINALS; t++)
    {
      TestServer *server = terminals[t].servers[(N_ROUNDS + t) % 2];

      g_assert_true (suyuan_sync_pull (terminals[t].store, server->url, server->token, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (terminals[t].sent, ==, N_ROUNDS * N_PER_ROUND);
      g_assert_cmpint (store_int (terminals[t].store, "SELECT count(*) FROM parties WHERE id LIKE 'P-T%'"), ==, total);
      g_assert_cmpint (suyuan_store_get_skipped (terminals[t].store, NULL, NULL), ==, 0);
    }
  changes = test_server_db_int (dir, "SELECT count(*) FROM changes WHERE type = 'party'");
  g_assert_cmpint (changes, ==, total);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(DISTINCT seq) FROM changes"), ==,
                   test_server_db_int (dir, "SELECT count(*) FROM changes"));
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM records"), ==, total);

  /* Terminal 0's acknowledgements of its first round were lost: it sends
   * those records again, through the other server. Stored once. */
  {
    sqlite3 *db = suyuan_store_get_db (terminals[0].store);

    g_assert_cmpint (sqlite3_exec (db, "UPDATE outbox SET sent_at = NULL WHERE rowid IN"
                                       " (SELECT rowid FROM outbox ORDER BY created_at, rowid LIMIT 15)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_true (suyuan_sync_push (terminals[0].store, b->url, b->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, N_PER_ROUND);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM records"), ==, total);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM changes WHERE type = 'party'"), ==, changes);

  /* A batch made through server A is known at once to a lookup through B,
   * whose mirror catches up from the shared feed. */
  {
    static const char batch_json[] = "{\"type\": \"master-data\","
      " \"parties\": [{\"id\": \"P-T-MAKER\", \"name\": \"两服务器食品厂\", \"kind\": \"producer\"}],"
      " \"products\": [{\"id\": \"PR-T\", \"gtin\": \"06901234567892\", \"name\": \"两服务器饼干\","
      " \"producer_id\": \"P-T-MAKER\"}],"
      " \"batches\": [{\"id\": \"B-T\", \"product_id\": \"PR-T\", \"lot\": \"T2612\"}]}";
    g_autoptr(JsonNode) node = json_from_string (batch_json, NULL);
    g_autofree char *uuid = suyuan_outbox_enqueue (terminals[0].store, SUYUAN_RECORD_EVENT, json_node_get_object (node), &error);
    g_autofree char *path = g_build_filename (dir, "newcomer.db", NULL);
    g_autoptr(SuyuanStore) newcomer = suyuan_store_open (path, &error);
    g_autoptr(SuyuanCode) code = suyuan_code_parse ("(01)06901234567892(10)T2612", -1);
    g_autoptr(SuyuanLookup) lookup = NULL;
    SuyuanLookupSource source;

    g_assert_no_error (error);
    g_assert_true (suyuan_sync_push (terminals[0].store, a->url, a->token, NULL, NULL, &sent, &rejected, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sent, ==, 1);
    lookup = suyuan_lookup_online (newcomer, code, b->url, b->token, 5000, &source, &error);
    g_assert_no_error (error);
    g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_SERVER);
    g_assert_nonnull (lookup->batch);
    g_assert_cmpstr (lookup->batch->lot, ==, "T2612");
  }

  for (int t = 0; t < N_TERMINALS; t++)
    suyuan_store_close (terminals[t].store);
  test_server_stop (a);
  test_server_stop (b);
  test_dir_free (g_steal_pointer (&dir));
}

/* PostgreSQL: a server on a read-only connection (as on a hot-standby
 * replica) starts on a current schema, answers lookups and change pages,
 * and refuses uploads, which go to a server on the primary. */
static void
test_read_only_replica (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_arg = NULL;
  g_autofree char *read_only = NULL;
  g_autofree char *mirror = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("06901234567892", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"type\": \"master-data\","
                                               " \"parties\": [{\"id\": \"P-RO\", \"name\": \"只读\"}]}", NULL);
  g_autoptr(GError) error = NULL;
  SuyuanLookupSource source;
  TestServer *primary, *replica;
  guint64 sent = 0, rejected = 0;

  if (!test_server_uses_pg ())
    {
      g_test_skip ("PostgreSQL only (a replica is read-only there)");
      return;
    }
  dir = test_dir_new ();
  db_arg = test_server_db_arg (dir);
  primary = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  /* The URL ends in the options parameter; one more setting joins it. */
  read_only = g_strconcat (db_arg, "%20-cdefault_transaction_read_only%3Don", NULL);
  mirror = g_strconcat ("--mirror=", dir, "/replica.lookup", NULL);
  replica = test_server_start_args (dir, NULL, (const char *const []) { read_only, mirror, NULL });

  path = g_build_filename (dir, "terminal.db", NULL);
  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
  lookup = suyuan_lookup_online (store, code, replica->url, replica->token, 5000, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, SUYUAN_LOOKUP_SOURCE_SERVER);
  g_assert_nonnull (lookup->product);
  g_assert_true (suyuan_sync_pull (store, replica->url, replica->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM products"), >, 0);

  uuid = suyuan_outbox_enqueue (store, SUYUAN_RECORD_EVENT, json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_false (suyuan_sync_push (store, replica->url, replica->token, NULL, NULL, &sent, &rejected, &error));
  g_clear_error (&error);
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 1);
  g_assert_true (suyuan_sync_push (store, primary->url, primary->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sent, ==, 1);
  /* The replica's next pull brings the change made on the primary. */
  g_assert_true (suyuan_sync_pull (store, replica->url, replica->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM parties WHERE id = 'P-RO'"), ==, 1);

  test_server_stop (replica);
  test_server_stop (primary);
  test_dir_free (g_steal_pointer (&dir));
}

/* A feed from before scoped pull gets its keys at the next start, and the
 * history copies go at its end: the lookup mirror steps past them rather
 * than read them all again at every lookup. */
static void
test_mirror_steps_past_copies (void)
{
  static const char *const rows[] = {
    "('party', '{\"id\": \"P-MK\", \"name\": \"厂\", \"kind\": \"producer\", \"region\": \"130101\"}')",
    "('party', '{\"id\": \"P-SH\", \"name\": \"店\", \"kind\": \"retailer\", \"region\": \"130202\"}')",
    "('product', '{\"id\": \"PR-C\", \"name\": \"饼\", \"gtin\": \"06901234567892\", \"producer_id\": \"P-MK\"}')",
    "('batch', '{\"id\": \"B-C\", \"product_id\": \"PR-C\", \"lot\": \"C1\"}')",
    "('unit', '{\"product_id\": \"PR-C\", \"serial\": \"1\", \"batch_id\": \"B-C\"}')",
    "('unit', '{\"product_id\": \"PR-C\", \"serial\": \"2\", \"batch_id\": \"B-C\"}')",
    "('event', '{\"id\": \"E-C\", \"type\": \"shipping\", \"time\": \"2026-11-01T08:00:00+08:00\","
    " \"product_id\": \"PR-C\", \"batch_id\": \"B-C\", \"party_id\": \"P-MK\", \"source_id\": \"P-MK\","
    " \"destination_id\": \"P-SH\"}')",
  };
  g_autofree char *dir = test_dir_new ();
  g_autofree char *token = test_server_token (dir, "admin", NULL, NULL, "setup");
  g_autofree char *mirror_path = NULL;
  g_autoptr(SuyuanStore) mirror = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("(01)06901234567892(10)C1", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SuyuanLookupSource source;
  TestServer *server;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *sql = g_strconcat ("INSERT INTO changes (type, data) VALUES ", rows[i], NULL);

      test_server_db_exec (dir, sql);
    }
  test_server_db_exec (dir, "DELETE FROM change_scope_backfill");
  test_server_db_exec (dir, "INSERT INTO change_scope_backfill SELECT max(seq) FROM changes");
  server = test_server_start (dir, NULL);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM changes WHERE copy_of IS NOT NULL"), >, 0);
  g_assert_cmpint (test_server_db_int (dir, "SELECT count(*) FROM changes WHERE seq = (SELECT max(seq) FROM changes)"
                                            " AND copy_of IS NOT NULL"), ==, 1);

  path = g_build_filename (dir, "terminal.db", NULL);
  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
  lookup = suyuan_lookup_online (store, code, server->url, server->token, 5000, &source, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lookup->batch);
  mirror_path = g_build_filename (dir, "server.db.lookup", NULL);
  mirror = suyuan_store_open (mirror_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_store_get_cursor (mirror), ==, test_server_db_int (dir, "SELECT max(seq) FROM changes"));
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/servers-one-db/two-servers-two-terminals", test_two_servers);
  g_test_add_func ("/servers-one-db/read-only-replica", test_read_only_replica);
  g_test_add_func ("/servers-one-db/mirror-steps-past-copies", test_mirror_steps_past_copies);
  return g_test_run ();
}
