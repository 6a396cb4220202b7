/* verdict-json.c — members "level", "reasons", "product", "batch", "unit",
 * "producer", "alerts", "events" added to the object being built.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "verdict-json.h"
#include "code-json.h"

static void
member (JsonBuilder *b,
        const char  *name,
        const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
date_member (JsonBuilder *b,
             const char  *name,
             guint32      date)
{
  g_autofree char *iso = suyuan_date_to_iso (date);

  member (b, name, iso);
}

void
suyuan_verdict_to_json (const SuyuanVerdict *verdict,
                        JsonBuilder         *b)
{
  member (b, "level", suyuan_level_to_string (verdict->level));
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const SuyuanReason *r = verdict->reasons->pdata[i];

      json_builder_begin_object (b);
      member (b, "id", r->id);
      member (b, "level", suyuan_level_to_string (r->level));
      member (b, "message", r->message);
      /* The message's date is for people; this one is for programs. */
      if (r->date != 0)
        date_member (b, "date", r->date);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
alerts_to_json (const SuyuanLookup *lookup,
                JsonBuilder        *b)
{
  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);
  for (guint i = 0; lookup->alerts && i < lookup->alerts->len; i++)
    {
      const SuyuanAlert *a = lookup->alerts->pdata[i];

      json_builder_begin_object (b);
      member (b, "id", a->id);
      member (b, "kind", a->kind);
      member (b, "scope", a->scope);
      member (b, "target_id", a->target_id);
      member (b, "title", a->title);
      member (b, "notice", a->notice);
      member (b, "issued_at", a->issued_at);
      member (b, "issuer", a->issuer);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
events_to_json (const SuyuanLookup *lookup,
                JsonBuilder        *b)
{
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; lookup->events && i < lookup->events->len; i++)
    {
      const SuyuanEvent *e = lookup->events->pdata[i];

      json_builder_begin_object (b);
      member (b, "id", e->id);
      member (b, "type", e->type);
      member (b, "time", e->time);
      member (b, "party_id", e->party_id);
      member (b, "party_name", e->party_name);
      member (b, "party_kind", e->party_kind);
      member (b, "place", e->place);
      member (b, "reason", e->reason);
      member (b, "disposition", e->disposition);
      member (b, "source_id", e->source_id);
      member (b, "destination_id", e->destination_id);
      member (b, "serial", e->serial);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
suyuan_lookup_to_json (const SuyuanLookup *lookup,
                       JsonBuilder        *b)
{
  if (lookup->product)
    {
      json_builder_set_member_name (b, "product");
      json_builder_begin_object (b);
      member (b, "id", lookup->product->id);
      member (b, "gtin", lookup->product->gtin);
      member (b, "product_key", lookup->product->product_key);
      member (b, "drug_id", lookup->product->drug_id);
      member (b, "name", lookup->product->name);
      member (b, "spec", lookup->product->spec);
      member (b, "category", lookup->product->category);
      member (b, "approval_no", lookup->product->approval_no);
      member (b, "storage", lookup->product->storage);
      member (b, "origin", lookup->product->origin);
      json_builder_end_object (b);
    }
  if (lookup->batch)
    {
      json_builder_set_member_name (b, "batch");
      json_builder_begin_object (b);
      member (b, "id", lookup->batch->id);
      member (b, "lot", lookup->batch->lot);
      date_member (b, "production_date", lookup->batch->production);
      date_member (b, "expiry_date", lookup->batch->expiry);
      member (b, "status", lookup->batch->status);
      member (b, "notice", lookup->batch->notice);
      member (b, "notice_id", lookup->batch->notice_id);
      json_builder_end_object (b);
    }
  if (lookup->unit)
    {
      json_builder_set_member_name (b, "unit");
      json_builder_begin_object (b);
      member (b, "serial", lookup->unit->serial);
      member (b, "state", lookup->unit->state);
      member (b, "last_party_id", lookup->unit->last_party_id);
      member (b, "last_place", lookup->unit->last_place);
      member (b, "last_seen_at", lookup->unit->last_seen_at);
      json_builder_end_object (b);
    }
  if (lookup->producer)
    {
      json_builder_set_member_name (b, "producer");
      json_builder_begin_object (b);
      member (b, "id", lookup->producer->id);
      member (b, "name", lookup->producer->name);
      member (b, "licence_no", lookup->producer->licence_no);
      member (b, "licence_status", lookup->producer->licence_status);
      date_member (b, "licence_valid_until", lookup->producer->licence_valid_until);
      member (b, "region", lookup->producer->region);
      member (b, "kind", lookup->producer->kind);
      member (b, "credit_class", lookup->producer->credit_class);
      json_builder_set_member_name (b, "abnormal");
      json_builder_add_boolean_value (b, lookup->producer->abnormal);
      json_builder_end_object (b);
    }
  alerts_to_json (lookup, b);
  events_to_json (lookup, b);
}
