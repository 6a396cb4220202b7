/* verdict.c — the rules an inspector applies, as code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "verdict.h"

#include <glib/gi18n-lib.h>

void
suyuan_verdict_settings_init (SuyuanVerdictSettings *settings)
{
  settings->near_expiry_days_food = 7;
  settings->near_expiry_days_drug = 90;
  settings->near_expiry_days_other = 30;
}

static void
reason_free (gpointer data)
{
  SuyuanReason *reason = data;

  g_free (reason->message);
  g_free (reason);
}

static void
add_reason (SuyuanVerdict *verdict,
            const char    *id,
            SuyuanLevel    level,
            char          *message)
{
  SuyuanReason *reason = g_new0 (SuyuanReason, 1);

  reason->id = id;
  reason->level = level;
  reason->message = message;
  g_ptr_array_add (verdict->reasons, reason);
  verdict->level = MAX (verdict->level, level);
}

static GDate *
date_from_packed (guint32 packed)
{
  return g_date_new_dmy ((GDateDay) (packed % 100), (GDateMonth) (packed / 100 % 100),
                         (GDateYear) (packed / 10000));
}

static int
days_between (guint32 from,
              guint32 to)
{
  g_autoptr(GDate) a = date_from_packed (from);
  g_autoptr(GDate) b = date_from_packed (to);

  return g_date_days_between (a, b);
}

static int
near_expiry_days (const SuyuanLookup          *lookup,
                  const SuyuanVerdictSettings *settings)
{
  const char *category = lookup && lookup->product ? lookup->product->category : NULL;

  if (g_strcmp0 (category, "drug") == 0 || g_strcmp0 (category, "vaccine") == 0)
    return settings->near_expiry_days_drug;
  if (g_strcmp0 (category, "food") == 0 || g_strcmp0 (category, "agri") == 0
      || g_strcmp0 (category, "cold-chain") == 0)
    return settings->near_expiry_days_food;
  return settings->near_expiry_days_other;
}

static void
judge_expiry (SuyuanVerdict               *verdict,
              const SuyuanCode            *code,
              const SuyuanLookup          *lookup,
              guint32                      today,
              const SuyuanVerdictSettings *settings)
{
  /* The date printed in the code is what the shopper sees: it wins. */
  guint32 expiry = code->expiry ? code->expiry : code->best_before;
  int left;

  if (expiry == 0 && lookup && lookup->batch)
    expiry = lookup->batch->expiry;
  if (expiry == 0)
    return;
  left = days_between (today, expiry);
  if (left < 0)
    add_reason (verdict, "expired", SUYUAN_LEVEL_STOP,
                g_strdup_printf (_("Expired on %04u-%02u-%02u"), expiry / 10000, expiry / 100 % 100, expiry % 100));
  else if (left <= near_expiry_days (lookup, settings))
    add_reason (verdict, "near-expiry", SUYUAN_LEVEL_WARN,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expires in %d day", "Expires in %d days", (gulong) left), left));
}

static void
judge_batch_status (SuyuanVerdict    *verdict,
                    const SuyuanBatch *batch)
{
  static const struct { const char *status; const char *message; } rules[] = {
    { "unqualified", N_("Batch failed sampling inspection") },
    { "recalled", N_("Batch is recalled") },
    { "held", N_("Batch is held by the regulator") },
    { "destroyed", N_("Batch was destroyed") },
  };

  if (batch == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (batch->status, rules[i].status) == 0)
      add_reason (verdict, rules[i].status, SUYUAN_LEVEL_STOP, g_strdup (_(rules[i].message)));
}

SuyuanVerdict *
suyuan_verdict_judge (const SuyuanCode            *code,
                      const SuyuanLookup          *lookup,
                      guint32                      today,
                      const SuyuanVerdictSettings *settings)
{
  SuyuanVerdict *verdict = g_new0 (SuyuanVerdict, 1);

  verdict->reasons = g_ptr_array_new_with_free_func (reason_free);
  verdict->level = SUYUAN_LEVEL_OK;

  if (!code->valid)
    {
      add_reason (verdict, "invalid", SUYUAN_LEVEL_STOP,
                  g_strdup_printf (_("Invalid code: %s"), code->error ? code->error : ""));
      return verdict;
    }
  if (lookup == NULL || lookup->product == NULL)
    add_reason (verdict, "unknown", SUYUAN_LEVEL_UNKNOWN, g_strdup (_("Code not known to this terminal")));
  judge_expiry (verdict, code, lookup, today, settings);
  if (lookup)
    judge_batch_status (verdict, lookup->batch);
  return verdict;
}

void
suyuan_verdict_free (SuyuanVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_ptr_array_unref (verdict->reasons);
  g_free (verdict);
}

gboolean
suyuan_verdict_has_reason (const SuyuanVerdict *verdict,
                           const char          *id)
{
  for (guint i = 0; i < verdict->reasons->len; i++)
    if (g_strcmp0 (((SuyuanReason *) verdict->reasons->pdata[i])->id, id) == 0)
      return TRUE;
  return FALSE;
}

const char *
suyuan_level_to_string (SuyuanLevel level)
{
  switch (level)
    {
    case SUYUAN_LEVEL_OK: return "ok";
    case SUYUAN_LEVEL_WARN: return "warn";
    case SUYUAN_LEVEL_STOP: return "stop";
    case SUYUAN_LEVEL_UNKNOWN:
    default: return "unknown";
    }
}

guint32
suyuan_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return (guint32) (g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100
                    + g_date_time_get_day_of_month (now));
}
