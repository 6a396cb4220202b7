/* test-scan-dedup.c — continuous camera scanning reports each code once per
 * time it comes into view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "scan-dedup.h"

#include <string.h>

#define MS 1000

/* Simulates @n_frames frames 40 ms apart from @start_ms, each reading the
 * codes in @codes (NULL-terminated); returns how many scans were reported. */
static guint
frames (SuyuanScanDedup   *dedup,
        const char *const *codes,
        gint64             start_ms,
        guint              n_frames)
{
  guint scans = 0;

  for (guint f = 0; f < n_frames; f++)
    {
      gint64 now = (start_ms + f * 40) * MS;

      for (guint i = 0; codes && codes[i]; i++)
        scans += suyuan_scan_dedup_seen (dedup, codes[i], strlen (codes[i]), now);
      suyuan_scan_dedup_frame_done (dedup, now);
    }
  return scans;
}

static void
test_held_code_is_one_scan (void)
{
  g_autoptr(SuyuanScanDedup) dedup = suyuan_scan_dedup_new (1500 * MS);
  const char *milk[] = { "0106901234567892172503311 0A2501", NULL };

  /* Four seconds in view, 100 frames: one scan. */
  g_assert_cmpuint (frames (dedup, milk, 0, 100), ==, 1);
  g_assert_cmpuint (suyuan_scan_dedup_in_view (dedup), ==, 1);
}

static void
test_missed_frames_are_bridged (void)
{
  g_autoptr(SuyuanScanDedup) dedup = suyuan_scan_dedup_new (1500 * MS);
  const char *water[] = { "6901234567908", NULL };

  /* Glare: the decoder misses the code for half a second, then reads it again. */
  g_assert_cmpuint (frames (dedup, water, 0, 10), ==, 1);
  g_assert_cmpuint (frames (dedup, NULL, 400, 12), ==, 0);
  g_assert_cmpuint (frames (dedup, water, 880, 10), ==, 0);
}

static void
test_new_code_is_new_scan (void)
{
  g_autoptr(SuyuanScanDedup) dedup = suyuan_scan_dedup_new (1500 * MS);
  const char *one[] = { "6901234567908", NULL };
  const char *both[] = { "6901234567908", "4006381333931", NULL };

  g_assert_cmpuint (frames (dedup, one, 0, 10), ==, 1);
  /* A second product slides in beside the first: only it is new. */
  g_assert_cmpuint (frames (dedup, both, 400, 10), ==, 1);
}

static void
test_code_back_after_leaving_is_new_scan (void)
{
  g_autoptr(SuyuanScanDedup) dedup = suyuan_scan_dedup_new (1500 * MS);
  const char *water[] = { "6901234567908", NULL };

  g_assert_cmpuint (frames (dedup, water, 0, 10), ==, 1);
  /* Two seconds of an empty view: the item was put down. */
  g_assert_cmpuint (frames (dedup, NULL, 400, 50), ==, 0);
  g_assert_cmpuint (suyuan_scan_dedup_in_view (dedup), ==, 0);
  /* A second item of the same product (same EAN) is a second scan. */
  g_assert_cmpuint (frames (dedup, water, 2400, 10), ==, 1);
}

static void
test_payloads_compared_as_bytes (void)
{
  g_autoptr(SuyuanScanDedup) dedup = suyuan_scan_dedup_new (1500 * MS);

  /* GS makes a difference, and so does anything after an embedded NUL. */
  g_assert_true (suyuan_scan_dedup_seen (dedup, "10A\x1d" "21B", 7, 0));
  g_assert_true (suyuan_scan_dedup_seen (dedup, "10A21B", 6, 0));
  g_assert_true (suyuan_scan_dedup_seen (dedup, "ab\0c", 4, 0));
  g_assert_true (suyuan_scan_dedup_seen (dedup, "ab\0d", 4, 0));
  g_assert_false (suyuan_scan_dedup_seen (dedup, "ab\0d", 4, 10 * MS));
  suyuan_scan_dedup_reset (dedup);
  g_assert_true (suyuan_scan_dedup_seen (dedup, "ab\0d", 4, 20 * MS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scan-dedup/held-code-is-one-scan", test_held_code_is_one_scan);
  g_test_add_func ("/scan-dedup/missed-frames-are-bridged", test_missed_frames_are_bridged);
  g_test_add_func ("/scan-dedup/new-code-is-new-scan", test_new_code_is_new_scan);
  g_test_add_func ("/scan-dedup/code-back-after-leaving", test_code_back_after_leaving_is_new_scan);
  g_test_add_func ("/scan-dedup/payloads-compared-as-bytes", test_payloads_compared_as_bytes);
  return g_test_run ();
}
