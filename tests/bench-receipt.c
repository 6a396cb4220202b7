/* bench-receipt.c — how a receipt keeps up with a fast scanner: N scans of
 * distinct boxes into one receipt (judge, count, save after every scan),
 * against the anchor of the same N codes only looked up and judged, as the
 * Check page does. Prints the ratio. (meson test --benchmark receipt)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "receipt.h"

#define N 2000

static char *
code_for (int i)
{
  return g_strdup_printf ("8234567%09d1234", 1000000 + i);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(SuyuanReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanVerdictSettings settings;
  gint64 t0, anchor, receiving;

  suyuan_verdict_settings_init (&settings);
  g_assert_true (suyuan_store_begin (store, NULL));
  for (int i = 0; i < N; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO units (product_id, serial, batch_id) VALUES"
                                              " ('PR-IBU', '%09d', 'B-IBU-261001')", 1000000 + i);

      g_assert_true (suyuan_store_exec (store, sql, NULL));
    }
  g_assert_true (suyuan_store_commit (store, NULL));

  t0 = g_get_monotonic_time ();
  for (int i = 0; i < N; i++)
    {
      g_autofree char *text = code_for (i);
      g_autoptr(SuyuanCode) code = suyuan_code_parse (text, -1);
      g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (store, code, NULL);
      g_autoptr(SuyuanVerdict) verdict = suyuan_verdict_judge (code, lookup, 20261123, &settings);

      g_assert_cmpint (verdict->level, ==, SUYUAN_LEVEL_OK);
    }
  anchor = g_get_monotonic_time () - t0;

  receipt = suyuan_receipt_new_ad_hoc (store, "P-SHOP", NULL);
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < N; i++)
    {
      g_autofree char *text = code_for (i);

      g_assert_cmpint (suyuan_receipt_scan (receipt, text, 20261123, &settings, NULL, NULL, &error), ==,
                       SUYUAN_RECEIPT_SCAN_COUNTED);
    }
  receiving = g_get_monotonic_time () - t0;
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  g_assert_true (suyuan_receipt_finish (receipt, &error));
  g_assert_no_error (error);

  g_print ("%d scans: check only (anchor) %.3f ms/scan; into a receipt %.3f ms/scan (%.1fx the anchor);"
           " finishing (%d events + record) %.1f ms\n",
           N, anchor / 1000.0 / N, receiving / 1000.0 / N, (double) receiving / MAX (anchor, 1),
           N, (g_get_monotonic_time () - t0) / 1000.0);
  g_clear_pointer (&receipt, suyuan_receipt_free);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
