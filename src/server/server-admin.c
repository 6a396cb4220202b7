/* server-admin.c — POST /api/v1/admin/alerts (admin tokens only): sampling
 * results, recalls and holds as CSV or JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-alerts.h"
#include "server-api.h"
#include "server-reply.h"

#include <gio/gio.h>

void
server_handle_admin_alerts (ServerContext         *ctx,
                            SoupServerMessage     *msg,
                            GHashTable            *query,
                            const ServerPrincipal *who)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = g_bytes_get_data (bytes, NULL);
  gsize len = g_bytes_get_size (bytes);
  guint n_alerts = 0, n_changes = 0;

  alerts = g_strcmp0 (type, "text/csv") == 0 ? server_alerts_from_csv (text, len, &error)
                                              : server_alerts_from_json (text, len, &error);
  if (alerts == NULL || !server_alerts_import (ctx->store, alerts, &n_alerts, &n_changes, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) && error->domain != JSON_PARSER_ERROR)
        {
          g_warning ("admin alerts: %s", error->message);
          server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
          return;
        }
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "imported");
  json_builder_add_int_value (b, n_alerts);
  json_builder_set_member_name (b, "changes");
  json_builder_add_int_value (b, n_changes);
  json_builder_set_member_name (b, "last_seq");
  json_builder_add_int_value (b, server_store_last_seq (ctx->store));
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}
