/* server-refuse.c — see server-refuse.h. libsoup reads a request's whole body
 * before it writes any reply, even one decided from the headers, so a 1 GiB
 * upload without a token would be read (and kept) to the end before its 401.
 * Here the reply is written on the stolen connection instead, the little the
 * client already sent is drained for a moment (closing with unread bytes
 * would reset the connection and lose the reply), and the connection closed.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-refuse.h"

/* What is drained after the reply before closing, at most. */
#define DRAIN_BYTES (256 * 1024)
#define DRAIN_MS 2000

typedef struct {
  GIOStream    *stream;
  GCancellable *cancel;
  guint         timeout_id;
  gsize         drained;
  char          buf[16384];
} Refusal;

static void
refusal_finish (Refusal *r)
{
  g_clear_handle_id (&r->timeout_id, g_source_remove);
  g_cancellable_cancel (r->cancel);
  g_io_stream_close (r->stream, NULL, NULL);
  g_object_unref (r->cancel);
  g_object_unref (r->stream);
  g_free (r);
}

static gboolean
drain_timeout (gpointer data)
{
  Refusal *r = data;

  r->timeout_id = 0;
  /* The pending read ends cancelled and finishes the refusal. */
  g_cancellable_cancel (r->cancel);
  return G_SOURCE_REMOVE;
}

static void
drained (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Refusal *r = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (r->drained += (gsize) n) >= DRAIN_BYTES || g_cancellable_is_cancelled (r->cancel))
    {
      refusal_finish (r);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->buf, sizeof r->buf,
                             G_PRIORITY_LOW, r->cancel, drained, r);
}

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Refusal *r = data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      refusal_finish (r);
      return;
    }
  r->timeout_id = g_timeout_add (DRAIN_MS, drain_timeout, r);
  g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->buf, sizeof r->buf,
                             G_PRIORITY_LOW, r->cancel, drained, r);
}

static GBytes *
serialize_reply (SoupServerMessage *msg)
{
  guint status = soup_server_message_get_status (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  GString *out = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize len;
  gconstpointer data = g_bytes_get_data (body, &len);

  g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Content-Length") != 0 && g_ascii_strcasecmp (name, "Connection") != 0)
        g_string_append_printf (out, "%s: %s\r\n", name, value);
    }
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", len);
  g_string_append_len (out, data, (gssize) len);
  return g_string_free_to_bytes (out);
}

gboolean
server_refuse_has_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), FALSE);

  headers = soup_server_message_get_request_headers (msg);
  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > 0;
    case SOUP_ENCODING_NONE:
      return FALSE;
    default:
      return TRUE;
    }
}

void
server_refuse_now (SoupServerMessage *msg)
{
  g_autoptr(GBytes) reply = NULL;
  Refusal *r;
  GIOStream *stream;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  reply = serialize_reply (msg);
  if ((stream = soup_server_message_steal_connection (msg)) == NULL)
    return;
  r = g_new0 (Refusal, 1);
  r->stream = stream;
  r->cancel = g_cancellable_new ();
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                   G_PRIORITY_DEFAULT, r->cancel, written, r);
  /* write_all_async copies nothing: the bytes must outlive the write. */
  g_object_set_data_full (G_OBJECT (stream), "suyuan-refusal", g_steal_pointer (&reply),
                          (GDestroyNotify) g_bytes_unref);
}
