/* test-inspection-sync.c — a finished inspection made offline reaches a real
 * suyuan-server on loopback once the terminal pushes its outbox, once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "outbox.h"
#include "sync-client.h"
#include "test-support.h"

static void
test_inspection_syncs (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GPtrArray) found = suyuan_inspection_find_parties (store, "JY13301020099887", 5, NULL);
  g_autoptr(SuyuanInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  SuyuanVerdict verdict = { SUYUAN_LEVEL_STOP, g_ptr_array_new () };
  TestServer *server;
  guint64 sent = 0;

  /* Offline: made and finished with no server at all. */
  g_assert_cmpuint (found->len, ==, 1);
  inspection = suyuan_inspection_start (store, found->pdata[0], "王检查", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (suyuan_inspection_add_item (store, inspection, "6901234567939", &verdict, "福满园 · 薯片", &error));
  g_ptr_array_unref (verdict.reasons);
  g_assert_true (suyuan_inspection_set_action (store, inspection, 1, SUYUAN_ACTION_REMOVED, "下架 20 袋", &error));
  g_assert_true (suyuan_inspection_finish (store, inspection, SUYUAN_RESULT_FAIL, NULL, &error));
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 1);

  server = test_server_start (dir, NULL);
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (suyuan_sync_push (store, server->url, server->token, NULL, NULL, &sent, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (sent, ==, round == 0 ? 1 : 0);
    }
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 0);
  /* The UUID is made by us, never taken from input: safe inside the SQL. */
  sql = g_strdup_printf ("SELECT count(*) FROM records WHERE kind = 'inspection'"
                         " AND json_extract (data, '$.inspection_uuid') = '%s'"
                         " AND json_extract (data, '$.result') = 'fail'"
                         " AND json_extract (data, '$.party_id') = 'P-MARKET'"
                         " AND json_extract (data, '$.items[0].action') = 'removed'", inspection->uuid);
  g_assert_cmpint (test_server_db_int (dir, sql), ==, 1);
  test_server_stop (server);
  g_clear_pointer (&inspection, suyuan_inspection_free);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/inspection-sync/push", test_inspection_syncs);
  return g_test_run ();
}
