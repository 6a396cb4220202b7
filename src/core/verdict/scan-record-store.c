/* scan-record-store.c — check scans as records, queued and written (to Records
 * and the outbox) in one transaction per burst.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "scan-record.h"
#include "outbox.h"
#include "store-private.h"

#include <string.h>

struct _SuyuanScanLog {
  SuyuanStore *store;
  GPtrArray *queued;          /* of char *[3]: uuid, created_at, data as JSON text */
};

static void
set_opt (JsonObject *o,
         const char *name,
         const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
}

static void
entry_free (gpointer data)
{
  g_strfreev (data);
}

SuyuanScanLog *
suyuan_scan_log_new (SuyuanStore *store)
{
  SuyuanScanLog *log = g_new0 (SuyuanScanLog, 1);

  g_return_val_if_fail (store != NULL, NULL);
  log->store = store;
  log->queued = g_ptr_array_new_with_free_func (entry_free);
  return log;
}

void
suyuan_scan_log_add (SuyuanScanLog       *log,
                     const char          *raw,
                     const SuyuanLookup  *lookup,
                     const SuyuanVerdict *verdict,
                     const char          *here_party_id)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) findings = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *kept = NULL;
  char **entry;

  g_return_if_fail (log != NULL && raw != NULL && verdict != NULL);

  /* Scanned text is hostile: bounded and valid UTF-8 before it is stored. */
  kept = g_utf8_make_valid (raw, MIN (strlen (raw), 4096));
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
  /* The server's risk warnings: a unit seen at two places, unknown codes
   * piling up at one business. */
  if (lookup != NULL && lookup->unit != NULL)
    set_opt (data, "serial", lookup->unit->serial);
  json_object_set_boolean_member (data, "known", lookup != NULL && lookup->product != NULL);
  json_node_set_object (node, data);

  entry = g_new0 (char *, 4);
  entry[0] = g_uuid_string_random ();
  entry[1] = g_date_time_format_iso8601 (now);
  entry[2] = json_to_string (node, FALSE);
  g_ptr_array_add (log->queued, entry);
}

guint
suyuan_scan_log_get_n_queued (SuyuanScanLog *log)
{
  return log->queued->len;
}

gboolean
suyuan_scan_log_flush (SuyuanScanLog  *log,
                       GError        **error)
{
  g_return_val_if_fail (log != NULL, FALSE);
  if (log->queued->len == 0)
    return TRUE;
  if (!suyuan_store_begin (log->store, error))
    return FALSE;
  for (guint i = 0; i < log->queued->len; i++)
    {
      char **entry = log->queued->pdata[i];

      if (!suyuan_outbox_enqueue_text (log->store, entry[0], SUYUAN_RECORD_SCAN, entry[1], entry[2], error))
        goto failed;
    }
  if (!suyuan_store_commit (log->store, error))
    goto failed;
  g_ptr_array_set_size (log->queued, 0);
  return TRUE;

failed:
  suyuan_store_rollback (log->store);
  return FALSE;
}

void
suyuan_scan_log_free (SuyuanScanLog *log)
{
  g_autoptr(GError) error = NULL;

  if (log == NULL)
    return;
  if (!suyuan_scan_log_flush (log, &error))
    g_warning ("keeping %u scans failed: %s", log->queued->len, error->message);
  g_ptr_array_unref (log->queued);
  g_free (log);
}
