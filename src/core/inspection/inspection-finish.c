/* inspection-finish.c — loading inspections back, finishing them (the one
 * step that makes a record for the server), corrections and discarding.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "outbox.h"
#include "store-private.h"
#include "store-writer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static SuyuanLevel
level_from_string (const char *id)
{
  if (g_strcmp0 (id, "ok") == 0)
    return SUYUAN_LEVEL_OK;
  if (g_strcmp0 (id, "warn") == 0)
    return SUYUAN_LEVEL_WARN;
  if (g_strcmp0 (id, "stop") == 0)
    return SUYUAN_LEVEL_STOP;
  return SUYUAN_LEVEL_UNKNOWN;
}

static GPtrArray *
parse_photos (const char *text)
{
  GPtrArray *photos = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return photos;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return photos;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      const char *path = json_array_get_string_element (json_node_get_array (root), i);

      if (path != NULL)
        g_ptr_array_add (photos, g_strdup (path));
    }
  return photos;
}

static gboolean
load_items (SuyuanStore      *store,
            SuyuanInspection *inspection,
            GError          **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT seq, code, level, reasons, summary, action, notes, photos, findings"
      " FROM inspection_items WHERE inspection_uuid = ?1 ORDER BY seq", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection->uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanInspectionItem *item = g_new0 (SuyuanInspectionItem, 1);

      item->seq = sqlite3_column_int (stmt, 0);
      item->code = suyuan_stmt_dup_text (stmt, 1);
      item->level = level_from_string ((const char *) sqlite3_column_text (stmt, 2));
      item->reasons = suyuan_stmt_dup_text (stmt, 3);
      item->summary = suyuan_stmt_dup_text (stmt, 4);
      item->action = suyuan_inspection_action_from_string ((const char *) sqlite3_column_text (stmt, 5));
      item->notes = suyuan_stmt_dup_text (stmt, 6);
      item->photos = parse_photos ((const char *) sqlite3_column_text (stmt, 7));
      item->findings = suyuan_stmt_dup_text (stmt, 8);
      g_ptr_array_add (inspection->items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

static SuyuanInspection *
load_where (SuyuanStore *store,
            const char  *sql,
            const char  *param,
            GError     **error)
{
  g_autoptr(SuyuanInspection) inspection = NULL;
  sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        suyuan_store_set_sql_error (store, error);
      else if (param != NULL)
        g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_NOT_FOUND,
                     _("No inspection “%s” in the store"), param);
      return NULL;
    }
  inspection = g_new0 (SuyuanInspection, 1);
  inspection->uuid = suyuan_stmt_dup_text (stmt, 0);
  inspection->task_id = suyuan_stmt_dup_text (stmt, 1);
  inspection->party_id = suyuan_stmt_dup_text (stmt, 2);
  inspection->party_name = suyuan_stmt_dup_text (stmt, 3);
  inspection->licence_no = suyuan_stmt_dup_text (stmt, 4);
  inspection->corrects = suyuan_stmt_dup_text (stmt, 5);
  inspection->inspector = suyuan_stmt_dup_text (stmt, 6);
  inspection->started_at = suyuan_stmt_dup_text (stmt, 7);
  inspection->finished_at = suyuan_stmt_dup_text (stmt, 8);
  inspection->result = suyuan_inspection_result_from_string ((const char *) sqlite3_column_text (stmt, 9));
  inspection->record_uuid = suyuan_stmt_dup_text (stmt, 10);
  inspection->items = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_inspection_item_free);
  sqlite3_reset (stmt);
  if (!load_items (store, inspection, error))
    return NULL;
  return g_steal_pointer (&inspection);
}

#define SELECT_INSPECTION \
  "SELECT uuid, task_id, party_id, party_name, licence_no, corrects, inspector," \
  " started_at, finished_at, result, record_uuid FROM inspections "

SuyuanInspection *
suyuan_inspection_load (SuyuanStore *store,
                        const char  *uuid,
                        GError     **error)
{
  g_return_val_if_fail (uuid != NULL, NULL);
  return load_where (store, SELECT_INSPECTION "WHERE uuid = ?1", uuid, error);
}

SuyuanInspection *
suyuan_inspection_load_open (SuyuanStore *store,
                             GError     **error)
{
  return load_where (store, SELECT_INSPECTION "WHERE finished_at IS NULL"
                            " ORDER BY started_at DESC, rowid DESC LIMIT 1", NULL, error);
}

SuyuanInspection *
suyuan_inspection_start_correction (SuyuanStore      *store,
                                    SuyuanInspection *original,
                                    const char       *inspector,
                                    GError          **error)
{
  SuyuanInspectionTask business = {
    .task_id = original->task_id, .party_id = original->party_id,
    .party_name = original->party_name, .licence_no = original->licence_no,
  };
  g_autoptr(SuyuanInspection) correction = NULL;

  if (original->finished_at == NULL)
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                   _("Only a finished inspection can be corrected; this one is still open"));
      return NULL;
    }
  if (!suyuan_store_begin (store, error))
    return NULL;
  correction = suyuan_inspection_start (store, &business, inspector ? inspector : original->inspector,
                                        original->uuid, error);
  for (guint i = 0; correction != NULL && i < original->items->len; i++)
    {
      SuyuanInspectionItem *from = original->items->pdata[i];
      SuyuanInspectionItem *to;
      SuyuanVerdict verdict = { from->level, g_ptr_array_new () };

      to = suyuan_inspection_add_item (store, correction, from->code, &verdict, from->summary, error);
      g_ptr_array_unref (verdict.reasons);
      if (to == NULL)
        g_clear_pointer (&correction, suyuan_inspection_free);
      else
        {
          /* The verdict at the time of the scan stays what it was. */
          g_free (to->reasons);
          to->reasons = g_strdup (from->reasons);
          g_free (to->findings);
          to->findings = g_strdup (from->findings);
          for (guint p = 0; p < from->photos->len; p++)
            g_ptr_array_add (to->photos, g_strdup (from->photos->pdata[p]));
          if (!suyuan_inspection_set_action (store, correction, to->seq, from->action, from->notes, error))
            g_clear_pointer (&correction, suyuan_inspection_free);
        }
    }
  if (correction == NULL || !suyuan_store_commit (store, error))
    {
      suyuan_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&correction);
}

SuyuanInspectionResult
suyuan_inspection_suggest_result (SuyuanInspection *inspection)
{
  for (guint i = 0; i < inspection->items->len; i++)
    if (((SuyuanInspectionItem *) inspection->items->pdata[i])->level == SUYUAN_LEVEL_STOP)
      return SUYUAN_RESULT_FAIL;
  return SUYUAN_RESULT_PASS;
}

GPtrArray *
suyuan_inspection_list_unhandled (SuyuanInspection *inspection)
{
  GPtrArray *unhandled = g_ptr_array_new ();

  for (guint i = 0; i < inspection->items->len; i++)
    {
      SuyuanInspectionItem *item = inspection->items->pdata[i];

      if (item->level >= SUYUAN_LEVEL_WARN && item->level != SUYUAN_LEVEL_UNKNOWN
          && item->action == SUYUAN_ACTION_NONE)
        g_ptr_array_add (unhandled, item);
    }
  return unhandled;
}

gboolean
suyuan_inspection_finish (SuyuanStore            *store,
                          SuyuanInspection       *inspection,
                          SuyuanInspectionResult  result,
                          const char             *inspector,
                          GError                **error)
{
  return suyuan_inspection_finish_with_reason (store, inspection, result, inspector, NULL, error);
}

gboolean
suyuan_inspection_finish_with_reason (SuyuanStore            *store,
                                      SuyuanInspection       *inspection,
                                      SuyuanInspectionResult  result,
                                      const char             *inspector,
                                      const char             *override_reason,
                                      GError                **error)
{
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *record_uuid = NULL;
  g_autoptr(GHashTable) photos = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (result > SUYUAN_RESULT_NONE && result < SUYUAN_N_RESULTS, FALSE);
  if (inspection->finished_at != NULL)
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_FINISHED,
                   _("This inspection is finished and cannot be changed; start a correction instead"));
      return FALSE;
    }
  if (inspector != NULL && inspector[0] != '\0')
    {
      if (!g_utf8_validate (inspector, -1, NULL) || strlen (inspector) > 200)
        {
          g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                       _("The inspector’s name is too long"));
          return FALSE;
        }
      g_free (inspection->inspector);
      inspection->inspector = g_strdup (inspector);
    }
  if (inspection->inspector == NULL || inspection->inspector[0] == '\0')
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                   _("Enter the inspector’s name before finishing"));
      return FALSE;
    }
  /* A record saying 合格 over a product that must not be sold needs a reason
   * a reviewer can read, or it is refused. */
  if (override_reason != NULL)
    override_reason += strspn (override_reason, " \t\n");
  if (result == SUYUAN_RESULT_PASS && suyuan_inspection_suggest_result (inspection) == SUYUAN_RESULT_FAIL
      && (override_reason == NULL || override_reason[0] == '\0'))
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_RESULT,
                   _("A product here must not be sold: choose Non-compliant, or give the reason it is compliant"));
      return FALSE;
    }
  if (override_reason != NULL
      && (!g_utf8_validate (override_reason, -1, NULL) || strlen (override_reason) > SUYUAN_INSPECTION_MAX_TEXT))
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                   _("The reason is too long"));
      return FALSE;
    }
  g_free (inspection->override_reason);
  inspection->override_reason = result == SUYUAN_RESULT_PASS && override_reason && *override_reason
                                ? g_strdup (override_reason) : NULL;

  /* The queued item saves first, and any that failed again, here. */
  if (!suyuan_inspection_wait_saved (store, inspection, error))
    return FALSE;
  inspection->finished_at = g_date_time_format_iso8601 (now);
  inspection->result = result;
  data = suyuan_inspection_to_json (inspection);
  photos = suyuan_inspection_hash_photos (inspection, data);
  if (!suyuan_store_begin (store, error))
    goto failed;
  record_uuid = suyuan_outbox_enqueue (store, SUYUAN_RECORD_INSPECTION, data, error);
  if (record_uuid == NULL || !suyuan_inspection_queue_photos (store, photos, record_uuid, error))
    goto failed;
  stmt = suyuan_store_prepare (store, "UPDATE inspections SET finished_at = ?2, result = ?3,"
                                      " inspector = ?4, record_uuid = ?5 WHERE uuid = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, inspection->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, inspection->finished_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, suyuan_inspection_result_to_string (result), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, inspection->inspector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, record_uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      sqlite3_reset (stmt);
      goto failed;
    }
  sqlite3_reset (stmt);
  if (inspection->task_id != NULL)
    {
      stmt = suyuan_store_prepare (store, "UPDATE inspection_tasks SET status = 'done' WHERE id = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, inspection->task_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (store, error);
          sqlite3_reset (stmt);
          goto failed;
        }
      sqlite3_reset (stmt);
    }
  if (!suyuan_store_commit (store, error))
    goto failed;
  inspection->record_uuid = g_steal_pointer (&record_uuid);
  return TRUE;

failed:
  suyuan_store_rollback (store);
  g_clear_pointer (&inspection->finished_at, g_free);
  inspection->result = SUYUAN_RESULT_NONE;
  return FALSE;
}

gboolean
suyuan_inspection_discard (SuyuanStore      *store,
                           SuyuanInspection *inspection,
                           GError          **error)
{
  if (inspection->finished_at != NULL)
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_FINISHED,
                   _("This inspection is finished and cannot be changed; start a correction instead"));
      return FALSE;
    }
  /* A queued save must not write an item back after it is gone. */
  if (inspection->writer != NULL)
    suyuan_store_writer_flush (inspection->writer);
  for (guint i = 0; i < inspection->items->len; i++)
    ((SuyuanInspectionItem *) inspection->items->pdata[i])->save_failed = FALSE;
  if (!suyuan_store_begin (store, error))
    return FALSE;
  for (int i = 0; i < 2; i++)
    {
      const char *sql = i == 0 ? "DELETE FROM inspection_items WHERE inspection_uuid = ?1"
                               : "DELETE FROM inspections WHERE uuid = ?1";
      sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, inspection->uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (store, error);
          sqlite3_reset (stmt);
          goto failed;
        }
      sqlite3_reset (stmt);
    }
  return suyuan_store_commit (store, error);

failed:
  suyuan_store_rollback (store);
  return FALSE;
}
