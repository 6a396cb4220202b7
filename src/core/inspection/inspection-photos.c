/* inspection-photos.c — a finished inspection's photos, by content: their
 * SHA-256 goes into the record (the server stores and serves a photo under
 * it) and each is queued for upload at the next sync (sync-photos.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "store-private.h"

#include <glib/gstdio.h>

/* The SHA-256 of the file at @path, or NULL when it cannot be read or is
 * larger than the server takes (the upload then reports it). */
static char *
hash_file (const char *path)
{
  g_autofree char *data = NULL;
  GStatBuf st;
  gsize len;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > SUYUAN_INSPECTION_MAX_PHOTO_BYTES
      || !g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

GHashTable *
suyuan_inspection_hash_photos (SuyuanInspection *inspection,
                               JsonObject       *data)
{
  GHashTable *queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *items = json_object_get_array_member (data, "items");

  for (guint i = 0; i < inspection->items->len && items && i < json_array_get_length (items); i++)
    {
      SuyuanInspectionItem *item = inspection->items->pdata[i];
      JsonArray *hashes = json_array_new ();

      for (guint p = 0; p < item->photos->len; p++)
        {
          char *sha256 = hash_file (item->photos->pdata[p]);

          if (sha256 != NULL)
            json_array_add_string_element (hashes, sha256);
          else
            json_array_add_null_element (hashes);
          g_hash_table_insert (queued, g_strdup (item->photos->pdata[p]), sha256);
        }
      /* Beside "photos" (the names), in the same order: old servers ignore it. */
      json_object_set_array_member (json_array_get_object_element (items, i), "photo_sha256", hashes);
    }
  return queued;
}

gboolean
suyuan_inspection_queue_photos (SuyuanStore *store,
                                GHashTable  *queued,
                                const char  *record_uuid,
                                GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "INSERT INTO photo_uploads (record_uuid, path, sha256) VALUES (?1, ?2, ?3)"
      " ON CONFLICT DO NOTHING", error);
  GHashTableIter iter;
  gpointer key, value;

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, queued);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_text (stmt, 1, record_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);  /* NULL: unreadable */
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (store, error);
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}
