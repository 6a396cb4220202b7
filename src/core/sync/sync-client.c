/* sync-client.c — the pull half of sync (GET /api/v1/changes).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"
#include "http-client.h"
#include "sync-page.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

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
  gint64 applied = 0;

  if (page->last_seq < *cursor || (n > 0 && page->last_seq == *cursor))
    {
      protocol_error (error, "sequence went backwards");
      return -1;
    }
  if (!suyuan_store_begin (store, error))
    return -1;
  if (page->skipped_why != NULL && !suyuan_store_note_skipped (store, page->last_seq, page->skipped_why, error))
    {
      suyuan_store_rollback (store);
      return -1;
    }
  for (guint i = 0; i < n; i++)
    {
      const SuyuanSyncChange *change = &g_array_index (page->changes, SuyuanSyncChange, i);
      g_autoptr(GError) local = NULL;

      if (suyuan_store_apply_fields (store, change->type, fields + change->first, change->n_fields, &local))
        {
          applied++;
          continue;
        }
      /* A change no terminal can apply must not stop every later one (a
       * recall among them): it is stepped past and remembered. Nothing of it
       * was written: data errors come before the statement runs. */
      if (g_error_matches (local, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA)
          && suyuan_store_note_skipped (store, change->seq, local->message, error))
        continue;
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      suyuan_store_rollback (store);
      return -1;
    }
  if (!suyuan_store_set_cursor (store, page->last_seq, error) || !suyuan_store_commit (store, error))
    {
      suyuan_store_rollback (store);
      return -1;
    }
  *cursor = page->last_seq;
  return applied;
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

/* The page of at most @limit changes after @after. A single change that
 * cannot be read becomes a page that steps past it. */
static SuyuanSyncPage *
fetch_page (Fetcher *f,
            gint64   after,
            guint    limit,
            GError **error)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=%u",
                                          f->base_url, after, limit);
  GBytes *body = suyuan_http_request_retry ("GET", url, f->token, NULL, NULL, error);
  g_autoptr(GError) local = NULL;
  SuyuanSyncPage *page;
  gint64 first;

  if (body == NULL)
    return NULL;
  first = limit == 1 ? suyuan_sync_page_first_seq (g_bytes_get_data (body, NULL), g_bytes_get_size (body)) : 0;
  if ((page = suyuan_sync_page_parse (body, &local)) != NULL)
    return page;
  if (first > after)
    return suyuan_sync_page_new_skip (first, local->message);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

/* A page the server sent but this terminal cannot take: smaller pages find
 * the change that is to blame. */
static gboolean
recoverable (const GError *error)
{
  return g_error_matches (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL)
         || g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_TOO_LARGE);
}

static gpointer
fetch_pages (gpointer data)
{
  Fetcher *f = data;
  gint64 after = f->after;
  guint limit = SUYUAN_SYNC_PAGE_SIZE;

  while (g_async_queue_pop (f->go) == GO)
    {
      Fetched *item = g_new0 (Fetched, 1);
      gboolean last;

      item->page = fetch_page (f, after, limit, &item->error);
      while (item->page == NULL && limit > 1 && recoverable (item->error))
        {
          g_clear_error (&item->error);
          limit = MAX (limit / 4, 1);
          item->page = fetch_page (f, after, limit, &item->error);
        }
      /* Past the bad change: full pages again. */
      if (item->page != NULL && item->page->skipped_why != NULL)
        limit = SUYUAN_SYNC_PAGE_SIZE;
      /* Decided before the page is handed over: the last page, or one the
       * applying thread will refuse, ends the pull there too. */
      last = item->page == NULL || !item->page->more
             || (item->page->changes->len == 0 && item->page->skipped_why == NULL)
             || item->page->last_seq <= after;
      if (item->page != NULL)
        after = item->page->last_seq;
      g_async_queue_push (f->fetched, item);
      if (last)
        break;
    }
  return NULL;
}

/* Longest resolver base we keep: a host and a short path. */
#define RESOLVER_MAX_LEN 256

/* An http(s) URL of printable ASCII, no spaces, quotes or angle brackets:
 * it is printed into every label's code. */
static gboolean
resolver_ok (const char *url)
{
  gsize len = strlen (url);

  if (len > RESOLVER_MAX_LEN
      || (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://")))
    return FALSE;
  for (const char *p = url; *p; p++)
    if (*p <= ' ' || *p >= 0x7f || strchr ("\"'<>\\^`{|}", *p) != NULL)
      return FALSE;
  return TRUE;
}

/* What the server says about the deployment (GET /api/v1/config): the
 * resolver base printed codes should use. Best effort: a server without
 * the endpoint, or an answer we cannot use, leaves the store as it was. */
static void
pull_config (SuyuanStore *store,
             const char  *base_url,
             const char  *token)
{
  g_autofree char *url = g_strconcat (base_url, "/api/v1/config", NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root, *member;
  long status = 0;
  gsize len;
  const char *data;

  body = suyuan_http_request ("GET", url, token, NULL, &status, &error);
  if (body == NULL || status != 200)
    return;
  data = g_bytes_get_data (body, &len);
  if (len > 4096 || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (member = json_object_get_member (json_node_get_object (root), "resolver")) == NULL)
    return;
  if (JSON_NODE_HOLDS_NULL (member))
    suyuan_store_set_server_resolver (store, NULL, NULL);
  else if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING
           && resolver_ok (json_node_get_string (member)))
    suyuan_store_set_server_resolver (store, json_node_get_string (member), NULL);
}

/* Whether @scope, which the server pulls for now, is what the store's units
 * and events were pulled under. A store that never heard of scopes holds
 * everything: that is scope "all", and nothing when its cursor is 0. */
static gboolean
same_scope (SuyuanStore *store,
            const char  *scope,
            gint64       cursor,
            GError     **error)
{
  g_autofree char *pulled = suyuan_store_dup_pulled_scope (store);

  if (pulled == NULL && (cursor == 0 || strcmp (scope, "all") == 0))
    return suyuan_store_set_pulled_scope (store, scope, error);
  return g_strcmp0 (pulled, scope) == 0;
}

/* Pulls pages until the last; stops early, with *@new_scope set, when the
 * server names a scope other than the one the store was pulled under. */
static gboolean
pull_pages (SuyuanStore        *store,
            const char         *base_url,
            const char         *token,
            SuyuanSyncProgress  progress,
            gpointer            user_data,
            guint64            *total,
            char              **new_scope,
            GError            **error)
{
  gint64 cursor = suyuan_store_get_cursor (store);
  gboolean more = TRUE, ok = TRUE;
  Fetcher fetcher = { base_url, token, cursor, NULL, NULL };
  GThread *thread;

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
      else if (item->page->scope != NULL && !same_scope (store, item->page->scope, cursor, error))
        {
          ok = error == NULL || *error == NULL;
          if (ok)
            *new_scope = g_strdup (item->page->scope);
          more = FALSE;
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
              *total += (guint64) n;
              if (progress)
                progress (*total, cursor, user_data);
              if (item->page->changes->len == 0 && item->page->skipped_why == NULL)
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
  return ok;
}

gboolean
suyuan_sync_pull_full (SuyuanStore          *store,
                       const char           *base_url,
                       const char           *token,
                       SuyuanSyncProgress    progress,
                       gpointer              user_data,
                       SuyuanSyncPullResult *result,
                       GError              **error)
{
  guint64 total = 0;
  g_autofree char *own_token = NULL;
  g_autofree char *new_scope = NULL;
  gboolean ok, dropped = FALSE;

  if (result)
    *result = (SuyuanSyncPullResult) { 0 };
  if (token == NULL)
    {
      if (!suyuan_sync_default_token (&own_token, error))
        return FALSE;
      token = own_token;
    }
  /* WAL with synchronous=NORMAL syncs at checkpoints, not at every commit: a
   * power cut can lose the last pages but never corrupts the file, and a lost
   * page is pulled again from the cursor committed with it. Records the user
   * makes meanwhile go through other connections, still FULL. */
  if (!suyuan_store_exec (store, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  ok = pull_pages (store, base_url, token, progress, user_data, &total, &new_scope, error);
  /* The token's scope changed (re-issued for another region or party): the
   * units and events of the old one go, and the new one is pulled from 0. */
  if (ok && new_scope != NULL)
    {
      g_autofree char *again = NULL;

      ok = dropped = suyuan_store_drop_scoped_data (store, new_scope, error);
      ok = ok && pull_pages (store, base_url, token, progress, user_data, &total, &again, error);
      if (ok && again != NULL)
        ok = protocol_error (error, "the scope changed during the pull");
    }
  suyuan_store_exec (store, "PRAGMA synchronous = FULL", NULL);
  /* The recall data is as fresh as this moment: the terminal says how old it is. */
  if (ok)
    ok = suyuan_store_set_synced_at (store, g_get_real_time () / G_USEC_PER_SEC, error);
  if (ok)
    pull_config (store, base_url, token);
  /* Said even when the pull then failed: the old scope's data is gone. */
  if (result)
    {
      result->n_applied = total;
      result->scope_changed = dropped;
    }
  return ok;
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
  SuyuanSyncPullResult result = { 0 };

  if (!suyuan_sync_pull_full (store, base_url, token, progress, user_data, &result, error))
    return FALSE;
  if (n_applied)
    *n_applied = result.n_applied;
  return TRUE;
}
