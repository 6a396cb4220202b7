/* lookup.c — freeing lookup results.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lookup.h"

static void
party_free (SuyuanParty *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->name);
  g_free (p->licence_no);
  g_free (p->licence_status);
  g_free (p->region);
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
  g_free (b);
}

static void
unit_free (SuyuanUnit *u)
{
  if (u == NULL)
    return;
  g_free (u->serial);
  g_free (u->state);
  g_free (u);
}

void
suyuan_lookup_free (SuyuanLookup *lookup)
{
  if (lookup == NULL)
    return;
  product_free (lookup->product);
  batch_free (lookup->batch);
  unit_free (lookup->unit);
  party_free (lookup->producer);
  g_free (lookup);
}
