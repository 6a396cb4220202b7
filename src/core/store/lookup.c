/* lookup.c — making and freeing lookup results.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "lookup.h"

#include <glib/gi18n-lib.h>

void
suyuan_party_free (SuyuanParty *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->name);
  g_free (p->licence_no);
  g_free (p->licence_status);
  g_free (p->region);
  g_free (p->kind);
  g_free (p->credit_class);
  g_free (p);
}

static void
product_free (SuyuanProduct *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->gtin);
  g_free (p->product_key);
  g_free (p->drug_id);
  g_free (p->name);
  g_free (p->spec);
  g_free (p->category);
  g_free (p->approval_no);
  g_free (p->storage);
  g_free (p->origin);
  g_free (p);
}

static void
batch_free (SuyuanBatch *b)
{
  if (b == NULL)
    return;
  g_free (b->id);
  g_free (b->lot);
  g_free (b->status);
  g_free (b->notice);
  g_free (b->notice_id);
  g_free (b);
}

static void
unit_free (SuyuanUnit *u)
{
  if (u == NULL)
    return;
  g_free (u->serial);
  g_free (u->state);
  g_free (u->last_party_id);
  g_free (u->last_place);
  g_free (u->last_seen_at);
  g_free (u);
}

void
suyuan_alert_free (SuyuanAlert *a)
{
  if (a == NULL)
    return;
  g_free (a->id);
  g_free (a->kind);
  g_free (a->scope);
  g_free (a->target_id);
  g_free (a->title);
  g_free (a->notice);
  g_free (a->issued_at);
  g_free (a->issuer);
  g_free (a);
}

void
suyuan_event_free (SuyuanEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->type);
  g_free (e->time);
  g_free (e->party_id);
  g_free (e->party_name);
  g_free (e->party_kind);
  g_free (e->place);
  g_free (e->reason);
  g_free (e->disposition);
  g_free (e->source_id);
  g_free (e->destination_id);
  g_free (e->serial);
  g_free (e);
}

SuyuanLookup *
suyuan_lookup_new (void)
{
  SuyuanLookup *lookup = g_new0 (SuyuanLookup, 1);

  lookup->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_alert_free);
  lookup->events = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_event_free);
  return lookup;
}

void
suyuan_lookup_free (SuyuanLookup *lookup)
{
  if (lookup == NULL)
    return;
  product_free (lookup->product);
  batch_free (lookup->batch);
  unit_free (lookup->unit);
  suyuan_party_free (lookup->producer);
  g_clear_pointer (&lookup->alerts, g_ptr_array_unref);
  g_clear_pointer (&lookup->events, g_ptr_array_unref);
  g_free (lookup);
}

static const char *
label_from (const char *const table[][2],
            gsize             n,
            const char       *value)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (value, table[i][0]) == 0)
      return _(table[i][1]);
  return value;
}

const char *
suyuan_category_to_label (const char *category)
{
  static const char *const table[][2] = {
    { "food", N_("Food") },
    { "drug", N_("Drug") },
    { "vaccine", N_("Vaccine") },
    { "agri", N_("Edible agricultural product") },
    { "cold-chain", N_("Imported cold-chain food") },
    { "other", N_("Other") },
  };

  return label_from (table, G_N_ELEMENTS (table), category);
}

const char *
suyuan_batch_status_to_label (const char *status)
{
  static const char *const table[][2] = {
    { "normal", N_("Normal") },
    { "held", N_("Held by the regulator") },
    { "unqualified", N_("Failed sampling inspection") },
    { "recalled", N_("Recalled") },
    { "destroyed", N_("Destroyed") },
  };

  return label_from (table, G_N_ELEMENTS (table), status);
}
