/* test-verdict.c — every rule pinned by a table of code × store × day.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "verdict.h"
#include "test-verdict-pure.h"

typedef struct {
  const char *input;
  guint32 today;
  SuyuanLevel level;
  const char *reasons;      /* reason ids, comma-separated, in order */
} VerdictCase;

static const VerdictCase cases[] = {
  /* expiry printed in the code, batch in the store */
  { "]d20106901234567892" "17250331" "10A2501", 20260101, SUYUAN_LEVEL_STOP, "expired" },
  { "]d20106901234567892" "17250331" "10A2501", 20250331, SUYUAN_LEVEL_WARN, "near-expiry" },
  { "]d20106901234567892" "17250331" "10A2501", 20250301, SUYUAN_LEVEL_OK, "" },
  /* no date in the code: the batch record's expiry is used */
  { "]d20106901234567892" "10A2501", 20260101, SUYUAN_LEVEL_STOP, "expired" },
  { "https://id.example.com/01/06901234567908/10/W2610", 20261122, SUYUAN_LEVEL_OK, "" },
  /* bare GTIN: product known, no batch: nothing to judge but the product */
  { "6901234567908", 20261122, SUYUAN_LEVEL_OK, "" },
  /* drugs use the drug threshold (90 days) */
  { "]d20106901234567915" "17270831" "10250901", 20270701, SUYUAN_LEVEL_STOP, "near-expiry,recalled" },
  /* unqualified batch, and expired as well */
  { "]d20106901234567922" "10Y2609", 20261122, SUYUAN_LEVEL_STOP, "unqualified" },
  { "]d20106901234567922" "10Y2609", 20270102, SUYUAN_LEVEL_STOP, "expired,unqualified" },
  /* recalled drug unit, found through the unit's batch */
  { "81234560000000011234", 20261122, SUYUAN_LEVEL_STOP, "recalled" },
  /* unknown to the store, but the code's own expiry still counts */
  { "]d20104006381333931" "17240101", 20261122, SUYUAN_LEVEL_STOP, "unknown,expired" },
  { "4006381333931", 20261122, SUYUAN_LEVEL_UNKNOWN, "unknown" },
  { "6901234567893", 20261122, SUYUAN_LEVEL_STOP, "invalid" },
  /* the demo store (data/demo/demo.json) on its own terms */
  { "]d20106901234567922" "10Y2611", 20261123, SUYUAN_LEVEL_WARN, "near-expiry" },
  { "]d20106901234567908" "10W2611", 20261123, SUYUAN_LEVEL_STOP, "held" },
  { "82345670000001011234", 20261123, SUYUAN_LEVEL_STOP, "already-sold" },
  { "82345670000001021234", 20261123, SUYUAN_LEVEL_OK, "" },
  { "6901234567939", 20261123, SUYUAN_LEVEL_STOP, "recalled,licence-revoked,producer-abnormal" },
  { "]d20106901234567892" "17270430" "10A2501", 20261123, SUYUAN_LEVEL_STOP, "tampered" },
  { "82345679999999991234", 20261123, SUYUAN_LEVEL_UNKNOWN, "unknown-unit" },
};

static SuyuanStore *demo_store;

static void
test_case (gconstpointer data)
{
  const VerdictCase *c = data;
  g_autoptr(SuyuanCode) code = suyuan_code_parse (c->input, -1);
  g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (demo_store, code, NULL);
  g_autoptr(SuyuanVerdict) verdict = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  SuyuanVerdictSettings settings;

  suyuan_verdict_settings_init (&settings);
  verdict = suyuan_verdict_judge (code, lookup, c->today, &settings);
  for (guint i = 0; i < verdict->reasons->len; i++)
    g_string_append_printf (ids, "%s%s", i ? "," : "", ((SuyuanReason *) verdict->reasons->pdata[i])->id);
  g_assert_cmpstr (ids->str, ==, c->reasons);
  g_assert_cmpstr (suyuan_level_to_string (verdict->level), ==, suyuan_level_to_string (c->level));
}

static void
test_threshold_is_a_setting (void)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("]d20106901234567892" "17250331", -1);
  g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (demo_store, code, NULL);
  g_autoptr(SuyuanVerdict) a = NULL;
  g_autoptr(SuyuanVerdict) b = NULL;
  SuyuanVerdictSettings settings;

  suyuan_verdict_settings_init (&settings);
  a = suyuan_verdict_judge (code, lookup, 20250320, &settings);
  settings.near_expiry_days_food = 30;
  b = suyuan_verdict_judge (code, lookup, 20250320, &settings);
  g_assert_cmpint (a->level, ==, SUYUAN_LEVEL_OK);
  g_assert_cmpint (b->level, ==, SUYUAN_LEVEL_WARN);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = test_dir_new ();
  demo_store = test_open_demo_store (dir, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/verdict/table/%02u", (guint) i);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/verdict/threshold-setting", test_threshold_is_a_setting);
  test_verdict_pure_add ();
  status = g_test_run ();
  suyuan_store_close (demo_store);
  test_dir_free (g_steal_pointer (&dir));
  return status;
}
