/* test-verdict-pure.c — every verdict rule, alone and combined, pinned on
 * lookups built here: the verdict is a pure function, so no store is needed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-verdict-pure.h"
#include "verdict.h"

#define GS1 "]d20106901234567892"

typedef struct {
  const char *name;
  const char *input;
  const char *category;        /* NULL: product unknown */
  const char *batch_status;    /* NULL: no batch record; lot "L1" */
  guint32 batch_production, batch_expiry;
  const char *unit_state;      /* NULL: no unit record */
  const char *unit_party;
  const char *licence_status;  /* NULL: no producer record */
  guint32 licence_until;
  gboolean abnormal;
  const char *alert_kind;      /* one alert of product scope, or NULL */
  const char *here;
  guint32 today;
  SuyuanLevel level;
  const char *reasons;
} PureCase;

#define D 20260601  /* "today" in most cases */

static const PureCase cases[] = {
  { "ok", GS1 "10L1", "food", "normal", 20260101, 20270101, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "invalid", "6901234567893", "food", "normal", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "invalid" },
  { "unknown", GS1 "10L1", NULL, .today = D, .level = SUYUAN_LEVEL_UNKNOWN, .reasons = "unknown" },
  { "unknown-still-expired", GS1 "17260101", NULL, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "unknown,expired" },
  { "unknown-batch", GS1 "10L9", "food", NULL, .today = D, .level = SUYUAN_LEVEL_UNKNOWN, .reasons = "unknown-batch" },
  { "unknown-unit", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .today = D, .level = SUYUAN_LEVEL_UNKNOWN, .reasons = "unknown-unit" },
  { "food-serial-not-registered", GS1 "10L1" "\x1d" "21S1", "food", "normal", .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  /* expiry: the code's own date first, else the batch's */
  { "expired-code", GS1 "17260531", "food", NULL, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "expired" },
  { "expired-batch", GS1 "10L1", "food", "normal", 0, 20260531, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "expired" },
  { "expires-today", GS1 "10L1", "food", "normal", 0, D, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry" },
  /* near-expiry thresholds per category: food 7, drug 90, vaccine 90, agri 7, cold-chain 7, other 30 */
  { "food-7", GS1 "10L1", "food", "normal", 0, 20260608, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry" },
  { "food-8", GS1 "10L1", "food", "normal", 0, 20260609, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "drug-90", GS1 "10L1", "drug", "normal", 0, 20260830, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry" },
  { "drug-91", GS1 "10L1", "drug", "normal", 0, 20260831, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "vaccine-90", GS1 "10L1", "vaccine", "normal", 0, 20260830, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry" },
  { "cold-chain-8", GS1 "10L1", "cold-chain", "normal", 0, 20260609, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "agri-7", GS1 "10L1", "agri", "normal", 0, 20260608, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry" },
  { "other-30", GS1 "10L1", "other", "normal", 0, 20260701, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry" },
  { "other-31", GS1 "10L1", "other", "normal", 0, 20260702, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  /* batch status */
  { "unqualified", GS1 "10L1", "food", "unqualified", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "unqualified" },
  { "recalled", GS1 "10L1", "food", "recalled", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "recalled" },
  { "held", GS1 "10L1", "food", "held", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "held" },
  { "destroyed", GS1 "10L1", "food", "destroyed", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "destroyed" },
  /* alerts of product or producer scope count even when the batch looks normal */
  { "alert-recall", GS1 "10L1", "food", "normal", .alert_kind = "recall", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "recalled" },
  { "alert-unqualified", "6901234567892", "food", NULL, .alert_kind = "unqualified", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "unqualified" },
  { "alert-hold", GS1 "10L1", "food", "normal", .alert_kind = "hold", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "held" },
  { "alert-and-status-once", GS1 "10L1", "food", "recalled", .alert_kind = "recall", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "recalled" },
  /* one code, one box */
  { "in-stock-here", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .unit_state = "received", .unit_party = "SHOP", .here = "SHOP", .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "sold", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .unit_state = "sold", .unit_party = "SHOP", .here = "SHOP", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "already-sold" },
  { "seen-elsewhere", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .unit_state = "received", .unit_party = "OTHER", .here = "SHOP", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "seen-elsewhere" },
  { "elsewhere-place-unknown", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .unit_state = "received", .unit_party = "OTHER", .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "shipped-to-here", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .unit_state = "shipped", .unit_party = "DIST", .here = "SHOP", .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "unit-destroyed", GS1 "10L1" "\x1d" "21S1", "drug", "normal", .unit_state = "destroyed", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "destroyed" },
  /* the producer's licence */
  { "licence-valid", GS1 "10L1", "food", "normal", .licence_status = "valid", .licence_until = 20270101, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  { "licence-revoked", GS1 "10L1", "food", "normal", .licence_status = "revoked", .licence_until = 20270101, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "licence-revoked" },
  { "licence-suspended", GS1 "10L1", "food", "normal", .licence_status = "suspended", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "licence-revoked" },
  { "licence-expired-made-before", GS1 "10L1", "food", "normal", 20260101, .licence_status = "valid", .licence_until = 20260301, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "licence-expired" },
  { "licence-expired-made-after", GS1 "10L1", "food", "normal", 20260401, .licence_status = "valid", .licence_until = 20260301, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "licence-expired" },
  { "abnormal-producer", GS1 "10L1", "food", "normal", .licence_status = "valid", .abnormal = TRUE, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "producer-abnormal" },
  /* the label contradicts the batch record */
  { "tampered-expiry", GS1 "17271231" "10L1", "food", "normal", 0, 20261231, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "tampered" },
  { "tampered-production", GS1 "11260201" "10L1", "food", "normal", 20260101, .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "tampered" },
  { "tampered-lot", GS1 "10L2" "\x1d" "21S1", "food", "normal", .unit_state = "commissioned", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "tampered" },
  { "same-dates-not-tampered", GS1 "11260101" "17261231" "10L1", "food", "normal", 20260101, 20261231, .today = D, .level = SUYUAN_LEVEL_OK, .reasons = "" },
  /* combinations: every reason is listed, the gravest level wins */
  { "near-expiry-and-abnormal", GS1 "10L1", "food", "normal", 0, 20260603, .licence_status = "valid", .abnormal = TRUE, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "near-expiry,producer-abnormal" },
  { "everything-wrong", GS1 "10L1" "\x1d" "21S1", "drug", "recalled", 20260101, 20260501, .unit_state = "sold", .licence_status = "revoked", .alert_kind = "unqualified", .today = D, .level = SUYUAN_LEVEL_STOP, .reasons = "expired,unqualified,recalled,already-sold,licence-revoked" },
  { "unknown-batch-near-expiry", GS1 "17260605" "10L9", "food", NULL, .today = D, .level = SUYUAN_LEVEL_WARN, .reasons = "unknown-batch,near-expiry" },
};

static SuyuanLookup *
lookup_for (const PureCase *c)
{
  SuyuanLookup *lookup = suyuan_lookup_new ();

  if (c->category == NULL)
    return lookup;
  lookup->product = g_new0 (SuyuanProduct, 1);
  lookup->product->id = g_strdup ("PR");
  lookup->product->name = g_strdup ("product");
  lookup->product->category = g_strdup (c->category);
  if (c->batch_status)
    {
      lookup->batch = g_new0 (SuyuanBatch, 1);
      lookup->batch->id = g_strdup ("B");
      lookup->batch->lot = g_strdup ("L1");
      lookup->batch->status = g_strdup (c->batch_status);
      lookup->batch->production = c->batch_production;
      lookup->batch->expiry = c->batch_expiry;
    }
  if (c->unit_state)
    {
      lookup->unit = g_new0 (SuyuanUnit, 1);
      lookup->unit->serial = g_strdup ("S1");
      lookup->unit->state = g_strdup (c->unit_state);
      lookup->unit->last_party_id = g_strdup (c->unit_party);
    }
  if (c->licence_status)
    {
      lookup->producer = g_new0 (SuyuanParty, 1);
      lookup->producer->id = g_strdup ("P");
      lookup->producer->name = g_strdup ("producer");
      lookup->producer->licence_status = g_strdup (c->licence_status);
      lookup->producer->licence_valid_until = c->licence_until;
      lookup->producer->abnormal = c->abnormal;
    }
  if (c->alert_kind)
    {
      SuyuanAlert *alert = g_new0 (SuyuanAlert, 1);

      alert->id = g_strdup ("A");
      alert->kind = g_strdup (c->alert_kind);
      alert->scope = g_strdup ("product");
      alert->target_id = g_strdup ("PR");
      alert->title = g_strdup ("notice");
      g_ptr_array_add (lookup->alerts, alert);
    }
  return lookup;
}

static void
test_pure_case (gconstpointer data)
{
  const PureCase *c = data;
  g_autoptr(SuyuanCode) code = suyuan_code_parse (c->input, -1);
  g_autoptr(SuyuanLookup) lookup = lookup_for (c);
  g_autoptr(SuyuanVerdict) verdict = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  SuyuanVerdictSettings settings;

  suyuan_verdict_settings_init (&settings);
  settings.here_party_id = c->here;
  verdict = suyuan_verdict_judge (code, lookup, c->today, &settings);
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const SuyuanReason *r = verdict->reasons->pdata[i];

      g_string_append_printf (ids, "%s%s", i ? "," : "", r->id);
      g_assert_true (r->message != NULL && r->message[0] != '\0');
    }
  g_assert_cmpstr (ids->str, ==, c->reasons);
  g_assert_cmpstr (suyuan_level_to_string (verdict->level), ==, suyuan_level_to_string (c->level));
}

/* Each category's threshold is its own setting. */
static void
test_category_settings (void)
{
  static const PureCase c = { "x", GS1 "10L1", "vaccine", "normal", 0, 20260701, .today = D };
  g_autoptr(SuyuanCode) code = suyuan_code_parse (c.input, -1);
  g_autoptr(SuyuanLookup) lookup = lookup_for (&c);
  g_autoptr(SuyuanVerdict) a = NULL, b = NULL;
  SuyuanVerdictSettings settings;

  suyuan_verdict_settings_init (&settings);
  settings.near_expiry_days_drug = 10;
  a = suyuan_verdict_judge (code, lookup, D, &settings);
  settings.near_expiry_days_vaccine = 10;
  b = suyuan_verdict_judge (code, lookup, D, &settings);
  g_assert_cmpint (a->level, ==, SUYUAN_LEVEL_WARN);
  g_assert_cmpint (b->level, ==, SUYUAN_LEVEL_OK);
}

void
test_verdict_pure_add (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/verdict/rules/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_pure_case);
    }
  g_test_add_func ("/verdict/category-settings", test_category_settings);
}
