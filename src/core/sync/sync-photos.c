/* sync-photos.c — the photo half of push: each photo of an inspection whose
 * record the server acknowledged goes up once, PUT /api/v1/photos/{sha256}.
 * The server checks the hash and keeps one copy, so a resend (a lost answer,
 * the same photo in two inspections) costs a transfer and nothing else.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"
#include "http-client.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>

#define MAX_PHOTO_BYTES (8 * 1024 * 1024)

typedef struct {
  gint64 rowid;
  char *path;
  char *sha256;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->path);
  g_free (p->sha256);
  g_free (p);
}

static GPtrArray *
list_pending (SuyuanStore *store,
              GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT p.rowid, p.path, p.sha256 FROM photo_uploads p JOIN outbox o ON o.uuid = p.record_uuid"
      " WHERE o.sent_at IS NOT NULL AND p.uploaded_at IS NULL AND p.refused IS NULL ORDER BY p.rowid", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Pending *p = g_new0 (Pending, 1);

      p->rowid = sqlite3_column_int64 (stmt, 0);
      p->path = suyuan_stmt_dup_text (stmt, 1);
      p->sha256 = suyuan_stmt_dup_text (stmt, 2);
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

/* Marks @p uploaded (@refused NULL) or refused for good, with why. */
static gboolean
mark (SuyuanStore   *store,
      const Pending *p,
      const char    *refused,
      GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = suyuan_store_prepare (store, refused == NULL
                                             ? "UPDATE photo_uploads SET uploaded_at = ?2 WHERE rowid = ?1"
                                             : "UPDATE photo_uploads SET refused = ?2 WHERE rowid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->rowid);
  sqlite3_bind_text (stmt, 2, refused ? refused : at, -1, SQLITE_TRANSIENT);
  return suyuan_store_step_done (store, stmt, error);
}

/* Uploads @p. FALSE with @error when the server cannot be reached (or will
 * not talk to this token): the photo stays queued. A refusal of this photo
 * is a problem noted in @problems, not a failure. */
static gboolean
upload_one (SuyuanStore *store,
            const char  *base_url,
            const char  *token,
            Pending     *p,
            guint       *n_uploaded,
            GPtrArray   *problems,
            GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  long status = 0;

  if (p->sha256 == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("The photo %s could not be read when the inspection was "
                                                    "finished; it is not uploaded"), p->path));
      return mark (store, p, "unreadable when finished", error);
    }
  if (!g_file_get_contents (p->path, &data, &len, &local))
    {
      g_ptr_array_add (problems, g_strdup_printf (_("The photo %s is missing (%s); it is tried again at the "
                                                    "next sync"), p->path, local->message));
      return TRUE;
    }
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (len > MAX_PHOTO_BYTES || g_strcmp0 (sum, p->sha256) != 0)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("The photo %s changed after the inspection was finished; "
                                                    "it is not uploaded"), p->path));
      return mark (store, p, "changed since finished", error);
    }
  url = g_strdup_printf ("%s/api/v1/photos/%s", base_url, p->sha256);
  body = g_bytes_new_take (g_steal_pointer (&data), len);
  reply = suyuan_http_request_retry ("PUT", url, token, body, &status, &local);
  if (reply != NULL)
    {
      (*n_uploaded)++;
      return mark (store, p, NULL, error);
    }
  if (g_error_matches (local, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS) && status >= 400 && status < 500)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("The server refused the photo %s: %s"), p->path, local->message));
      return mark (store, p, local->message, error);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
suyuan_sync_push_photos (SuyuanStore *store,
                         const char  *base_url,
                         const char  *token,
                         guint       *n_uploaded,
                         GPtrArray  **problems,
                         GError     **error)
{
  g_autoptr(GPtrArray) pending = list_pending (store, error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *own_token = NULL;
  guint uploaded = 0;
  gboolean ok = pending != NULL;

  if (ok && pending->len > 0 && token == NULL)
    {
      ok = suyuan_sync_default_token (&own_token, error);
      token = own_token;
    }
  for (guint i = 0; ok && pending && i < pending->len; i++)
    ok = upload_one (store, base_url, token, pending->pdata[i], &uploaded, found, error);
  if (n_uploaded)
    *n_uploaded = uploaded;
  if (problems)
    *problems = g_steal_pointer (&found);
  return ok;
}
