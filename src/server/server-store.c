/* server-store.c — the change feed and records over either backend: what
 * both share (document import, idempotent record batches, transactions).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-data-rules.h"
#include "server-store-scope.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

/* Document lists in the order a terminal must apply them. */
static const struct { const char *plural; const char *type; } entity_lists[] = {
  { "parties", "party" }, { "products", "product" }, { "batches", "batch" },
  { "units", "unit" }, { "events", "event" }, { "alerts", "alert" },
};

gboolean
server_store_path_is_pg (const char *path)
{
  return path && (g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://"));
}

ServerStore *
server_store_open (const char *path,
                   GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  ServerStore *store = server_store_path_is_pg (path) ? server_store_pg_open (path, error)
                                                       : server_store_sqlite_open (path, error);

  /* A feed from before scoped pull gets its keys before anyone pulls. */
  if (store != NULL && !server_store_scope_backfill (store, error))
    g_clear_pointer (&store, server_store_close);
  return store;
}

void
server_store_close (ServerStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->scope_cache, g_hash_table_unref);
  g_clear_pointer (&store->scope_known, g_hash_table_unref);
  g_clear_pointer (&store->scope_runs, g_hash_table_unref);
  g_clear_pointer (&store->scope_regions, g_hash_table_unref);
  store->backend->close (store);
}

gint64
server_store_last_seq (ServerStore *store)
{
  return store->backend->last_seq (store);
}

static gboolean
begin (ServerStore *store,
       GError     **error)
{
  if (!store->backend->begin (store, error))
    return FALSE;
  server_store_scope_forget (store);
  store->in_transaction++;
  return TRUE;
}

static gboolean
finish (ServerStore *store,
        gboolean     ok,
        GError     **error)
{
  store->in_transaction--;
  ok = ok && server_store_scope_flush (store, error);
  server_store_scope_forget (store);
  if (ok && store->backend->commit (store, error))
    return TRUE;
  store->backend->rollback (store);
  return FALSE;
}

gboolean
server_store_transaction (ServerStore *store,
                          gboolean   (*func) (ServerStore *, gpointer, GError **),
                          gpointer     user_data,
                          GError     **error)
{
  gboolean ok;

  if (!begin (store, error))
    return FALSE;
  ok = func (store, user_data, error);
  if (!ok && error && *error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: the transaction failed");
  return finish (store, ok, error);
}

gboolean
server_store_append (ServerStore *store,
                     const char  *type,
                     JsonObject  *object,
                     GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  /* Whoever sent it, a change every terminal cannot read never enters the feed. */
  if (!server_data_check_object (type, object, strlen (text), error))
    return FALSE;
  /* On its own it still takes the writers' lock: see begin in the backends. */
  if (store->in_transaction)
    return server_store_scope_append (store, type, object, text, error);
  if (!begin (store, error))
    return FALSE;
  return finish (store, server_store_scope_append (store, type, object, text, error), error);
}

static gboolean
append_list (ServerStore *store,
             JsonArray   *list,
             const char  *type,
             guint       *n,
             GError     **error)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("An entry of “%s” is not an object"), type);
          return FALSE;
        }
      text = json_to_string (item, FALSE);
      if (!server_data_check_object (type, json_node_get_object (item), strlen (text), error))
        return FALSE;
      if (!server_store_scope_append (store, type, json_node_get_object (item), text, error))
        return FALSE;
      (*n)++;
    }
  return TRUE;
}

gboolean
server_store_import (ServerStore *store,
                     JsonNode    *document,
                     guint       *n_changes,
                     GError     **error)
{
  JsonObject *root;
  gboolean ok = TRUE;
  guint n = 0;

  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The document is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (document);
  if (!begin (store, error))
    return FALSE;
  for (gsize k = 0; ok && k < G_N_ELEMENTS (entity_lists); k++)
    {
      JsonNode *list = json_object_get_member (root, entity_lists[k].plural);

      if (list == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not an array"), entity_lists[k].plural);
          ok = FALSE;
          break;
        }
      ok = append_list (store, json_node_get_array (list), entity_lists[k].type, &n, error);
    }
  if (!finish (store, ok, error))
    return FALSE;
  if (n_changes)
    *n_changes = n;
  return TRUE;
}

gboolean
server_store_foreach_change (ServerStore      *store,
                             gint64            after,
                             guint             limit,
                             ServerChangeFunc  func,
                             gpointer          user_data,
                             GError          **error)
{
  return store->backend->foreach_change (store, after, limit, func, user_data, error);
}

typedef struct {
  GString *out;
  gsize start;
  guint limit;
  guint n;
  gint64 last;
  gboolean full;       /* SERVER_MAX_PAGE_BYTES reached: the rest is for the next page */
} Page;

static void
add_to_page (gint64      seq,
             const char *type,
             const char *data,
             gsize       len,
             gpointer    user_data)
{
  Page *page = user_data;

  /* The one row past the limit only tells that more follow; a page is sized
   * by bytes too, one change at least, so no terminal meets one over its cap. */
  if (page->full || page->n >= page->limit)
    {
      page->full = TRUE;
      return;
    }
  if (page->n > 0 && page->out->len - page->start + len > SERVER_MAX_PAGE_BYTES)
    {
      page->full = TRUE;
      return;
    }
  page->n++;
  page->last = seq;
  g_string_append_printf (page->out, "%s{\"seq\":%" G_GINT64_FORMAT ",\"type\":\"%s\",\"data\":",
                          page->n > 1 ? "," : "", seq, type);
  g_string_append_len (page->out, data, (gssize) len);
  g_string_append_c (page->out, '}');
}

static void
add_unique (GPtrArray  *keys,
            GHashTable *seen,
            const char *key)
{
  if (g_hash_table_add (seen, g_strdup (key)))
    g_ptr_array_add (keys, g_strdup (key));
}

static void
add_region (const char *const *columns, guint n_columns, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup (columns[0]));
}

/* @keys with each "region:CODE" also as every region tagged under CODE
 * (a city's counties): changes are keyed by a party's full region only.
 * NULL-terminated. */
static GPtrArray *
expand_regions (ServerStore       *store,
                const char *const *keys,
                GError           **error)
{
  g_autoptr(GPtrArray) regions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (const char *const *k = keys; *k; k++)
    {
      const char *prefix = g_str_has_prefix (*k, "region:") ? *k + strlen ("region:") : NULL;

      add_unique (out, seen, *k);
      if (prefix == NULL)
        continue;
      if (regions == NULL)
        {
          regions = g_ptr_array_new_with_free_func (g_free);
          if (!server_store_query (store, "SELECT region FROM scope_regions", 0, NULL, add_region, regions, error))
            {
              g_ptr_array_unref (out);
              return NULL;
            }
        }
      for (guint i = 0; i < regions->len && out->len < SERVER_SCOPE_MAX_KEYS; i++)
        if (g_str_has_prefix (regions->pdata[i], prefix))
          {
            g_autofree char *key = server_scope_region_key (regions->pdata[i]);

            add_unique (out, seen, key);
          }
    }
  g_ptr_array_add (out, NULL);
  return out;
}

gboolean
server_store_changes (ServerStore       *store,
                      gint64             after,
                      guint              limit,
                      const char *const *keys,
                      const char        *scope_id,
                      GString           *out,
                      gint64            *last_seq,
                      GError           **error)
{
  gsize start = out->len;
  Page page = { out, start, limit, 0, after, FALSE };
  /* Read first: every change up to it is committed (numbers are drawn and
   * become visible in commit order), so a page that is not full has seen
   * them all, matching or not, and the cursor may pass them. */
  gint64 horizon = server_store_last_seq (store);
  gboolean ok;

  /* data was written by json_to_string and type is one of ours: both are
   * valid JSON as stored, so the page is assembled as text. */
  g_string_append (out, "{\"changes\":[");
  if (keys != NULL)
    {
      /* Read after the horizon: a region with a change up to it is listed. */
      g_autoptr(GPtrArray) expanded = expand_regions (store, keys, error);

      ok = expanded != NULL
           && store->backend->foreach_scoped (store, after, horizon, limit + 1, (const char *const *) expanded->pdata,
                                              add_to_page, &page, error);
    }
  else
    ok = store->backend->foreach_change (store, after, limit + 1, add_to_page, &page, error);
  if (!ok)
    {
      g_string_truncate (out, start);
      return FALSE;
    }
  if (!page.full)
    page.last = MAX (page.last, horizon);
  g_string_append_printf (out, "],\"last_seq\":%" G_GINT64_FORMAT ",\"more\":%s", page.last,
                          page.full ? "true" : "false");
  /* The id is ours: hex digits or a word. */
  if (scope_id != NULL)
    g_string_append_printf (out, ",\"scope\":\"%s\"", scope_id);
  g_string_append_c (out, '}');
  if (last_seq)
    *last_seq = page.last;
  return TRUE;
}

/* One record stored, or refused by the hook, under its own savepoint. */
static gboolean
add_record (ServerStore      *store,
            ServerRecord     *r,
            const char       *device,
            ServerRecordHook  hook,
            gpointer          hook_data,
            GError          **error)
{
  g_autoptr(GError) local = NULL;
  const ServerStoreBackend *b = store->backend;
  int stored;

  if (!b->savepoint (store, SERVER_SAVEPOINT_SET, error)
      || (stored = b->insert_record (store, r, device, error)) < 0)
    return FALSE;
  if (stored == 1 && hook && !hook (store, r, hook_data, &local))
    {
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!b->savepoint (store, SERVER_SAVEPOINT_ROLLBACK, error))
        return FALSE;
      r->refusal = g_strdup (local->message);
    }
  return b->savepoint (store, SERVER_SAVEPOINT_RELEASE, error);
}

gboolean
server_store_add_records (ServerStore      *store,
                          GPtrArray        *records,
                          const char       *device,
                          ServerRecordHook  hook,
                          gpointer          hook_data,
                          GError          **error)
{
  gboolean ok = TRUE;

  if (!begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < records->len; i++)
    ok = add_record (store, records->pdata[i], device, hook, hook_data, error);
  return finish (store, ok, error);
}

gboolean
server_store_query (ServerStore        *store,
                    const char         *sql,
                    int                 n_params,
                    const char *const  *params,
                    ServerRowFunc       func,
                    gpointer            user_data,
                    GError            **error)
{
  return store->backend->run (store, sql, (guint) n_params, params, func, user_data, error) >= 0;
}

gint64
server_store_count_records (ServerStore *store)
{
  return store->backend->count_records (store);
}

char *
server_store_product_owner (ServerStore *store,
                            const char  *product_id,
                            const char  *gtin)
{
  /* By id, else by GTIN: each an indexed lookup (an OR of both is a scan). */
  if (product_id != NULL)
    return server_store_entity_member (store, "product", "id", product_id, "producer_id");
  return server_store_entity_member (store, "product", "gtin", gtin, "producer_id");
}

char *
server_store_entity_member (ServerStore *store,
                            const char  *type,
                            const char  *key,
                            const char  *value,
                            const char  *member)
{
  if (value == NULL)
    return NULL;
  return store->backend->entity_member (store, type, key, value, member);
}

char *
server_store_batch_for_lot (ServerStore *store,
                            const char  *product_id,
                            const char  *lot)
{
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) now = NULL;
  JsonObject *o;

  if (product_id == NULL || lot == NULL
      || (id = store->backend->batch_for_lot (store, product_id, lot)) == NULL)
    return NULL;
  /* Feeds from before batches kept their lot may have moved it since. */
  text = server_store_entity_member (store, "batch", "id", id, NULL);
  now = text ? json_from_string (text, NULL) : NULL;
  o = now && JSON_NODE_HOLDS_OBJECT (now) ? json_node_get_object (now) : NULL;
  if (o == NULL || g_strcmp0 (json_object_get_string_member_with_default (o, "product_id", ""), product_id) != 0
      || g_strcmp0 (json_object_get_string_member_with_default (o, "lot", ""), lot) != 0)
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
server_store_unit_in_range (ServerStore *store,
                            const char  *product_id,
                            const char  *first,
                            const char  *last)
{
  g_return_val_if_fail (first != NULL && last != NULL && strlen (first) == strlen (last), TRUE);

  return product_id != NULL && store->backend->unit_in_range (store, product_id, first, last);
}
