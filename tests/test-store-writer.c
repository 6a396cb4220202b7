/* test-store-writer.c — durable writes off the main thread: the writer keeps
 * the order of what was pushed, reports a failure and rolls it back, and a
 * flush waits; a receipt on a writer counts a scan at once, shows it saving
 * while another connection holds the write lock, saves again what failed,
 * and finishing or freeing it waits for the queued scans.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "receipt.h"
#include "store-writer.h"

#define TODAY 20261123
#define IBU(n) "8234567000000" n "1234"

typedef struct {
  char *dir;
  char *path;
  SuyuanStore *store;
  SuyuanStoreWriter *writer;
  GArray *done;                 /* of int: the seq of each done callback, in order */
  GPtrArray *errors;            /* of char *: "" or the message, in order */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_dir_new ();
  f->store = test_open_demo_store (f->dir, &f->path);
  g_assert_true (suyuan_store_exec (f->store, "CREATE TABLE t (seq INTEGER NOT NULL)", NULL));
  f->writer = suyuan_store_writer_new (f->store, &error);
  g_assert_no_error (error);
  f->done = g_array_new (FALSE, FALSE, sizeof (int));
  f->errors = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->writer, suyuan_store_writer_free);
  suyuan_store_close (f->store);
  g_array_unref (f->done);
  g_ptr_array_unref (f->errors);
  g_free (f->path);
  test_dir_free (f->dir);
}


/* Inserts its seq; a negative one inserts and then fails. */
static gboolean
insert_seq (SuyuanStore  *store,
            gpointer      data,
            GError      **error)
{
  int seq = GPOINTER_TO_INT (data);
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "INSERT INTO t (seq) VALUES (?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ABS (seq));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  if (seq < 0)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_SQL, "write %d refused", -seq);
      return FALSE;
    }
  return TRUE;
}

static void
seq_done (gpointer      data,
          const GError *error,
          gpointer      user_data)
{
  Fixture *f = user_data;
  int seq = ABS (GPOINTER_TO_INT (data));

  g_array_append_val (f->done, seq);
  g_ptr_array_add (f->errors, g_strdup (error ? error->message : ""));
}

static void
push (Fixture *f,
      int      seq)
{
  suyuan_store_writer_push (f->writer, insert_seq, seq_done, GINT_TO_POINTER (seq), NULL, f);
}

static void
test_order (Fixture *f, gconstpointer data)
{
  g_autofree char *expected = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  sqlite3_stmt *stmt;

  for (int i = 1; i <= 200; i++)
    push (f, i);
  g_assert_cmpuint (suyuan_store_writer_get_n_pending (f->writer), ==, 200);
  /* The flush waits, and runs every callback before it returns. */
  suyuan_store_writer_flush (f->writer);
  g_assert_cmpuint (suyuan_store_writer_get_n_pending (f->writer), ==, 0);
  g_assert_cmpuint (f->done->len, ==, 200);
  for (int i = 0; i < 200; i++)
    {
      g_assert_cmpint (g_array_index (f->done, int, i), ==, i + 1);
      g_assert_cmpstr (f->errors->pdata[i], ==, "");
    }
  /* Committed in the order pushed, seen by the main connection. */
  stmt = suyuan_store_prepare (f->store, "SELECT seq FROM t ORDER BY rowid", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (list, "%d,", sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_cmpuint (list->len, >, 0);
  g_assert_cmpint (list->str[list->len - 1], ==, ',');
  g_assert_true (g_str_has_prefix (list->str, "1,2,3,4,5,"));
  g_assert_true (g_str_has_suffix (list->str, ",198,199,200,"));
  g_assert_cmpint (test_store_int (f->store, "SELECT count (*) FROM t"), ==, 200);
}

static void
test_failure (Fixture *f, gconstpointer data)
{
  push (f, 1);
  push (f, -2);
  push (f, 3);
  suyuan_store_writer_flush (f->writer);
  g_assert_cmpuint (f->done->len, ==, 3);
  g_assert_cmpstr (f->errors->pdata[0], ==, "");
  g_assert_cmpstr (f->errors->pdata[1], ==, "write 2 refused");
  g_assert_cmpstr (f->errors->pdata[2], ==, "");
  /* The failed write is rolled back whole; the next one still commits. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count (*) FROM t WHERE seq = 2"), ==, 0);
  g_assert_cmpint (test_store_int (f->store, "SELECT count (*) FROM t WHERE seq IN (1, 3)"), ==, 2);
}

static void
iterate_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  TestLock *lock = test_lock_hold (f->path, 500);
  gint64 start = g_get_monotonic_time ();

  push (f, 7);
  /* The push returns at once; the write waits for the lock on its thread. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 200 * 1000);
  iterate_ms (150);
  g_assert_cmpuint (f->done->len, ==, 0);
  g_assert_cmpuint (suyuan_store_writer_get_n_pending (f->writer), ==, 1);
  test_lock_join (lock);
  while (f->done->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (f->errors->pdata[0], ==, "");
  g_assert_cmpint (test_store_int (f->store, "SELECT count (*) FROM t WHERE seq = 7"), ==, 1);
}

/* A receipt on the writer. */
static SuyuanReceipt *
open_receipt (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = suyuan_receipt_list_shipments (f->store, "P-SHOP", &error);
  SuyuanReceipt *receipt;

  g_assert_no_error (error);
  receipt = suyuan_receipt_new_from_shipment (f->store, ((SuyuanShipment *) list->pdata[0])->key, &error);
  g_assert_no_error (error);
  return receipt;
}

static void
on_saved (SuyuanReceipt *receipt,
          const GError  *error,
          gpointer       user_data)
{
  Fixture *f = user_data;
  int n = (int) f->done->len;

  g_array_append_val (f->done, n);
  g_ptr_array_add (f->errors, g_strdup (error ? error->message : ""));
}

static SuyuanReceiptScanResult
scan (SuyuanReceipt *receipt,
      const char    *payload)
{
  g_autoptr(GError) error = NULL;
  SuyuanVerdictSettings settings;
  SuyuanReceiptScanResult r;

  suyuan_verdict_settings_init (&settings);
  settings.here_party_id = "P-SHOP";
  r = suyuan_receipt_scan (receipt, payload, TODAY, &settings, NULL, NULL, &error);
  g_assert_no_error (error);
  return r;
}

static gint64
count_serials (Fixture       *f,
               SuyuanReceipt *receipt)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM receipt_serials WHERE receipt_uuid = '%s'",
                                          suyuan_receipt_get_uuid (receipt));

  return test_store_int (f->store, sql);
}

static void
test_receipt_saving (Fixture *f, gconstpointer data)
{
  SuyuanReceipt *receipt = open_receipt (f);
  SuyuanReceiptLine *ibu;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  TestLock *lock;

  suyuan_receipt_set_writer (receipt, f->writer, on_saved, f);
  ibu = suyuan_receipt_get_lines (receipt)->pdata[0];
  lock = test_lock_hold (f->path, 500);
  g_assert_cmpint (scan (receipt, IBU ("104")), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (receipt, IBU ("105")), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  /* Counted at once, saving while the lock is held. */
  g_assert_cmpuint (ibu->received, ==, 2);
  g_assert_false (suyuan_receipt_line_is_saved (ibu));
  iterate_ms (100);
  g_assert_false (suyuan_receipt_line_is_saved (ibu));
  test_lock_join (lock);
  while (f->done->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (suyuan_receipt_line_is_saved (ibu));
  g_assert_cmpint (count_serials (f, receipt), ==, 2);

  /* A queued scan still waiting when the receipt is freed is not lost. */
  uuid = g_strdup (suyuan_receipt_get_uuid (receipt));
  lock = test_lock_hold (f->path, 300);
  g_assert_cmpint (scan (receipt, IBU ("106")), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  suyuan_receipt_free (receipt);
  test_lock_join (lock);
  sql = g_strdup_printf ("SELECT count (*) FROM receipt_serials WHERE receipt_uuid = '%s'", uuid);
  g_assert_cmpint (test_store_int (f->store, sql), ==, 3);
}

static void
test_receipt_failure (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanReceipt) receipt = open_receipt (f);
  SuyuanReceiptLine *ibu;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  suyuan_receipt_set_writer (receipt, f->writer, on_saved, f);
  ibu = suyuan_receipt_get_lines (receipt)->pdata[0];
  g_assert_true (suyuan_store_exec (f->store,
      "CREATE TRIGGER refuse BEFORE INSERT ON receipt_serials"
      " BEGIN SELECT RAISE (ABORT, 'the disk is full'); END", NULL));
  g_assert_cmpint (scan (receipt, IBU ("104")), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  while (f->done->len < 1)
    g_main_context_iteration (NULL, TRUE);
  /* Reported, and the line stays unsaved (and counted) for the next try. */
  g_assert_nonnull (strstr (f->errors->pdata[0], "the disk is full"));
  g_assert_false (suyuan_receipt_line_is_saved (ibu));
  g_assert_true (ibu->save_failed);
  g_assert_cmpuint (ibu->received, ==, 1);
  g_assert_cmpint (count_serials (f, receipt), ==, 0);

  /* The next scan saves everything: the unit that failed too, once. */
  g_assert_true (suyuan_store_exec (f->store, "DROP TRIGGER refuse", NULL));
  g_assert_cmpint (scan (receipt, IBU ("105")), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (receipt, IBU ("104")), ==, SUYUAN_RECEIPT_SCAN_DUPLICATE);
  suyuan_store_writer_flush (f->writer);
  g_assert_cmpuint (f->done->len, ==, 3);
  g_assert_cmpstr (f->errors->pdata[1], ==, "");
  g_assert_true (suyuan_receipt_line_is_saved (ibu));
  g_assert_cmpint (count_serials (f, receipt), ==, 2);

  /* Finishing waits for what is queued: the record holds every unit. */
  g_assert_cmpint (scan (receipt, IBU ("106")), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_true (suyuan_receipt_finish (receipt, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (suyuan_store_writer_get_n_pending (f->writer), ==, 0);
  sql = g_strdup_printf ("SELECT json_array_length (data, '$.lines[0].serials') FROM receipts"
                         " WHERE uuid = '%s' AND finished_at IS NOT NULL", suyuan_receipt_get_uuid (receipt));
  g_assert_cmpint (test_store_int (f->store, sql), ==, 3);
  g_assert_cmpint (count_serials (f, receipt), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-writer/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/store-writer/failure", Fixture, NULL, fixture_set_up, test_failure, fixture_tear_down);
  g_test_add ("/store-writer/locked", Fixture, NULL, fixture_set_up, test_locked, fixture_tear_down);
  g_test_add ("/store-writer/receipt-saving", Fixture, NULL, fixture_set_up, test_receipt_saving,
              fixture_tear_down);
  g_test_add ("/store-writer/receipt-failure", Fixture, NULL, fixture_set_up, test_receipt_failure,
              fixture_tear_down);
  return g_test_run ();
}
