/* sync-client.c — the pull half of sync (GET /api/v1/changes).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"
#include "http-client.h"
#include "sync-page.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (suyuan-sync-error-quark, suyuan_sync_error)

static gboolean
protocol_error (GError    **error,
                const char *what)
{
  g_set_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL,
               _("The server sent a malformed change page: %s"), what);
  return FALSE;
}

/* Applies one page and its cursor in one transaction; the number applied or -1. */
static gint64
apply_page (SuyuanStore    *store,
            SuyuanSyncPage *page,
            gint64         *cursor,
            GError        **error)
{
  const SuyuanField *fields = (const SuyuanField *) page->fields->data;
  guint n = page->changes->len;

  if (page->last_seq < *cursor || (n > 0 && page->last_seq == *cursor))
    {
      protocol_error (error, "sequence went backwards");
      return -1;
    }
  if (!suyuan_store_begin (store, error))
    return -1;
  for (guint i = 0; i < n; i++)
    {
      const SuyuanSyncChange *change = &g_array_index (page->changes, SuyuanSyncChange, i);

      if (!suyuan_store_apply_fields (store, change->type, fields + change->first, change->n_fields, error))
        {
          suyuan_store_rollback (store);
          return -1;
        }
    }
  if (!suyuan_store_set_cursor (store, page->last_seq, error) || !suyuan_store_commit (store, error))
    {
      suyuan_store_rollback (store);
      return -1;
    }
  *cursor = page->last_seq;
  return n;
}

gboolean
suyuan_sync_pull (SuyuanStore        *store,
                  const char         *base_url,
                  const char         *token,
                  SuyuanSyncProgress  progress,
                  gpointer            user_data,
                  guint64            *n_applied,
                  GError            **error)
{
  gint64 cursor = suyuan_store_get_cursor (store);
  guint64 total = 0;
  gboolean more = TRUE;
  g_autofree char *own_token = NULL;

  if (token == NULL)
    {
      if (!suyuan_sync_default_token (&own_token, error))
        return FALSE;
      token = own_token;
    }

  while (more)
    {
      g_autofree char *url = g_strdup_printf ("%s/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=%d",
                                              base_url, cursor, SUYUAN_SYNC_PAGE_SIZE);
      g_autoptr(SuyuanSyncPage) page = NULL;
      GBytes *body;
      gint64 n;

      body = suyuan_http_request_retry ("GET", url, token, NULL, NULL, error);
      if (body == NULL || (page = suyuan_sync_page_parse (body, error)) == NULL)
        return FALSE;
      more = page->more;
      n = apply_page (store, page, &cursor, error);
      if (n < 0)
        return FALSE;
      total += (guint64) n;
      if (progress)
        progress (total, cursor, user_data);
      if (n == 0)
        break;
    }
  if (n_applied)
    *n_applied = total;
  return TRUE;
}
