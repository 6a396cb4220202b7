/* server-epcis-query.c — GET /api/v1/epcis/events: events as an EPCIS 2.0
 * EPCISDocument, up to N events after a change-feed sequence
 * (?after=SEQ&limit=N), for one EPC (?epc=URI), or every captured event in
 * capture order (?source=capture&cursor=C&limit=N). A captured event comes
 * back as it was sent; the terminals' own events are written by the same
 * code as the terminal's export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "server-epcis-validate.h"
#include "server-epcis-write.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "export.h"

#include <string.h>

/* Pages of the change feed one request reads at most. */
#define MAX_PAGES 20

/* The events of one page of the change feed, each once, as they stand now. */
/* An event change (@event) derived from a captured event: the event as
 * sent stands for it, written at the first change it derived. TRUE when
 * handled. */
static gboolean
write_captured (ServerContext      *ctx,
                JsonObject         *event,
                JsonBuilder        *b,
                ServerEpcisContext *context,
                guint              *n)
{
  JsonObject *ours = server_epcis_object (event, "data");
  JsonObject *epcis = ours ? server_epcis_object (ours, "epcis") : NULL;
  JsonNode *stored = epcis ? json_object_get_member (epcis, "stored") : NULL;
  g_autoptr(ServerEpcisEvent) sent = NULL;

  if (stored == NULL || !JSON_NODE_HOLDS_VALUE (stored) || json_node_get_value_type (stored) != G_TYPE_STRING)
    return FALSE;
  if (!json_object_get_boolean_member_with_default (epcis, "first", FALSE))
    return TRUE;
  if ((sent = server_store_epcis_get (ctx->store, json_node_get_string (stored))) == NULL)
    return FALSE;
  server_epcis_add_stored (b, sent, context);
  (*n)++;
  return TRUE;
}

static gboolean
write_page (ServerContext      *ctx,
            gint64              after,
            guint               limit,
            JsonBuilder        *b,
            ServerEpcisContext *context,
            gint64             *last_seq,
            gboolean           *more,
            guint              *n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *page;
  JsonArray *changes;

  if (!server_store_changes (ctx->store, after, limit, NULL, NULL, text, NULL, NULL)
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
      if (write_captured (ctx, data, b, context, n))
        continue;
      if (!suyuan_epcis_add_event (ctx->mirror, id, b, n, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Up to @limit captured events @query finds after @cursor. */
static gboolean
write_stored (ServerContext          *ctx,
              const ServerEpcisQuery *query,
              const char             *cursor,
              guint                   limit,
              JsonBuilder            *b,
              ServerEpcisContext     *context,
              char                  **next,
              guint                  *n,
              GError                **error)
{
  g_autoptr(GPtrArray) events = server_store_epcis_query (ctx->store, query, cursor, limit, next, error);

  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    server_epcis_add_stored (b, events->pdata[i], context);
  *n += events->len;
  return TRUE;
}

/* The events naming @uri: captured ones as sent (by any role, in either
 * form of a GS1 key), then ours of that unit, lot or product. */
static gboolean
write_epc (ServerContext      *ctx,
           const char         *uri,
           ServerEpc          *epc,
           guint               limit,
           JsonBuilder        *b,
           ServerEpcisContext *context,
           guint              *n)
{
  const char *values[] = { uri, NULL };
  ServerEpcisMatch match = { SERVER_EPCIS_ROLES_ALL & ~(SERVER_EPCIS_ROLE_READ_POINT | SERVER_EPCIS_ROLE_BIZ_LOCATION),
                             values };
  ServerEpcisQuery query = { .matches = &match, .n_matches = 1, .by_event_time = TRUE, .captured_only = TRUE };
  g_autofree char *next = NULL;

  if (!write_stored (ctx, &query, NULL, limit, b, context, &next, n, NULL))
    return FALSE;
  if (*n >= limit || (epc->gtin == NULL && epc->product_id == NULL))
    return TRUE;
  limit -= *n;
  server_epc_resolve (ctx->mirror, epc);
  if (epc->product_id == NULL || (epc->lot != NULL && epc->batch_id == NULL))
    return TRUE;  /* nothing known of it */
  return suyuan_epcis_add_events_of (ctx->mirror, epc->product_id, epc->serial,
                                     epc->lot ? epc->batch_id : NULL, limit, b, n, NULL);
}

/* The document with the captured events' namespaces in its @context. */
static void
reply_document (SoupServerMessage  *msg,
                JsonBuilder        *b,
                ServerEpcisContext *context)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *built = NULL;
  char *text;

  server_epcis_finish_context (root, context);
  json_generator_set_root (gen, root);
  built = json_generator_to_data (gen, NULL);
  if ((text = server_epcis_splice (built, context)) == NULL)
    {
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "could not write the document");
      return;
    }
  server_reply_text (msg, SOUP_STATUS_OK, text, strlen (text));
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

/* ?source=capture: every captured event, in capture order, a page at a time. */
static gboolean
write_captured_page (ServerContext      *ctx,
                     SoupServerMessage  *msg,
                     const char         *cursor,
                     guint               limit,
                     JsonBuilder        *b,
                     ServerEpcisContext *context,
                     guint              *n,
                     GError            **error)
{
  ServerEpcisQuery query = { .captured_only = TRUE };
  g_autofree char *next = NULL;

  if (!write_stored (ctx, &query, cursor, limit, b, context, &next, n, error))
    return FALSE;
  if (next != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (next, NULL, FALSE);
      g_autofree char *link = g_strdup_printf ("</api/v1/epcis/events?source=capture&cursor=%s&limit=%u>; rel=\"next\"",
                                               escaped, limit);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
    }
  return TRUE;
}

void
server_handle_epcis_events (ServerContext         *ctx,
                            SoupServerMessage     *msg,
                            GHashTable            *query,
                            const ServerPrincipal *who)
{
  const char *epc_uri = query ? g_hash_table_lookup (query, "epc") : NULL;
  const char *source = query ? g_hash_table_lookup (query, "source") : NULL;
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gint64 after, limit, last_seq = 0;
  gboolean more = FALSE, ok;
  ServerEpcisContext context;
  ServerEpc epc = { 0 };
  guint n = 0;

  if (!int_param (query, "after", 0, G_MAXINT64, &after) || !int_param (query, "limit", 1000, SERVER_API_MAX_PAGE, &limit))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "after and limit must be whole numbers (limit 1..5000)");
      return;
    }
  if (source != NULL && strcmp (source, "capture") != 0)
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "source may only be “capture”");
      return;
    }
  /* Any URI may name what a captured event names; ours must parse. */
  if (epc_uri != NULL && !server_epc_parse (epc_uri, &epc, &error) && !server_epcis_is_uri (epc_uri))
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
  g_clear_error (&error);
  server_epcis_context_init (&context);
  suyuan_epcis_begin (b);
  if (source != NULL)
    ok = write_captured_page (ctx, msg, cursor, (guint) limit, b, &context, &n, &error);
  else if (epc_uri != NULL)
    ok = write_epc (ctx, epc_uri, &epc, (guint) limit, b, &context, &n);
  else
    {
      /* Up to @limit events; pages of other changes are skipped, a bounded
       * number per request so one call never reads the whole feed. */
      last_seq = after;
      more = TRUE;
      ok = TRUE;
      for (guint pages = 0; ok && more && n < limit && pages < MAX_PAGES; pages++)
        ok = write_page (ctx, last_seq, (guint) (limit - n), b, &context, &last_seq, &more, &n);
    }
  suyuan_epcis_end (b);
  server_epc_clear (&epc);
  if (!ok)
    {
      gboolean bad = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

      server_epcis_context_clear (&context);
      server_reply_error (msg, bad ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                          bad ? error->message : "storage error");
      return;
    }
  if (epc_uri == NULL && source == NULL)
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
  reply_document (msg, b, &context);
  server_epcis_context_clear (&context);
}
