/* server-epcis-query.c — GET /api/v1/epcis/events: stored events as an EPCIS
 * 2.0 EPCISDocument, written by the same code as the terminal's export, up to
 * N events after a change-feed sequence (?after=SEQ&limit=N) or for one EPC
 * (?epc=URI).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "export.h"

#include <string.h>

/* Pages of the change feed one request reads at most. */
#define MAX_PAGES 20

/* The events of one page of the change feed, each once, as they stand now. */
static gboolean
write_page (ServerContext *ctx,
            gint64         after,
            guint          limit,
            JsonBuilder   *b,
            gint64        *last_seq,
            gboolean      *more,
            guint         *n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *page;
  JsonArray *changes;

  if (!server_store_changes (ctx->store, after, limit, NULL, NULL, text, NULL)
      || !json_parser_load_from_data (parser, text->str, (gssize) text->len, NULL))
    return FALSE;
  page = json_node_get_object (json_parser_get_root (parser));
  changes = json_object_get_array_member (page, "changes");
  *last_seq = json_object_get_int_member (page, "last_seq");
  *more = json_object_get_boolean_member (page, "more");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *data = json_object_get_object_member (change, "data");
      const char *id = data ? json_object_get_string_member_with_default (data, "id", NULL) : NULL;

      if (g_strcmp0 (json_object_get_string_member (change, "type"), "event") != 0 || id == NULL
          || !g_hash_table_add (seen, (gpointer) id))
        continue;
      if (!suyuan_epcis_add_event (ctx->mirror, id, b, n, NULL))
        return FALSE;
    }
  return TRUE;
}

/* The events naming @epc: that unit, that lot, or that product. */
static gboolean
write_epc (ServerContext *ctx,
           ServerEpc     *epc,
           guint          limit,
           JsonBuilder   *b,
           guint         *n)
{
  server_epc_resolve (ctx->mirror, epc);
  if (epc->product_id == NULL || (epc->lot != NULL && epc->batch_id == NULL))
    return TRUE;  /* nothing known of it */
  return suyuan_epcis_add_events_of (ctx->mirror, epc->product_id, epc->serial,
                                     epc->lot ? epc->batch_id : NULL, limit, b, n, NULL);
}

static gboolean
int_param (GHashTable *query,
           const char *name,
           gint64      fallback,
           gint64      max,
           gint64     *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;

  *out = fallback;
  return text == NULL || g_ascii_string_to_signed (text, 10, name[0] == 'a' ? 0 : 1, max, out, NULL);
}

void
server_handle_epcis_events (ServerContext         *ctx,
                            SoupServerMessage     *msg,
                            GHashTable            *query,
                            const ServerPrincipal *who)
{
  const char *epc_uri = query ? g_hash_table_lookup (query, "epc") : NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 after, limit, last_seq = 0;
  gboolean more = FALSE, ok;
  ServerEpc epc = { 0 };
  guint n = 0;

  if (!int_param (query, "after", 0, G_MAXINT64, &after) || !int_param (query, "limit", 1000, SERVER_API_MAX_PAGE, &limit))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "after and limit must be whole numbers (limit 1..5000)");
      return;
    }
  if (epc_uri != NULL && !server_epc_parse (epc_uri, &epc, &error))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    {
      g_warning ("epcis events: %s", error->message);
      server_epc_clear (&epc);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  suyuan_epcis_begin (b);
  if (epc_uri != NULL)
    ok = write_epc (ctx, &epc, (guint) limit, b, &n);
  else
    {
      /* Up to @limit events; pages of other changes are skipped, a bounded
       * number per request so one call never reads the whole feed. */
      last_seq = after;
      more = TRUE;
      ok = TRUE;
      for (guint pages = 0; ok && more && n < limit && pages < MAX_PAGES; pages++)
        ok = write_page (ctx, last_seq, (guint) (limit - n), b, &last_seq, &more, &n);
    }
  suyuan_epcis_end (b);
  server_epc_clear (&epc);
  if (!ok)
    {
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  if (epc_uri == NULL)
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq);

      /* Paging beside the document, which stays a plain EPCISDocument. */
      soup_message_headers_replace (headers, "X-Suyuan-Last-Seq", seq);
      if (more)
        {
          g_autofree char *link = g_strdup_printf ("</api/v1/epcis/events?after=%" G_GINT64_FORMAT "&limit=%"
                                                   G_GINT64_FORMAT ">; rel=\"next\"", last_seq, limit);

          soup_message_headers_replace (headers, "Link", link);
        }
    }
  server_reply_json (msg, SOUP_STATUS_OK, b);
}
