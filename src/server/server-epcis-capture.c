/* server-epcis-capture.c — POST /api/v1/epcis/capture: an EPCIS 2.0 JSON-LD
 * EPCISDocument from another traceability system. Every event is checked
 * before any is stored; then all are stored in one transaction, each once
 * however often the document is sent.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "server-epcis-rest.h"
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

static gboolean
fault (GError    **error,
       gint        code,
       const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, code, message);
  return FALSE;
}

gboolean
server_epcis_capture (ServerStore           *store,
                      SuyuanStore           *mirror,
                      const ServerPrincipal *who,
                      GBytes                *bytes,
                      ServerEpcisCaptured   *counts,
                      GError               **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) mapped = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) fresh_batches = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_batches = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GError) local = NULL;
  ServerEpcisOut out = { mapped, batches, units };
  Capture capture = { fresh, fresh_batches, units, 0, NULL, 0 };
  const char *why = NULL;
  JsonArray *list;
  JsonNode *context;
  gboolean ok;

  if (server_data_holds_nul (bytes))
    return fault (error, G_IO_ERROR_INVALID_DATA, "text may not hold \\u0000 (NUL)");
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the body is not JSON: %s", local->message);
      return FALSE;
    }
  if ((list = event_list (json_parser_get_root (parser), &why)) == NULL)
    return fault (error, G_IO_ERROR_INVALID_DATA, why);
  /* Every event checked before any is stored: one fault refuses the whole. */
  context = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "@context");
  if (context != NULL && !context_ok (context))
    return fault (error, G_IO_ERROR_INVALID_DATA, "@context is not a JSON-LD context of at most 64 KiB");
  raw = server_epcis_raw_events (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if ((stored = server_epcis_read_events (list, raw, context, &local)) == NULL)
    return fault (error, G_IO_ERROR_INVALID_DATA, local->message);
  capture.stored = stored;
  if (!server_mirror_catch_up (mirror, store, error))
    return FALSE;
  /* One read snapshot of the mirror for every check: a lock per query cost
   * more than the queries (100,000 items took 20 s). */
  suyuan_store_begin_read (mirror, NULL);
  ok = map_events (mirror, who, list, stored, &out, error);
  for (guint i = 0; ok && i < mapped->len; i++)
    if (!already_held (mirror, seen, json_object_get_string_member (mapped->pdata[i], "id")))
      g_ptr_array_add (fresh, mapped->pdata[i]);
  suyuan_store_commit (mirror, NULL);
  if (!ok)
    return FALSE;
  /* Made from product and lot: one per lot however many events name it. */
  for (guint i = 0; i < batches->len; i++)
    if (g_hash_table_add (seen_batches, (gpointer) json_object_get_string_member (batches->pdata[i], "id")))
      g_ptr_array_add (fresh_batches, batches->pdata[i]);
  /* The data rules every stored object passes (server-data-rules.h) fail
   * with G_IO_ERROR_INVALID_DATA. */
  if (!server_store_transaction (store, append_all, &capture, error))
    return FALSE;
  if (who->role != SERVER_ROLE_ADMIN)
    server_budget_spend (who->name, units->len);
  counts->captured = json_array_get_length (list);
  counts->stored = capture.n_stored;
  counts->events = capture.appended;
  counts->duplicates = mapped->len - fresh->len;
  return TRUE;
}

guint
server_epcis_capture_status (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return SOUP_STATUS_BAD_REQUEST;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return SOUP_STATUS_FORBIDDEN;
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

void
server_epcis_reply_capture (SoupServerMessage         *msg,
                            ServerStore               *store,
                            const ServerEpcisCaptured *counts,
                            const GError              *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (error != NULL)
    {
      guint status = server_epcis_capture_status (error);

      if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
        g_warning ("epcis capture: %s", error->message);
      server_reply_error (msg, status, status == SOUP_STATUS_INTERNAL_SERVER_ERROR ? "storage error" : error->message);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "captured");
  json_builder_add_int_value (b, counts->captured);
  /* EPCIS events stored as sent; the rest were held already (same eventID). */
  json_builder_set_member_name (b, "stored");
  json_builder_add_int_value (b, counts->stored);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, counts->events);
  json_builder_set_member_name (b, "duplicates");
  json_builder_add_int_value (b, counts->duplicates);
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
  g_autoptr(GError) error = NULL;
  ServerEpcisCaptured counts = { 0 };

  /* On the capture thread, so the server keeps answering meanwhile. */
  if (ctx->db_path != NULL)
    {
      server_capture_in_thread (ctx, msg, who, bytes);
      return;
    }
  server_epcis_capture (ctx->store, ctx->mirror, who, bytes, &counts, &error);
  server_epcis_reply_capture (msg, ctx->store, &counts, error);
}
