/* sync-client.c — the pull half of sync (GET /api/v1/changes).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"
#include "http-client.h"
#include "sync-page.h"
#include "store-private.h"

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

/* The pull runs in two stages: a thread fetches and reads the next page while
 * this thread applies the current one, so the network, the server and the
 * disk work at the same time. One page at most waits, bounding memory. */
typedef struct {
  SuyuanSyncPage *page;
  GError         *error;
} Fetched;

typedef struct {
  const char  *base_url;
  const char  *token;
  gint64       after;
  GAsyncQueue *fetched;    /* Fetched *, in page order */
  GAsyncQueue *go;         /* GO or STOP, from the applying thread */
} Fetcher;

#define GO GINT_TO_POINTER (1)
#define STOP GINT_TO_POINTER (2)

static void
fetched_free (gpointer data)
{
  Fetched *item = data;

  g_clear_pointer (&item->page, suyuan_sync_page_free);
  g_clear_error (&item->error);
  g_free (item);
}

static gpointer
fetch_pages (gpointer data)
{
  Fetcher *f = data;
  gint64 after = f->after;

  while (g_async_queue_pop (f->go) == GO)
    {
      g_autofree char *url = g_strdup_printf ("%s/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=%d",
                                              f->base_url, after, SUYUAN_SYNC_PAGE_SIZE);
      Fetched *item = g_new0 (Fetched, 1);
      GBytes *body = suyuan_http_request_retry ("GET", url, f->token, NULL, NULL, &item->error);
      gboolean last;

      if (body != NULL)
        item->page = suyuan_sync_page_parse (body, &item->error);
      /* Decided before the page is handed over: the last page, or one the
       * applying thread will refuse, ends the pull there too. */
      last = item->page == NULL || !item->page->more || item->page->changes->len == 0
             || item->page->last_seq <= after;
      if (item->page != NULL)
        after = item->page->last_seq;
      g_async_queue_push (f->fetched, item);
      if (last)
        break;
    }
  return NULL;
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
  gboolean more = TRUE, ok = TRUE;
  g_autofree char *own_token = NULL;
  Fetcher fetcher = { base_url, token, cursor, NULL, NULL };
  GThread *thread;

  if (token == NULL)
    {
      if (!suyuan_sync_default_token (&own_token, error))
        return FALSE;
      fetcher.token = own_token;
    }
  /* WAL with synchronous=NORMAL syncs at checkpoints, not at every commit: a
   * power cut can lose the last pages but never corrupts the file, and a lost
   * page is pulled again from the cursor committed with it. Records the user
   * makes meanwhile go through other connections, still FULL. */
  if (!suyuan_store_exec (store, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  fetcher.fetched = g_async_queue_new_full (fetched_free);
  fetcher.go = g_async_queue_new ();
  g_async_queue_push (fetcher.go, GO);
  thread = g_thread_new ("suyuan-pull", fetch_pages, &fetcher);

  while (ok && more)
    {
      Fetched *item = g_async_queue_pop (fetcher.fetched);
      gint64 n;

      if (item->page == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&item->error));
          ok = FALSE;
        }
      else
        {
          more = item->page->more;
          if (more)
            g_async_queue_push (fetcher.go, GO);
          n = apply_page (store, item->page, &cursor, error);
          if (n < 0)
            ok = FALSE;
          else
            {
              total += (guint64) n;
              if (progress)
                progress (total, cursor, user_data);
              if (n == 0)
                more = FALSE;
            }
        }
      fetched_free (item);
    }
  /* A fetch under way ends before the thread sees STOP; what it brought is dropped. */
  g_async_queue_push (fetcher.go, STOP);
  g_thread_join (thread);
  g_async_queue_unref (fetcher.fetched);
  g_async_queue_unref (fetcher.go);
  suyuan_store_exec (store, "PRAGMA synchronous = FULL", NULL);
  if (ok && n_applied)
    *n_applied = total;
  return ok;
}
