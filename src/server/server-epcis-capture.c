/* server-epcis-capture.c — POST /api/v1/epcis/capture: an EPCIS 2.0 JSON-LD
 * EPCISDocument from another traceability system. Every event is checked
 * before any is stored; then all are stored in one transaction, each once
 * however often the document is sent.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "server-epcis-validate.h"
#include "server-data-rules.h"
#include "server-batches.h"
#include "server-budget.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "store-keys.h"

#include <string.h>

typedef struct {
  GPtrArray *events;     /* JsonObject, ours, not held yet, in document order */
  GPtrArray *batches;
  GPtrArray *units;
  guint appended;
  GPtrArray *stored;     /* ServerEpcisEvent, the events as sent */
  guint n_stored;
} Capture;

/* Batches, then units, then the events that name them, as terminals apply them. */
static gboolean
append_all (ServerStore *store,
            gpointer     user_data,
            GError     **error)
{
  Capture *capture = user_data;

  /* The events as sent first: each once by eventID. */
  capture->n_stored = 0;
  for (guint i = 0; i < capture->stored->len; i++)
    {
      int stored = server_store_epcis_insert (store, capture->stored->pdata[i], error);

      if (stored < 0)
        return FALSE;
      capture->n_stored += (guint) stored;
    }
  for (guint i = 0; i < capture->batches->len; i++)
    {
      JsonObject *batch = capture->batches->pdata[i];

      /* The mirror said the lot is new; the feed has the last word. */
      if (!server_batch_check (store, json_object_get_string_member (batch, "id"),
                               json_object_get_string_member (batch, "product_id"),
                               json_object_get_string_member (batch, "lot"), error)
          || !server_store_append (store, "batch", batch, error))
        return FALSE;
    }
  for (guint i = 0; i < capture->units->len; i++)
    if (!server_store_append (store, "unit", capture->units->pdata[i], error))
      return FALSE;
  for (guint i = 0; i < capture->events->len; i++)
    if (!server_store_append (store, "event", capture->events->pdata[i], error))
      return FALSE;
  capture->appended = capture->events->len;
  return TRUE;
}

/* The document's eventList, or NULL with *why saying what is wrong. */
static JsonArray *
event_list (JsonNode    *root,
            const char **why)
{
  JsonObject *doc, *body;
  JsonNode *list;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return (*why = "the body is not a JSON object", NULL);
  doc = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "EPCISDocument") != 0)
    return (*why = "the body is not an EPCISDocument (its type must be \"EPCISDocument\")", NULL);
  if (!json_object_has_member (doc, "epcisBody")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (doc, "epcisBody")))
    return (*why = "epcisBody is missing", NULL);
  body = json_object_get_object_member (doc, "epcisBody");
  list = json_object_get_member (body, "eventList");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return (*why = "epcisBody.eventList is missing or not an array", NULL);
  if (json_array_get_length (json_node_get_array (list)) > SERVER_EPCIS_MAX_EVENTS)
    return (*why = "at most 10000 events per capture", NULL);
  return json_node_get_array (list);
}

/* A context as JSON-LD has it: a URL, an object, or a list of them. */
static gboolean
context_ok (JsonNode *context)
{
  g_autofree char *text = json_to_string (context, FALSE);

  if (strlen (text) > 64 * 1024)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (context))
    {
      JsonArray *array = json_node_get_array (context);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *entry = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (entry) && json_node_get_value_type (entry) != G_TYPE_STRING)
            return FALSE;
        }
      return TRUE;
    }
  return JSON_NODE_HOLDS_OBJECT (context) || json_node_get_value_type (context) == G_TYPE_STRING;
}

/* An event the mirror holds already, or an earlier one of this document. */
static gboolean
already_held (SuyuanStore *mirror,
              GHashTable  *seen,
              const char  *id)
{
  if (!g_hash_table_add (seen, g_strdup (id)))
    return TRUE;
  return suyuan_store_has_event (mirror, id, NULL);
}

static gboolean
map_events (SuyuanStore           *mirror,
            const ServerPrincipal *who,
            JsonArray             *list,
            GPtrArray             *stored,
            ServerEpcisOut        *out,
            GError               **error)
{
  guint max = who->role == SERVER_ROLE_ADMIN ? SERVER_EPCIS_MAX_ITEMS : SERVER_EPCIS_MAX_PARTY_ITEMS;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      ServerEpcisEvent *event = stored->pdata[i];

      if (!server_epcis_map_event (mirror, who, json_array_get_element (list, i), i, event->event_id, out, error))
        return FALSE;
      if (out->events->len > max)
        return server_epcis_fault (error, G_IO_ERROR_INVALID_DATA, "at most %u items per capture by this role", max);
    }
  /* Units it brings into being count against the token's day, as registrations do. */
  if (who->role != SERVER_ROLE_ADMIN && !server_budget_allows (who->name, out->units->len))
    return server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                               "budget: this token has registered all the units it may register today");
  return TRUE;
}

static void
reply_counts (SoupServerMessage *msg,
              ServerStore       *store,
              guint              n_epcis,
              guint              n_stored,
              guint              n_events,
              guint              duplicates)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "captured");
  json_builder_add_int_value (b, n_epcis);
  /* EPCIS events stored as sent; the rest were held already (same eventID). */
  json_builder_set_member_name (b, "stored");
  json_builder_add_int_value (b, n_stored);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, n_events);
  json_builder_set_member_name (b, "duplicates");
  json_builder_add_int_value (b, duplicates);
  json_builder_set_member_name (b, "last_seq");
  json_builder_add_int_value (b, server_store_last_seq (store));
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}

void
server_handle_epcis_capture (ServerContext         *ctx,
                             SoupServerMessage     *msg,
                             GHashTable            *query,
                             const ServerPrincipal *who)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) mapped = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) fresh_batches = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_batches = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) raw = NULL;
  ServerEpcisOut out = { mapped, batches, units };
  Capture capture = { fresh, fresh_batches, units, 0, NULL, 0 };
  const char *why = NULL;
  JsonArray *list;
  JsonNode *context;

  if (server_data_holds_nul (bytes))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "text may not hold \\u0000 (NUL)");
      return;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error))
    {
      g_autofree char *message = g_strdup_printf ("the body is not JSON: %s", error->message);

      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return;
    }
  if ((list = event_list (json_parser_get_root (parser), &why)) == NULL)
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, why);
      return;
    }
  /* Every event checked before any is stored: one fault refuses the whole. */
  context = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "@context");
  if (context != NULL && !context_ok (context))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "@context is not a JSON-LD context of at most 64 KiB");
      return;
    }
  raw = server_epcis_raw_events (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if ((stored = server_epcis_read_events (list, raw, context, &error)) == NULL)
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  capture.stored = stored;
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    {
      g_warning ("epcis capture: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  /* One read snapshot of the mirror for every check: a lock per query cost
   * more than the queries (100,000 items took 20 s). */
  suyuan_store_begin_read (ctx->mirror, NULL);
  if (!map_events (ctx->mirror, who, list, stored, &out, &error))
    {
      gboolean denied = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);

      suyuan_store_commit (ctx->mirror, NULL);
      server_reply_error (msg, denied ? SOUP_STATUS_FORBIDDEN : SOUP_STATUS_BAD_REQUEST,
                          error->message);
      return;
    }
  for (guint i = 0; i < mapped->len; i++)
    if (!already_held (ctx->mirror, seen, json_object_get_string_member (mapped->pdata[i], "id")))
      g_ptr_array_add (fresh, mapped->pdata[i]);
  suyuan_store_commit (ctx->mirror, NULL);
  /* Made from product and lot: one per lot however many events name it. */
  for (guint i = 0; i < batches->len; i++)
    if (g_hash_table_add (seen_batches, (gpointer) json_object_get_string_member (batches->pdata[i], "id")))
      g_ptr_array_add (fresh_batches, batches->pdata[i]);
  if (!server_store_transaction (ctx->store, append_all, &capture, &error))
    {
      /* The data rules every stored object passes (server-data-rules.h). */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        {
          server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }
      g_warning ("epcis capture: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  if (who->role != SERVER_ROLE_ADMIN)
    server_budget_spend (who->name, units->len);
  reply_counts (msg, ctx->store, json_array_get_length (list), capture.n_stored, capture.appended,
                mapped->len - fresh->len);
}
