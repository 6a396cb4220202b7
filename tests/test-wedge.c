/* test-wedge.c — keyboard-wedge timing: scanner bursts are scans, people's
 * typing never is, and GS survives every way scanners send it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wedge.h"

#include <string.h>

#define MS 1000

/* Feeds @text one character every @gap_ms from @start_ms, then Enter after
 * @enter_gap_ms; returns the scan or NULL. */
static char *
type_text (SuyuanWedge *wedge,
           const char  *text,
           gint64       start_ms,
           gint64       gap_ms,
           gint64       enter_gap_ms)
{
  gint64 t = start_ms * MS;

  for (const char *p = text; *p; p = g_utf8_next_char (p), t += gap_ms * MS)
    suyuan_wedge_feed_char (wedge, g_utf8_get_char (p), t);
  return suyuan_wedge_feed_enter (wedge, t - gap_ms * MS + enter_gap_ms * MS);
}

static void
test_burst_is_scan (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autofree char *scan = type_text (wedge, "6901234567908", 1000, 4, 5);

  g_assert_cmpstr (scan, ==, "6901234567908");
}

static void
test_slow_typing_is_not_scan (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autofree char *slow = type_text (wedge, "6901234567908", 1000, 120, 150);
  /* A fast typist with key rollover: some gaps short, most not. */
  const gint64 times[] = { 0, 30, 140, 170, 290, 400, 420 };
  const char *word = "abcdefg";

  g_assert_null (slow);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    suyuan_wedge_feed_char (wedge, word[i], 5000 * MS + times[i] * MS);
  g_assert_null (suyuan_wedge_feed_enter (wedge, 5000 * MS + 440 * MS));
}

static void
test_short_burst_is_not_scan (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autofree char *scan = type_text (wedge, "ab", 1000, 5, 5);

  /* Two keys pressed together then Enter: a person, not a code. */
  g_assert_null (scan);
}

static void
test_late_enter_is_not_scan (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autofree char *scan = type_text (wedge, "6901234567908", 1000, 4, 800);

  /* Pasted or auto-repeated text then Enter by hand belongs to the person. */
  g_assert_null (scan);
}

static void
test_scan_after_hand_typing (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autofree char *scan = NULL;

  /* The person types "690" slowly, then a scan arrives: only the burst counts. */
  g_assert_true (suyuan_wedge_feed_char (wedge, '6', 100 * MS));
  g_assert_true (suyuan_wedge_feed_char (wedge, '9', 300 * MS));
  g_assert_true (suyuan_wedge_feed_char (wedge, '0', 500 * MS));
  g_assert_true (suyuan_wedge_feed_char (wedge, '4', 2000 * MS));
  g_assert_false (suyuan_wedge_feed_char (wedge, '0', 2004 * MS));
  g_assert_true (suyuan_wedge_in_burst (wedge));
  scan = type_text (wedge, "06381333931", 2008, 4, 4);
  g_assert_cmpstr (scan, ==, "4006381333931");
  g_assert_false (suyuan_wedge_in_burst (wedge));
}

static void
test_break_ends_burst (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();

  for (int i = 0; i < 8; i++)
    suyuan_wedge_feed_char (wedge, '1', (1000 + i * 4) * MS);
  suyuan_wedge_break (wedge);   /* e.g. Backspace or an arrow key */
  g_assert_null (suyuan_wedge_feed_enter (wedge, 1034 * MS));
}

static void
test_gs_variants (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  const char *expected = "010690123456789210A2611\x1d" "21SN0001";
  g_autofree char *raw = type_text (wedge, "010690123456789210A2611\x1d" "21SN0001", 1000, 3, 3);
  g_autofree char *tilde = NULL;
  g_autofree char *tag = NULL;

  g_assert_cmpstr (raw, ==, expected);
  suyuan_wedge_set_gs_substitute (wedge, "~");
  tilde = type_text (wedge, "010690123456789210A2611~21SN0001", 2000, 3, 3);
  g_assert_cmpstr (tilde, ==, expected);
  suyuan_wedge_set_gs_substitute (wedge, "<GS>");
  tag = type_text (wedge, "010690123456789210A2611<GS>21SN0001", 3000, 3, 3);
  g_assert_cmpstr (tag, ==, expected);
}

static void
test_hostile_bursts (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *long_scan = NULL;
  g_autofree char *ctrl_scan = NULL;
  g_autofree char *cjk = NULL;

  for (int i = 0; i < SUYUAN_WEDGE_MAX_LENGTH + 10; i++)
    g_string_append_c (huge, '7');
  long_scan = type_text (wedge, huge->str, 1000, 1, 1);
  g_assert_null (long_scan);
  /* A stray control character (not GS) spoils the burst. */
  ctrl_scan = type_text (wedge, "12345\x07" "678", 90000, 3, 3);
  g_assert_null (ctrl_scan);
  /* Non-ASCII is kept as UTF-8. */
  cjk = type_text (wedge, "批号A2501", 95000, 3, 3);
  g_assert_cmpstr (cjk, ==, "批号A2501");
}

static void
test_thresholds (void)
{
  g_autoptr(SuyuanWedge) wedge = suyuan_wedge_new ();
  g_autofree char *slow_scanner = NULL;
  g_autofree char *short_code = NULL;

  /* A slow Bluetooth scanner at 70 ms per key, allowed by a wider gap. */
  suyuan_wedge_set_max_gap (wedge, 100 * MS);
  slow_scanner = type_text (wedge, "6901234567908", 1000, 70, 70);
  g_assert_cmpstr (slow_scanner, ==, "6901234567908");
  suyuan_wedge_set_min_length (wedge, 2);
  short_code = type_text (wedge, "42", 5000, 5, 5);
  g_assert_cmpstr (short_code, ==, "42");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wedge/burst-is-scan", test_burst_is_scan);
  g_test_add_func ("/wedge/slow-typing-is-not-scan", test_slow_typing_is_not_scan);
  g_test_add_func ("/wedge/short-burst-is-not-scan", test_short_burst_is_not_scan);
  g_test_add_func ("/wedge/late-enter-is-not-scan", test_late_enter_is_not_scan);
  g_test_add_func ("/wedge/scan-after-hand-typing", test_scan_after_hand_typing);
  g_test_add_func ("/wedge/break-ends-burst", test_break_ends_burst);
  g_test_add_func ("/wedge/gs-variants", test_gs_variants);
  g_test_add_func ("/wedge/hostile-bursts", test_hostile_bursts);
  g_test_add_func ("/wedge/thresholds", test_thresholds);
  return g_test_run ();
}
