/* code-json.c — one JSON object per parsed code:
 * valid, kind, error, raw, aim, ai [[AI, value]…] and the derived fields.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "code-json.h"

char *
suyuan_date_to_iso (guint32 yyyymmdd)
{
  if (yyyymmdd == 0)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          guint32      date)
{
  g_autofree char *iso = suyuan_date_to_iso (date);

  add_string (builder, name, iso);
}

void
suyuan_code_to_json (const SuyuanCode *code,
                     JsonBuilder      *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "valid");
  json_builder_add_boolean_value (builder, code->valid);
  add_string (builder, "kind", suyuan_code_kind_to_string (code->kind));
  add_string (builder, "error", code->error);
  add_string (builder, "raw", code->raw);
  add_string (builder, "aim", code->aim);
  if (code->ai->len > 0)
    {
      json_builder_set_member_name (builder, "ai");
      json_builder_begin_array (builder);
      for (guint i = 0; i < code->ai->len; i++)
        {
          const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);

          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, pair->ai);
          json_builder_add_string_value (builder, pair->value);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  add_string (builder, "gtin", code->gtin);
  add_string (builder, "product_key", code->product_key);
  add_string (builder, "lot", code->lot);
  add_string (builder, "serial", code->serial);
  add_string (builder, "drug_id", code->drug_id);
  add_string (builder, "host", code->host);
  add_date (builder, "production", code->production);
  add_date (builder, "best_before", code->best_before);
  add_date (builder, "expiry", code->expiry);
  if (code->expiry_time >= 0)
    {
      g_autofree char *hhmm = g_strdup_printf ("%02d:%02d", code->expiry_time / 100, code->expiry_time % 100);

      add_string (builder, "expiry_time", hhmm);
    }
  add_string (builder, "drug_check", code->drug_check);
  add_string (builder, "drug_standard", code->drug_standard);
  add_string (builder, "element_string", code->element_string);
  json_builder_end_object (builder);
}
