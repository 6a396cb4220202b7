/* server-reply.c — see server-reply.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-reply.h"

#include <gio/gio.h>
#include <string.h>

/* Smaller bodies gain nothing from compression. */
#define GZIP_MIN_BYTES 1024

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return soup_message_headers_header_contains (headers, "Accept-Encoding", "gzip");
}

static GBytes *
gzip_bytes (const char *data,
            gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  if (!g_output_stream_write_all (out, data, len, NULL, NULL, NULL)
      || !g_output_stream_close (out, NULL, NULL))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

void
server_reply_text (SoupServerMessage *msg,
                   guint              status,
                   char              *text,
                   gsize              len)
{
  g_autoptr(GBytes) packed = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_append (headers, "Vary", "Accept-Encoding");
  if (len >= GZIP_MIN_BYTES && accepts_gzip (msg) && (packed = gzip_bytes (text, len)) != NULL)
    {
      gsize packed_len;
      gconstpointer data = g_bytes_get_data (packed, &packed_len);

      g_free (text);
      soup_message_headers_append (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, packed_len);
      return;
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

void
server_reply_json (SoupServerMessage *msg,
                   guint              status,
                   JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize len = 0;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  server_reply_text (msg, status, text, len);
}

void
server_reply_error (SoupServerMessage *msg,
                    guint              status,
                    const char        *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  server_reply_json (msg, status, b);
}

gboolean
server_require_method (SoupServerMessage *msg,
                       const char        *method)
{
  if (g_strcmp0 (soup_server_message_get_method (msg), method) == 0)
    return TRUE;
  server_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
  return FALSE;
}

void
server_json_member_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
