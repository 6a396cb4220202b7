/* verdict-json.c — members "level", "reasons", "product", "batch", "unit",
 * "producer" added to the object being built.
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
      json_builder_end_object (b);
    }
  if (lookup->unit)
    {
      json_builder_set_member_name (b, "unit");
      json_builder_begin_object (b);
      member (b, "serial", lookup->unit->serial);
      member (b, "state", lookup->unit->state);
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
      json_builder_end_object (b);
    }
}
