/* verdict.c — the rules an inspector applies, as code: a pure function of
 * the code, what the store knows, the day and the settings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "verdict.h"
#include "date-text.h"

#include <glib/gi18n-lib.h>

void
suyuan_verdict_settings_init (SuyuanVerdictSettings *settings)
{
  settings->near_expiry_days_food = 7;
  settings->near_expiry_days_drug = 90;
  settings->near_expiry_days_other = 30;
  settings->near_expiry_days_vaccine = 90;
  settings->near_expiry_days_agri = 7;
  settings->near_expiry_days_cold_chain = 7;
  settings->here_party_id = NULL;
}

static void
reason_free (gpointer data)
{
  SuyuanReason *reason = data;

  g_free (reason->message);
  g_free (reason);
}

/* One reason per id: a batch recalled by its status and by an alert is one
 * finding. Returns the reason added, or NULL when there was one already. */
static SuyuanReason *
add_reason (SuyuanVerdict *verdict,
            const char    *id,
            SuyuanLevel    level,
            char          *message)
{
  SuyuanReason *reason;

  if (suyuan_verdict_has_reason (verdict, id))
    {
      g_free (message);
      return NULL;
    }
  reason = g_new0 (SuyuanReason, 1);
  reason->id = id;
  reason->level = level;
  reason->message = message;
  g_ptr_array_add (verdict->reasons, reason);
  verdict->level = MAX (verdict->level, level);
  return reason;
}

static void
set_date (SuyuanReason *reason,
          guint32       date)
{
  if (reason != NULL)
    reason->date = date;
}

static int
days_between (guint32 from,
              guint32 to)
{
  g_autoptr(GDate) a = g_date_new_dmy ((GDateDay) (from % 100), (GDateMonth) (from / 100 % 100), (GDateYear) (from / 10000));
  g_autoptr(GDate) b = g_date_new_dmy ((GDateDay) (to % 100), (GDateMonth) (to / 100 % 100), (GDateYear) (to / 10000));

  return g_date_days_between (a, b);
}

static int
near_expiry_days (const SuyuanLookup          *lookup,
                  const SuyuanVerdictSettings *settings)
{
  const char *category = lookup && lookup->product ? lookup->product->category : NULL;
  const struct { const char *category; int days; } table[] = {
    { "food", settings->near_expiry_days_food },
    { "drug", settings->near_expiry_days_drug },
    { "vaccine", settings->near_expiry_days_vaccine },
    { "agri", settings->near_expiry_days_agri },
    { "cold-chain", settings->near_expiry_days_cold_chain },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_strcmp0 (category, table[i].category) == 0)
      return table[i].days;
  return settings->near_expiry_days_other;
}

/* Every drug box and every code our producers print is registered unit by
 * unit; a GS1 serial on food often is not, and its absence proves nothing. */
static gboolean
units_are_registered (const SuyuanCode    *code,
                      const SuyuanProduct *product)
{
  return code->kind == SUYUAN_CODE_DRUG_TRACE || code->kind == SUYUAN_CODE_SUYUAN
         || g_strcmp0 (product->category, "drug") == 0 || g_strcmp0 (product->category, "vaccine") == 0;
}

static void
judge_known (SuyuanVerdict      *verdict,
             const SuyuanCode   *code,
             const SuyuanLookup *lookup)
{
  if (lookup == NULL || lookup->product == NULL)
    {
      add_reason (verdict, "unknown", SUYUAN_LEVEL_UNKNOWN, g_strdup (_("Code not known to this terminal")));
      return;
    }
  /* The product is known but this lot or this serial is not: not yet synced, or made up. */
  if (code->lot != NULL && lookup->batch == NULL)
    add_reason (verdict, "unknown-batch", SUYUAN_LEVEL_UNKNOWN,
                g_strdup_printf (_("Batch %s is not known to this terminal"), code->lot));
  if (code->serial != NULL && lookup->unit == NULL && units_are_registered (code, lookup->product))
    add_reason (verdict, "unknown-unit", SUYUAN_LEVEL_UNKNOWN,
                g_strdup_printf (_("Serial number %s is not known to this terminal"), code->serial));
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
  g_autofree char *date = NULL;
  int left;

  if (expiry == 0 && lookup && lookup->batch)
    expiry = lookup->batch->expiry;
  if (expiry == 0)
    return;
  left = days_between (today, expiry);
  date = suyuan_date_dup_text (expiry);
  if (left < 0)
    set_date (add_reason (verdict, "expired", SUYUAN_LEVEL_STOP, g_strdup_printf (_("Expired on %s"), date)), expiry);
  else if (left <= near_expiry_days (lookup, settings))
    set_date (add_reason (verdict, "near-expiry", SUYUAN_LEVEL_WARN,
                          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expires in %d day", "Expires in %d days", (gulong) left), left)),
              expiry);
}

static const struct {
  const char *status;     /* batch status and reason id */
  const char *alert_kind; /* the alert kind that means the same */
  const char *batch_message;
  const char *alert_message;
} status_rules[] = {
  { "unqualified", "unqualified", N_("Batch failed sampling inspection"), N_("Under a failed-sampling notice") },
  { "recalled", "recall", N_("Batch is recalled"), N_("Under a recall notice") },
  { "held", "hold", N_("Batch is held by the regulator"), N_("Under a hold order") },
  { "destroyed", NULL, N_("Batch was destroyed"), NULL },
};

static void
judge_status (SuyuanVerdict      *verdict,
              const SuyuanLookup *lookup)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_rules); i++)
    {
      if (lookup->batch && g_strcmp0 (lookup->batch->status, status_rules[i].status) == 0)
        add_reason (verdict, status_rules[i].status, SUYUAN_LEVEL_STOP, g_strdup (_(status_rules[i].batch_message)));
      for (guint a = 0; lookup->alerts && a < lookup->alerts->len; a++)
        {
          const SuyuanAlert *alert = lookup->alerts->pdata[a];

          if (status_rules[i].alert_kind && g_strcmp0 (alert->kind, status_rules[i].alert_kind) == 0)
            add_reason (verdict, status_rules[i].status, SUYUAN_LEVEL_STOP, g_strdup (_(status_rules[i].alert_message)));
        }
    }
}

/* What the label says must match what the producer registered. */
static void
judge_tampered (SuyuanVerdict      *verdict,
                const SuyuanCode   *code,
                const SuyuanLookup *lookup)
{
  const SuyuanBatch *batch = lookup->batch;
  g_autofree char *printed = NULL;
  g_autofree char *registered = NULL;

  if (batch == NULL)
    return;
  if (code->lot != NULL && g_strcmp0 (code->lot, batch->lot) != 0)
    add_reason (verdict, "tampered", SUYUAN_LEVEL_STOP,
                g_strdup_printf (_("The code says batch %s but this unit belongs to batch %s: the label may be forged"),
                                 code->lot, batch->lot ? batch->lot : "?"));
  else if (code->expiry != 0 && batch->expiry != 0 && code->expiry != batch->expiry)
    {
      printed = suyuan_date_dup_text (code->expiry);
      registered = suyuan_date_dup_text (batch->expiry);
      add_reason (verdict, "tampered", SUYUAN_LEVEL_STOP,
                  g_strdup_printf (_("The code says it expires on %s but the batch record says %s: the label may be altered"),
                                   printed, registered));
    }
  else if (code->production != 0 && batch->production != 0 && code->production != batch->production)
    {
      printed = suyuan_date_dup_text (code->production);
      registered = suyuan_date_dup_text (batch->production);
      add_reason (verdict, "tampered", SUYUAN_LEVEL_STOP,
                  g_strdup_printf (_("The code says it was made on %s but the batch record says %s: the label may be altered"),
                                   printed, registered));
    }
}

/* A serialised code names one box: sold once, in one place at a time. */
static void
judge_unit (SuyuanVerdict               *verdict,
            const SuyuanUnit            *unit,
            const SuyuanVerdictSettings *settings)
{
  if (unit == NULL)
    return;
  if (g_strcmp0 (unit->state, "sold") == 0)
    add_reason (verdict, "already-sold", SUYUAN_LEVEL_STOP,
                g_strdup (_("This unit was already sold: the code may be copied")));
  else if (g_strcmp0 (unit->state, "destroyed") == 0)
    add_reason (verdict, "destroyed", SUYUAN_LEVEL_STOP, g_strdup (_("This unit was destroyed: the code may be copied")));
  else if (g_strcmp0 (unit->state, "recalled") == 0)
    add_reason (verdict, "recalled", SUYUAN_LEVEL_STOP, g_strdup (_("This unit was recalled")));
  else if (g_strcmp0 (unit->state, "received") == 0 && settings->here_party_id != NULL
           && unit->last_party_id != NULL && g_strcmp0 (unit->last_party_id, settings->here_party_id) != 0)
    add_reason (verdict, "seen-elsewhere", SUYUAN_LEVEL_STOP,
                g_strdup_printf (_("This unit is recorded in stock at another place (%s): the code may be copied"),
                                 unit->last_place ? unit->last_place : unit->last_party_id));
}

static void
judge_producer (SuyuanVerdict      *verdict,
                const SuyuanLookup *lookup,
                guint32             today)
{
  const SuyuanParty *producer = lookup->producer;
  guint32 made = lookup->batch ? lookup->batch->production : 0;
  g_autofree char *until = NULL;

  if (producer == NULL)
    return;
  if (g_strcmp0 (producer->licence_status, "revoked") == 0 || g_strcmp0 (producer->licence_status, "suspended") == 0)
    add_reason (verdict, "licence-revoked", SUYUAN_LEVEL_STOP,
                g_strdup (_("The producer's licence is revoked or suspended")));
  else if (producer->licence_valid_until != 0 && producer->licence_valid_until < today)
    {
      until = suyuan_date_dup_text (producer->licence_valid_until);
      /* Goods made while the licence was valid may still be sold. */
      if (made != 0 && made > producer->licence_valid_until)
        set_date (add_reason (verdict, "licence-expired", SUYUAN_LEVEL_STOP,
                              g_strdup_printf (_("Made after the producer's licence expired on %s"), until)),
                  producer->licence_valid_until);
      else
        set_date (add_reason (verdict, "licence-expired", SUYUAN_LEVEL_WARN,
                              g_strdup_printf (_("The producer's licence expired on %s"), until)),
                  producer->licence_valid_until);
    }
  if (producer->abnormal)
    add_reason (verdict, "producer-abnormal", SUYUAN_LEVEL_WARN,
                g_strdup (_("The producer is on the abnormal-operation list")));
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
  judge_known (verdict, code, lookup);
  judge_expiry (verdict, code, lookup, today, settings);
  if (lookup == NULL || lookup->product == NULL)
    return verdict;
  judge_status (verdict, lookup);
  judge_tampered (verdict, code, lookup);
  judge_unit (verdict, lookup->unit, settings);
  judge_producer (verdict, lookup, today);
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
