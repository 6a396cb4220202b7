/* sync-client.c — the pull half of sync (GET /api/v1/changes).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"
#include "http-client.h"

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

/* Applies one page in one transaction; returns the number applied or -1. */
static gint64
apply_page (SuyuanStore *store,
            JsonObject  *page,
            gint64      *cursor,
            gboolean    *more,
            GError     **error)
{
  JsonArray *changes;
  gint64 last_seq;
  guint n;

  if (!json_object_has_member (page, "changes") || !json_object_has_member (page, "last_seq")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (page, "changes")))
    {
      protocol_error (error, "changes/last_seq");
      return -1;
    }
  changes = json_object_get_array_member (page, "changes");
  last_seq = json_object_get_int_member (page, "last_seq");
  *more = json_object_get_boolean_member_with_default (page, "more", FALSE);
  n = json_array_get_length (changes);
  if (last_seq < *cursor || (n > 0 && last_seq == *cursor))
    {
      protocol_error (error, "sequence went backwards");
      return -1;
    }

  if (!suyuan_store_begin (store, error))
    return -1;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      JsonObject *change;
      JsonNode *data;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto malformed;
      change = json_node_get_object (node);
      data = json_object_get_member (change, "data");
      if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
        goto malformed;
      if (!suyuan_store_apply_entity (store, json_object_get_string_member_with_default (change, "type", ""),
                                      json_node_get_object (data), error))
        goto failed;
    }
  if (!suyuan_store_set_cursor (store, last_seq, error) || !suyuan_store_commit (store, error))
    goto failed;
  *cursor = last_seq;
  return n;

malformed:
  protocol_error (error, "change entry");
failed:
  suyuan_store_rollback (store);
  return -1;
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
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data;
      JsonNode *root;
      gint64 n;

      body = suyuan_http_request_retry ("GET", url, token, NULL, NULL, error);
      if (body == NULL)
        return FALSE;
      data = g_bytes_get_data (body, &len);
      if (!json_parser_load_from_data (parser, data, (gssize) len, NULL)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        return protocol_error (error, _("not JSON"));
      n = apply_page (store, json_node_get_object (root), &cursor, &more, error);
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
