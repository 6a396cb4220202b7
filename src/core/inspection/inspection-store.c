/* inspection-store.c — inspections in the store: every change is written at
 * once; finishing sets the time and result and enqueues the record in one
 * transaction. The SQL triggers of migration 4 refuse changes to a finished
 * inspection even if this code were bypassed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection-private.h"
#include "outbox.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>


static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format_iso8601 (now);
}

/* Scanned and typed text is hostile: valid UTF-8 and bounded, or refused. */
static gboolean
check_text (const char *text,
            gsize       max,
            gboolean    required,
            GError    **error)
{
  if (text == NULL || text[0] == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                   _("A required field is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > max)
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                   _("The text is too long or not valid UTF-8 (at most %u bytes)"), (guint) max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_open (SuyuanInspection *inspection,
            GError          **error)
{
  if (inspection->finished_at == NULL)
    return TRUE;
  g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_FINISHED,
               _("This inspection is finished and cannot be changed; start a correction instead"));
  return FALSE;
}

static GPtrArray *
query_tasks (SuyuanStore *store,
             const char  *sql,
             const char  *param,
             guint        limit,
             GError     **error)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_inspection_task_free);
  sqlite3_stmt *stmt = suyuan_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanInspectionTask *task = g_new0 (SuyuanInspectionTask, 1);

      task->task_id = suyuan_stmt_dup_text (stmt, 0);
      task->party_id = suyuan_stmt_dup_text (stmt, 1);
      task->party_name = suyuan_stmt_dup_text (stmt, 2);
      task->licence_no = suyuan_stmt_dup_text (stmt, 3);
      task->kind = suyuan_stmt_dup_text (stmt, 4);
      task->due_date = suyuan_stmt_dup_text (stmt, 5);
      g_ptr_array_add (tasks, task);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&tasks);
}

GPtrArray *
suyuan_inspection_list_tasks (SuyuanStore *store,
                              GError     **error)
{
  /* A task for a business the store does not know still shows, by its id. */
  return query_tasks (store,
      "SELECT t.id, t.party_id, coalesce (p.name, t.party_id), p.licence_no, t.kind, t.due_date"
      " FROM inspection_tasks t LEFT JOIN parties p ON p.id = t.party_id"
      " WHERE t.status = 'open' AND ?1 IS NULL"
      " ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT ?2", NULL, 500, error);
}

GPtrArray *
suyuan_inspection_find_parties (SuyuanStore *store,
                                const char  *query,
                                guint        limit,
                                GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (query ? query : ""));

  if (!check_text (trimmed, 200, TRUE, error))
    return NULL;
  /* instr, not LIKE: the query is text, never a pattern. */
  return query_tasks (store,
      "SELECT NULL, id, name, licence_no, kind, NULL FROM parties"
      " WHERE instr (licence_no, ?1) > 0 OR instr (name, ?1) > 0"
      " ORDER BY licence_no = ?1 DESC, name LIMIT ?2", trimmed, limit, error);
}

SuyuanInspection *
suyuan_inspection_start (SuyuanStore                *store,
                         const SuyuanInspectionTask *business,
                         const char                 *inspector,
                         const char                 *corrects,
                         GError                    **error)
{
  g_autoptr(SuyuanInspection) inspection = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && business != NULL, NULL);
  if (!check_text (business->party_name, 200, TRUE, error)
      || !check_text (business->licence_no, 200, FALSE, error)
      || !check_text (inspector, 200, FALSE, error))
    return NULL;

  inspection = g_new0 (SuyuanInspection, 1);
  inspection->uuid = g_uuid_string_random ();
  inspection->task_id = g_strdup (business->task_id);
  inspection->party_id = g_strdup (business->party_id);
  inspection->party_name = g_strdup (business->party_name);
  inspection->licence_no = g_strdup (business->licence_no);
  inspection->corrects = g_strdup (corrects);
  inspection->inspector = g_strdup (inspector);
  inspection->started_at = now_iso8601 ();
  inspection->items = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_inspection_item_free);

  stmt = suyuan_store_prepare (store,
      "INSERT INTO inspections (uuid, task_id, party_id, party_name, licence_no, corrects,"
      " inspector, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return NULL;
  suyuan_inspection_bind_text (stmt, 1, inspection->uuid);
  suyuan_inspection_bind_text (stmt, 2, inspection->task_id);
  suyuan_inspection_bind_text (stmt, 3, inspection->party_id);
  suyuan_inspection_bind_text (stmt, 4, inspection->party_name);
  suyuan_inspection_bind_text (stmt, 5, inspection->licence_no);
  suyuan_inspection_bind_text (stmt, 6, inspection->corrects);
  suyuan_inspection_bind_text (stmt, 7, inspection->inspector);
  suyuan_inspection_bind_text (stmt, 8, inspection->started_at);
  if (!suyuan_store_step_done (store, stmt, error))
    return NULL;
  return g_steal_pointer (&inspection);
}

static SuyuanInspectionItem *
item_new (int         seq,
          const char *code)
{
  SuyuanInspectionItem *item = g_new0 (SuyuanInspectionItem, 1);

  item->seq = seq;
  item->code = g_strdup (code);
  item->photos = g_ptr_array_new_with_free_func (g_free);
  return item;
}

SuyuanInspectionItem *
suyuan_inspection_add_item (SuyuanStore         *store,
                            SuyuanInspection    *inspection,
                            const char          *code,
                            const SuyuanVerdict *verdict,
                            const char          *summary,
                            GError             **error)
{
  SuyuanInspectionItem *item;
  GString *reasons = g_string_new (NULL);
  GString *findings = g_string_new (NULL);
  int seq = 1;

  if (!check_open (inspection, error)
      || !check_text (code, SUYUAN_INSPECTION_MAX_CODE, TRUE, error)
      || !check_text (summary, SUYUAN_INSPECTION_MAX_TEXT, FALSE, error))
    {
      g_string_free (reasons, TRUE);
      g_string_free (findings, TRUE);
      return NULL;
    }
  if (inspection->items->len > 0)
    seq = ((SuyuanInspectionItem *) g_ptr_array_index (inspection->items, inspection->items->len - 1))->seq + 1;

  item = item_new (seq, code);
  item->level = verdict ? verdict->level : SUYUAN_LEVEL_UNKNOWN;
  for (guint i = 0; verdict != NULL && i < verdict->reasons->len; i++)
    {
      SuyuanReason *reason = verdict->reasons->pdata[i];

      g_string_append_printf (reasons, "%s%s", i ? "," : "", reason->id);
      if (reason->message != NULL)
        g_string_append_printf (findings, "%s%s", findings->len ? "; " : "", reason->message);
    }
  item->reasons = g_string_free (reasons, FALSE);
  item->findings = g_string_free (findings, FALSE);
  item->summary = g_strdup (summary);
  if (!suyuan_inspection_save_item (store, inspection, item, error))
    {
      suyuan_inspection_item_free (item);
      return NULL;
    }
  g_ptr_array_add (inspection->items, item);
  return item;
}

static SuyuanInspectionItem *
find_item (SuyuanInspection *inspection,
           int               seq,
           GError          **error)
{
  SuyuanInspectionItem *item = suyuan_inspection_get_item (inspection, seq);

  if (item == NULL)
    g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_NOT_FOUND,
                 _("The inspection has no item %d"), seq);
  return item;
}

gboolean
suyuan_inspection_set_action (SuyuanStore            *store,
                              SuyuanInspection       *inspection,
                              int                     seq,
                              SuyuanInspectionAction  action,
                              const char             *notes,
                              GError                **error)
{
  SuyuanInspectionItem *item;
  SuyuanInspectionAction old_action;
  char *old_notes;

  if (!check_open (inspection, error)
      || !check_text (notes, SUYUAN_INSPECTION_MAX_TEXT, FALSE, error)
      || (item = find_item (inspection, seq, error)) == NULL)
    return FALSE;
  g_return_val_if_fail (action < SUYUAN_N_ACTIONS, FALSE);

  old_action = item->action;
  old_notes = item->notes;
  item->action = action;
  item->notes = g_strdup (notes);
  if (!suyuan_inspection_save_item (store, inspection, item, error))
    {
      g_free (item->notes);
      item->action = old_action;
      item->notes = old_notes;
      return FALSE;
    }
  g_free (old_notes);
  return TRUE;
}

gboolean
suyuan_inspection_add_photo (SuyuanStore      *store,
                             SuyuanInspection *inspection,
                             int               seq,
                             const char       *path,
                             GError          **error)
{
  SuyuanInspectionItem *item;

  if (!check_open (inspection, error)
      || !check_text (path, 4096, TRUE, error)
      || (item = find_item (inspection, seq, error)) == NULL)
    return FALSE;
  if (item->photos->len >= SUYUAN_INSPECTION_MAX_PHOTOS)
    {
      g_set_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID,
                   _("An item can have at most %d photos"), SUYUAN_INSPECTION_MAX_PHOTOS);
      return FALSE;
    }
  g_ptr_array_add (item->photos, g_strdup (path));
  if (!suyuan_inspection_save_item (store, inspection, item, error))
    {
      g_ptr_array_remove_index (item->photos, item->photos->len - 1);
      return FALSE;
    }
  return TRUE;
}
