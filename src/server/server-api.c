/* server-api.c — request handlers. Every reply is JSON; errors carry
 * {"error": "..."} with a status that says whose fault it was.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"

#include <stdlib.h>

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize len = 0;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  reply_json (msg, status, b);
}

static gboolean
require_method (SoupServerMessage *msg,
                const char        *method)
{
  if (g_strcmp0 (soup_server_message_get_method (msg), method) == 0)
    return TRUE;
  reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
  return FALSE;
}

static void
handle_health (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ServerStore *store = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!require_method (msg, "GET"))
    return;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "last_seq");
  json_builder_add_int_value (b, server_store_last_seq (store));
  json_builder_end_object (b);
  reply_json (msg, SOUP_STATUS_OK, b);
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
  ServerStore *store = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 after, limit;

  if (!require_method (msg, "GET"))
    return;
  if (!parse_int_param (query, "after", 0, 0, G_MAXINT64, &after)
      || !parse_int_param (query, "limit", 1000, 1, SERVER_API_MAX_PAGE, &limit))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "after and limit must be whole numbers (limit 1..5000)");
      return;
    }
  if (!server_store_changes (store, after, (guint) limit, b, &error))
    {
      g_warning ("changes: %s", error->message);
      reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  reply_json (msg, SOUP_STATUS_OK, b);
}

static void
handle_not_found (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such endpoint");
}

void
server_api_install (SoupServer  *server,
                    ServerStore *store)
{
  soup_server_add_handler (server, NULL, handle_not_found, NULL, NULL);
  soup_server_add_handler (server, "/api/v1/health", handle_health, store, NULL);
  soup_server_add_handler (server, "/api/v1/changes", handle_changes, store, NULL);
}
