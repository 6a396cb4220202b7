/* scan-record.c — check scans as records: one per scan, in the outbox.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "scan-record.h"
#include "outbox.h"

#include <string.h>

static void
set_opt (JsonObject *o,
         const char *name,
         const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
}

char *
suyuan_scan_record (SuyuanStore         *store,
                    const char          *raw,
                    const SuyuanLookup  *lookup,
                    const SuyuanVerdict *verdict,
                    const char          *here_party_id,
                    GError             **error)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GString) findings = g_string_new (NULL);
  g_autofree char *kept = NULL;
  gsize length;

  g_return_val_if_fail (store != NULL && raw != NULL && verdict != NULL, NULL);

  /* Scanned text is hostile: bounded and valid UTF-8 before it is stored. */
  length = strlen (raw);
  kept = g_utf8_make_valid (raw, MIN (length, 4096));
  json_object_set_string_member (data, "raw", kept);
  json_object_set_string_member (data, "level", suyuan_level_to_string (verdict->level));
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const SuyuanReason *reason = verdict->reasons->pdata[i];

      g_string_append_printf (findings, "%s%s", i ? "; " : "", reason->message);
    }
  json_object_set_string_member (data, "findings", findings->str);
  set_opt (data, "party_id", here_party_id);
  if (lookup != NULL && lookup->product != NULL)
    {
      set_opt (data, "product_id", lookup->product->id);
      set_opt (data, "product_name", lookup->product->name);
    }
  if (lookup != NULL && lookup->batch != NULL)
    set_opt (data, "lot", lookup->batch->lot);
  return suyuan_outbox_enqueue (store, "scan", data, error);
}
