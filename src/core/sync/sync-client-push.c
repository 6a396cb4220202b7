/* sync-client-push.c — the push half of sync (POST /api/v1/records).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"
#include "json-depth.h"
#include "http-client.h"
#include "outbox.h"

#include <glib/gi18n-lib.h>

/* The bodies are stored as JSON text already: splice them, no re-encoding. */
static GBytes *
build_request (GPtrArray *items)
{
  GString *text = g_string_new ("{\"records\":[");

  for (guint i = 0; i < items->len; i++)
    {
      SuyuanOutboxItem *item = items->pdata[i];

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, item->body);
    }
  g_string_append (text, "]}");
  return g_string_free_to_bytes (text);
}

/* The UUIDs of @items the reply acknowledges; NULL if the reply is malformed. */
static GHashTable *
parse_reply (GBytes    *reply,
             GPtrArray *items,
             guint     *n_rejected,
             GError   **error)
{
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (reply, &len);
  JsonNode *root, *list;
  JsonArray *array;

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (sent, ((SuyuanOutboxItem *) items->pdata[i])->uuid);
  if (!suyuan_json_depth_within (data, len, SUYUAN_JSON_MAX_DEPTH)
      || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (list = json_object_get_member (json_node_get_object (root), "acknowledged")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL,
                   _("The server sent a malformed answer to an upload"));
      return NULL;
    }
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *uuid = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      /* Only what we sent: a confused server must not clear other rows. */
      if (uuid != NULL && g_hash_table_contains (sent, uuid))
        g_hash_table_add (acked, g_strdup (uuid));
    }
  *n_rejected = items->len - g_hash_table_size (acked);
  return g_steal_pointer (&acked);
}

gboolean
suyuan_sync_push (SuyuanStore            *store,
                  const char             *base_url,
                  const char             *token,
                  SuyuanSyncPushProgress  progress,
                  gpointer                user_data,
                  guint64                *n_sent,
                  guint64                *n_rejected,
                  GError                **error)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/records", base_url);
  gint64 pending = suyuan_outbox_count_pending (store);
  guint64 total = pending > 0 ? (guint64) pending : 0;
  guint64 sent = 0, rejected = 0;
  gint64 after = 0;
  g_autofree char *own_token = NULL;

  if (token == NULL)
    {
      if (!suyuan_sync_default_token (&own_token, error))
        return FALSE;
      token = own_token;
    }

  for (;;)
    {
      g_autoptr(GPtrArray) items = suyuan_outbox_next_batch (store, after, SUYUAN_SYNC_PUSH_BATCH, error);
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GHashTable) acked = NULL;
      guint n_marked = 0, n_refused = 0;

      if (items == NULL)
        return FALSE;
      if (items->len == 0)
        break;
      after = ((SuyuanOutboxItem *) items->pdata[items->len - 1])->rowid;
      request = build_request (items);
      reply = suyuan_http_request_retry ("POST", url, token, request, NULL, error);
      if (reply == NULL)
        return FALSE;
      acked = parse_reply (reply, items, &n_refused, error);
      if (acked == NULL || !suyuan_outbox_mark_sent (store, acked, &n_marked, error))
        return FALSE;
      sent += n_marked;
      rejected += n_refused;
      if (progress)
        progress (sent, total, user_data);
    }
  if (n_sent)
    *n_sent = sent;
  if (n_rejected)
    *n_rejected = rejected;
  return TRUE;
}
