/* server-api.c — request handlers. Every reply is JSON; errors carry
 * {"error": "..."} with a status that says whose fault it was.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-reply.h"

#include <stdlib.h>

static void
handle_health (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ServerStore *store = ((ServerContext *) user_data)->store;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!server_require_method (msg, "GET"))
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "last_seq");
  json_builder_add_int_value (b, server_store_last_seq (store));
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}

static gboolean
parse_int_param (GHashTable *query,
                 const char *name,
                 gint64      fallback,
                 gint64      min,
                 gint64      max,
                 gint64     *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

static void
handle_changes (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  ServerStore *store = ((ServerContext *) user_data)->store;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 after, limit;

  if (!server_require_method (msg, "GET"))
    return;
  if (!parse_int_param (query, "after", 0, 0, G_MAXINT64, &after)
      || !parse_int_param (query, "limit", 1000, 1, SERVER_API_MAX_PAGE, &limit))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "after and limit must be whole numbers (limit 1..5000)");
      return;
    }
  if (!server_store_changes (store, after, (guint) limit, b, &error))
    {
      g_warning ("changes: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  server_reply_json (msg, SOUP_STATUS_OK, b);
}

static void
handle_not_found (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such endpoint");
}

/* Runs once the headers are in, before the body is read: an oversized or
 * unsized upload is refused without buffering it. */
static void
check_body_size (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  ServerContext *ctx = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  if (g_strcmp0 (method, "POST") != 0 && g_strcmp0 (method, "PUT") != 0)
    return;
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    {
      server_reply_error (msg, SOUP_STATUS_LENGTH_REQUIRED, "uploads need a Content-Length");
      return;
    }
  if ((guint64) soup_message_headers_get_content_length (headers) > ctx->max_body)
    server_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request body too large");
}

void
server_api_install (SoupServer    *server,
                    ServerContext *ctx)
{
  /* libsoup keeps one early handler per path, beside the normal one. */
  soup_server_add_early_handler (server, NULL, check_body_size, ctx, NULL);
  soup_server_add_early_handler (server, "/api/v1/records", check_body_size, ctx, NULL);
  soup_server_add_handler (server, NULL, handle_not_found, NULL, NULL);
  soup_server_add_handler (server, "/api/v1/health", handle_health, ctx, NULL);
  soup_server_add_handler (server, "/api/v1/changes", handle_changes, ctx, NULL);
  soup_server_add_handler (server, "/api/v1/records", server_handle_records, ctx, NULL);
}
