/* inspection-save.c — an item's row written whole, at once or by a writer
 * thread (store-writer.h). What it writes is copied on the caller's thread,
 * so the inspection can change while the row is committed.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection-private.h"
#include "store-private.h"
#include "store-writer.h"

typedef struct {
  SuyuanInspection *inspection;   /* for the done callback only */
  char *uuid;
  int seq;
  char *code;
  char *level;
  char *reasons;
  char *summary;
  char *action;
  char *notes;
  char *photos;                   /* JSON array */
  char *findings;
} ItemWrite;

static void
item_write_free (ItemWrite *w)
{
  g_free (w->uuid);
  g_free (w->code);
  g_free (w->level);
  g_free (w->reasons);
  g_free (w->summary);
  g_free (w->action);
  g_free (w->notes);
  g_free (w->photos);
  g_free (w->findings);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItemWrite, item_write_free)

static ItemWrite *
item_write_new (SuyuanInspection     *inspection,
                SuyuanInspectionItem *item)
{
  ItemWrite *w = g_new0 (ItemWrite, 1);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) photos = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < item->photos->len; i++)
    json_builder_add_string_value (b, item->photos->pdata[i]);
  json_builder_end_array (b);
  photos = json_builder_get_root (b);
  w->inspection = inspection;
  w->uuid = g_strdup (inspection->uuid);
  w->seq = item->seq;
  w->code = g_strdup (item->code);
  w->level = g_strdup (suyuan_level_to_string (item->level));
  w->reasons = g_strdup (item->reasons);
  w->summary = g_strdup (item->summary);
  w->action = g_strdup (suyuan_inspection_action_to_string (item->action));
  w->notes = g_strdup (item->notes);
  w->photos = json_to_string (photos, FALSE);
  w->findings = g_strdup (item->findings);
  return w;
}

void
suyuan_inspection_bind_text (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_row (SuyuanStore  *store,
           gpointer      data,
           GError      **error)
{
  ItemWrite *w = data;
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "INSERT INTO inspection_items (inspection_uuid, seq, code, level, reasons, summary,"
      " action, notes, photos, findings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
      " ON CONFLICT (inspection_uuid, seq) DO UPDATE SET reasons = excluded.reasons,"
      " findings = excluded.findings, action = excluded.action,"
      " notes = excluded.notes, photos = excluded.photos", error);

  if (stmt == NULL)
    return FALSE;
  suyuan_inspection_bind_text (stmt, 1, w->uuid);
  sqlite3_bind_int (stmt, 2, w->seq);
  suyuan_inspection_bind_text (stmt, 3, w->code);
  suyuan_inspection_bind_text (stmt, 4, w->level);
  suyuan_inspection_bind_text (stmt, 5, w->reasons);
  suyuan_inspection_bind_text (stmt, 6, w->summary);
  suyuan_inspection_bind_text (stmt, 7, w->action);
  suyuan_inspection_bind_text (stmt, 8, w->notes);
  suyuan_inspection_bind_text (stmt, 9, w->photos);
  suyuan_inspection_bind_text (stmt, 10, w->findings);
  return suyuan_store_step_done (store, stmt, error);
}

/* A row is written whole: the last save that commits makes it current. */
static void
write_done (gpointer      data,
            const GError *error,
            gpointer      user_data)
{
  ItemWrite *w = data;
  SuyuanInspection *inspection = w->inspection;
  SuyuanInspectionItem *item = suyuan_inspection_get_item (inspection, w->seq);

  if (item != NULL)
    {
      if (item->n_saving > 0)
        item->n_saving--;
      item->save_failed = error != NULL;
    }
  if (inspection->saved != NULL)
    inspection->saved (inspection, w->seq, error, inspection->saved_data);
}

gboolean
suyuan_inspection_save_item (SuyuanStore          *store,
                             SuyuanInspection     *inspection,
                             SuyuanInspectionItem *item,
                             GError              **error)
{
  g_autoptr(ItemWrite) w = item_write_new (inspection, item);

  if (inspection->writer == NULL)
    return write_row (store, w, error);
  item->n_saving++;
  suyuan_store_writer_push (inspection->writer, write_row, write_done,
                            g_steal_pointer (&w), (GDestroyNotify) item_write_free, NULL);
  return TRUE;
}

void
suyuan_inspection_set_writer (SuyuanInspection      *inspection,
                              SuyuanStoreWriter     *writer,
                              SuyuanInspectionSaved  saved,
                              gpointer               user_data)
{
  g_return_if_fail (inspection != NULL);
  if (inspection->writer != NULL)
    suyuan_store_writer_flush (inspection->writer);
  inspection->writer = writer;
  inspection->saved = saved;
  inspection->saved_data = user_data;
}

gboolean
suyuan_inspection_wait_saved (SuyuanStore       *store,
                              SuyuanInspection  *inspection,
                              GError           **error)
{
  g_return_val_if_fail (inspection != NULL, FALSE);
  if (inspection->writer != NULL)
    suyuan_store_writer_flush (inspection->writer);
  for (guint i = 0; i < inspection->items->len; i++)
    {
      SuyuanInspectionItem *item = inspection->items->pdata[i];
      g_autoptr(ItemWrite) w = NULL;

      if (!item->save_failed)
        continue;
      w = item_write_new (inspection, item);
      if (!write_row (store, w, error))
        return FALSE;
      item->save_failed = FALSE;
    }
  return TRUE;
}

gboolean
suyuan_inspection_item_is_saved (const SuyuanInspectionItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return item->n_saving == 0 && !item->save_failed;
}
