/* receipt-json.c — the receipt as the purchase-inspection record (进货查验记录):
 * supplier, and per line product, spec, batch, production date, quantity,
 * receiving date and certificate references.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-private.h"

static void
set_opt_string (JsonObject *object,
                const char *name,
                const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_date (JsonObject *object,
          const char *name,
          guint32     date)
{
  g_autofree char *text = NULL;

  if (date == 0)
    {
      json_object_set_null_member (object, name);
      return;
    }
  text = g_strdup_printf ("%04u-%02u-%02u", date / 10000, date / 100 % 100, date % 100);
  json_object_set_string_member (object, name, text);
}

static JsonArray *
flags_to_json (guint flags)
{
  static const char *const names[] = {
    "expired", "near-expiry", "unqualified", "recalled", "held", "duplicated", "other",
  };
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & (1u << i))
      json_array_add_string_element (array, names[i]);
  return array;
}

JsonObject *
suyuan_receipt_line_to_json (const SuyuanReceiptLine *line,
                             gboolean                 with_serials)
{
  static const char *const states[] = { "matched", "missing", "extra" };
  JsonObject *o = json_object_new ();
  JsonArray *serials = json_array_new ();

  json_object_set_string_member (o, "product_id", line->product_id);
  set_opt_string (o, "product_name", line->product_name);
  set_opt_string (o, "spec", line->spec);
  set_opt_string (o, "batch_id", line->batch_id);
  set_opt_string (o, "lot", line->lot);
  set_date (o, "production_date", line->production);
  set_date (o, "expiry_date", line->expiry);
  json_object_set_int_member (o, "expected", line->expected);
  json_object_set_int_member (o, "quantity", line->received);
  json_object_set_int_member (o, "duplicates", line->duplicates);
  json_object_set_string_member (o, "state", states[suyuan_receipt_line_state (line)]);
  json_object_set_array_member (o, "flags", flags_to_json (line->flags));
  json_object_set_string_member (o, "level", suyuan_level_to_string (line->level));
  json_object_set_string_member (o, "decision", line->rejected ? "rejected" : "accepted");
  set_opt_string (o, "reject_reason", line->reject_reason);
  set_opt_string (o, "certificates", line->certificates);
  for (guint i = 0; with_serials && i < line->serials->len; i++)
    json_array_add_string_element (serials, line->serials->pdata[i]);
  json_object_set_array_member (o, "serials", serials);
  return o;
}

JsonObject *
suyuan_receipt_header_to_json (SuyuanReceipt *receipt)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "uuid", receipt->uuid);
  set_opt_string (o, "shop_id", receipt->shop_id);
  set_opt_string (o, "supplier_id", receipt->supplier_id);
  set_opt_string (o, "supplier_name", receipt->supplier_name);
  set_opt_string (o, "shipment", receipt->shipment_key);
  json_object_set_string_member (o, "started_at", receipt->started_at);
  /* The receiving date of the record is when it was finished. */
  set_opt_string (o, "received_at", receipt->finished_at);
  json_object_set_int_member (o, "scans", receipt->n_scans);
  return o;
}

JsonObject *
suyuan_receipt_to_json (SuyuanReceipt *receipt)
{
  JsonObject *o = suyuan_receipt_header_to_json (receipt);
  JsonArray *lines = json_array_new ();

  for (guint i = 0; i < receipt->lines->len; i++)
    json_array_add_object_element (lines, suyuan_receipt_line_to_json (receipt->lines->pdata[i], TRUE));
  json_object_set_array_member (o, "lines", lines);
  return o;
}
