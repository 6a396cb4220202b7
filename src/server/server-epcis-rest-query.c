/* server-epcis-rest-query.c — GET /events and /eventTypes/{type}/events:
 * the standard's query parameters (values of one parameter separated by
 * '|') over the events captured as sent (server-store-epcis.h), answered
 * with an EPCISQueryDocument a page at a time; the next page is in the
 * Link header with an opaque nextPageToken. Events are in record order, so
 * paging never skips or repeats one while others are being captured.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-rest.h"
#include "server-epcis-own.h"
#include "server-store-epcis.h"
#include "server-reply.h"

#include <string.h>

#define EPCIS_CONTEXT "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

static const char *const event_types[] = {
  "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent", NULL,
};

/* The MATCH_ parameters and the roles of the names they look at. */
static const struct { const char *param; guint roles; } matches[] = {
  { "MATCH_epc", SERVER_EPCIS_ROLES_EPC },
  { "MATCH_parentID", SERVER_EPCIS_ROLE_PARENT },
  { "MATCH_inputEPC", SERVER_EPCIS_ROLE_INPUT },
  { "MATCH_outputEPC", SERVER_EPCIS_ROLE_OUTPUT },
  { "MATCH_anyEPC", SERVER_EPCIS_ROLES_ANY_EPC },
  { "MATCH_epcClass", SERVER_EPCIS_ROLES_EPC_CLASS },
  { "MATCH_inputEPCClass", SERVER_EPCIS_ROLE_INPUT_QUANTITY },
  { "MATCH_outputEPCClass", SERVER_EPCIS_ROLE_OUTPUT_QUANTITY },
  { "MATCH_anyEPCClass", SERVER_EPCIS_ROLES_ANY_EPC_CLASS },
};

static const char *const known_params[] = {
  "eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime",
  "EQ_bizStep", "EQ_disposition", "EQ_readPoint", "EQ_bizLocation", "EQ_eventID", "eventID",
  "MATCH_epc", "MATCH_parentID", "MATCH_inputEPC", "MATCH_outputEPC", "MATCH_anyEPC",
  "MATCH_epcClass", "MATCH_inputEPCClass", "MATCH_outputEPCClass", "MATCH_anyEPCClass",
  "orderBy", "perPage", "nextPageToken", NULL,
};

/* CBV prefixes a bizStep or disposition may be written with: a query for
 * one form finds the others. */
static const char *const cbv_prefixes[][3] = {
  { "EQ_bizStep", "https://ref.gs1.org/cbv/BizStep-", "urn:epcglobal:cbv:bizstep:" },
  { "EQ_disposition", "https://ref.gs1.org/cbv/Disp-", "urn:epcglobal:cbv:disp:" },
};

typedef struct {
  GPtrArray *lists;        /* char ** to free */
  ServerEpcisMatch matches[G_N_ELEMENTS (matches)];
  ServerEpcisQuery q;
} Query;

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->lists, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* The '|'-separated values of @name, or NULL when it is absent. */
static const char *const *
values (Query      *query,
        GHashTable *params,
        const char *name)
{
  const char *text = params ? g_hash_table_lookup (params, name) : NULL;
  GStrvBuilder *builder;
  char **split;

  if (text == NULL)
    return NULL;
  split = g_strsplit (text, "|", 101);
  builder = g_strv_builder_new ();
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_strv_builder_add (builder, split[i]);
      /* The other CBV forms of a bare word or of a CBV URI. */
      for (guint c = 0; c < G_N_ELEMENTS (cbv_prefixes); c++)
        {
          const char *word = split[i];

          if (strcmp (name, cbv_prefixes[c][0]) != 0)
            continue;
          for (guint p = 1; p < 3; p++)
            if (g_str_has_prefix (word, cbv_prefixes[c][p]))
              word += strlen (cbv_prefixes[c][p]);
          if (strchr (word, ':') != NULL)
            continue;
          for (guint p = 0; p < 3; p++)
            {
              g_autofree char *form = g_strconcat (p ? cbv_prefixes[c][p] : "", word, NULL);

              if (strcmp (form, split[i]) != 0)
                g_strv_builder_add (builder, form);
            }
        }
    }
  g_strfreev (split);
  split = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_ptr_array_add (query->lists, split);
  return (const char *const *) split;
}

/* A time parameter, checked; FALSE when it is no instant. */
static gboolean
time_param (GHashTable  *params,
            const char  *name,
            const char **out)
{
  g_autofree char *utc = NULL;

  *out = params ? g_hash_table_lookup (params, name) : NULL;
  return *out == NULL || (utc = server_epcis_utc (*out)) != NULL;
}

/* Fills @query from @params; FALSE with *why set when a value is wrong. */
static gboolean
parse (Query       *query,
       GHashTable  *params,
       const char  *path_type,
       const char **why)
{
  const char *order = params ? g_hash_table_lookup (params, "orderBy") : NULL;
  ServerEpcisQuery *q = &query->q;
  const char *times[] = { "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime" };
  const char **time_fields[] = { &q->ge_event_time, &q->lt_event_time, &q->ge_record_time, &q->lt_record_time };

  query->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  q->event_types = values (query, params, "eventType");
  for (guint i = 0; q->event_types && q->event_types[i]; i++)
    if (!g_strv_contains (event_types, q->event_types[i]))
      return (*why = "eventType must be ObjectEvent, AggregationEvent, TransactionEvent, "
                     "TransformationEvent or AssociationEvent", FALSE);
  if (path_type != NULL)
    {
      if (q->event_types && !g_strv_contains (q->event_types, path_type))
        return (*why = "eventType in the query is not the event type of the path", FALSE);
      g_ptr_array_add (query->lists, g_strsplit (path_type, "|", 1));
      q->event_types = (const char *const *) g_ptr_array_index (query->lists, query->lists->len - 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (!time_param (params, times[i], time_fields[i]))
      return (*why = "times must be ISO 8601 with an offset, e.g. 2026-11-20T10:00:00.000+08:00", FALSE);
  q->biz_steps = values (query, params, "EQ_bizStep");
  q->dispositions = values (query, params, "EQ_disposition");
  q->read_points = values (query, params, "EQ_readPoint");
  q->biz_locations = values (query, params, "EQ_bizLocation");
  q->event_ids = values (query, params, "EQ_eventID");
  if (q->event_ids == NULL)
    q->event_ids = values (query, params, "eventID");
  q->matches = query->matches;
  for (guint i = 0; i < G_N_ELEMENTS (matches); i++)
    {
      const char *const *list = values (query, params, matches[i].param);

      if (list != NULL)
        query->matches[q->n_matches++] = (ServerEpcisMatch) { matches[i].roles, list };
    }
  if (order != NULL && strcmp (order, "eventTime") != 0 && strcmp (order, "recordTime") != 0)
    return (*why = "orderBy must be eventTime or recordTime", FALSE);
  q->by_event_time = g_strcmp0 (order, "eventTime") == 0;
  return TRUE;
}

/* Adds the elements of a capture's @context (JSON text) not added yet. */
static void
add_context (JsonArray  *contexts,
             GHashTable *seen,
             const char *context)
{
  g_autoptr(JsonNode) node = context ? json_from_string (context, NULL) : NULL;
  JsonArray *list;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      if (g_hash_table_add (seen, g_steal_pointer (&text)))
        json_array_add_element (contexts, json_node_copy (node));
      return;
    }
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      g_autofree char *text = json_to_string (element, FALSE);

      if (g_hash_table_add (seen, g_steal_pointer (&text)))
        json_array_add_element (contexts, json_node_copy (element));
    }
}

/* The event as sent, with what a repository adds when the sender did not:
 * its eventID and recordTime. */
static JsonNode *
event_node (ServerEpcisEvent *event)
{
  JsonNode *node = json_from_string (event->json, NULL);
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return node;
  o = json_node_get_object (node);
  if (!json_object_has_member (o, "eventID") && event->event_id != NULL)
    json_object_set_string_member (o, "eventID", event->event_id);
  if (!json_object_has_member (o, "recordTime") && event->record_time != NULL)
    json_object_set_string_member (o, "recordTime", event->record_time);
  return node;
}

static JsonNode *
query_document (GPtrArray *events)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  JsonObject *doc = json_object_new ();
  JsonObject *body = json_object_new ();
  JsonObject *results = json_object_new ();
  JsonObject *results_body = json_object_new ();
  JsonArray *contexts = json_array_new ();
  JsonArray *list = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_array_add_string_element (contexts, EPCIS_CONTEXT);
  g_hash_table_add (seen, g_strdup ("\"" EPCIS_CONTEXT "\""));
  for (guint i = 0; i < events->len; i++)
    {
      ServerEpcisEvent *event = events->pdata[i];
      JsonNode *node = event_node (event);

      add_context (contexts, seen, event->context);
      if (node != NULL)
        json_array_add_element (list, node);
    }
  json_object_set_array_member (doc, "@context", contexts);
  json_object_set_string_member (doc, "type", "EPCISQueryDocument");
  json_object_set_string_member (doc, "schemaVersion", "2.0");
  json_object_set_string_member (doc, "creationDate", created);
  json_object_set_string_member (results, "queryName", "SimpleEventQuery");
  json_object_set_array_member (results_body, "eventList", list);
  json_object_set_object_member (results, "resultsBody", results_body);
  json_object_set_object_member (body, "queryResults", results);
  json_object_set_object_member (doc, "epcisBody", body);
  json_node_take_object (root, doc);
  return root;
}

/* The Link to the next page: this request's parameters with its token. */
static char *
next_link (SoupServerMessage *msg,
           GHashTable        *params,
           const char        *cursor)
{
  g_autofree char *token = server_epcis_token_new (cursor);
  g_autoptr(GString) link = g_string_new ("<");
  GHashTableIter iter;
  const char *name, *value;

  g_string_append_uri_escaped (link, g_uri_get_path (soup_server_message_get_uri (msg)), "/", FALSE);
  g_string_append (link, "?nextPageToken=");
  g_string_append (link, token);
  if (params != NULL)
    {
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
        {
          if (strcmp (name, "nextPageToken") == 0)
            continue;
          g_string_append_c (link, '&');
          g_string_append_uri_escaped (link, name, NULL, FALSE);
          g_string_append_c (link, '=');
          g_string_append_uri_escaped (link, value, NULL, FALSE);
        }
    }
  g_string_append (link, ">; rel=\"next\"");
  return g_string_free (g_steal_pointer (&link), FALSE);
}

/* The event type of /eventTypes/{type}/events, or NULL for /events. */
static char *
path_event_type (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (!g_str_has_prefix (path, "/eventTypes/"))
    return NULL;
  path += strlen ("/eventTypes/");
  return g_strndup (path, strcspn (path, "/"));
}

void
server_handle_rest_events (ServerContext         *ctx,
                           SoupServerMessage     *msg,
                           GHashTable            *params,
                           const ServerPrincipal *who)
{
  const char *token = params ? g_hash_table_lookup (params, "nextPageToken") : NULL;
  g_autofree char *path_type = path_event_type (msg);
  g_autofree char *cursor = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Query) query = { 0 };
  const char *why = NULL;
  guint per_page;
  char *text;

  if (path_type != NULL && !g_strv_contains (event_types, path_type))
    {
      server_epcis_problem (msg, SOUP_STATUS_NOT_FOUND, "NoSuchNameException", "no such event type");
      return;
    }
  if (!server_epcis_known_params (msg, params, known_params))
    return;
  if (!parse (&query, params, path_type, &why)
      || !server_epcis_per_page (params, SERVER_EPCIS_REST_PER_PAGE, SERVER_EPCIS_REST_MAX_PER_PAGE, &per_page)
      || (token != NULL && (cursor = server_epcis_token_read (token)) == NULL))
    {
      server_epcis_problem (msg, SOUP_STATUS_BAD_REQUEST, "QueryParameterException",
                            why ? why : "perPage must be 1 to 1000 and nextPageToken one this server gave");
      return;
    }
  /* Our own events join the captured ones before any query sees the table. */
  if (!server_epcis_own_catch_up (ctx, &error))
    {
      g_warning ("events: %s", error->message);
      server_epcis_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "ImplementationException", "storage error");
      return;
    }
  /* Our own events are terminals' receipts and sales: the bureau's (admin,
   * inspector) to see, not a producer's or a shop's, whose pull is scoped. */
  query.q.captured_only = who->role != SERVER_ROLE_ADMIN && who->role != SERVER_ROLE_INSPECTOR;
  if ((events = server_store_epcis_query (ctx->store, &query.q, cursor, per_page, &next, &error)) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        {
          server_epcis_problem (msg, SOUP_STATUS_BAD_REQUEST, "QueryParameterException", error->message);
          return;
        }
      g_warning ("events: %s", error->message);
      server_epcis_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "ImplementationException", "storage error");
      return;
    }
  root = query_document (events);
  text = json_to_string (root, FALSE);
  server_reply_text (msg, SOUP_STATUS_OK, text, strlen (text));
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/ld+json", NULL);
  if (next != NULL)
    {
      g_autofree char *link = next_link (msg, params, next);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
    }
  server_epcis_rest_headers (msg);
}

void
server_handle_rest_event_types (ServerContext         *ctx,
                                SoupServerMessage     *msg,
                                GHashTable            *params,
                                const ServerPrincipal *who)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_add_string_value (b, EPCIS_CONTEXT);
  json_builder_set_member_name (b, "@set");
  json_builder_begin_array (b);
  for (guint i = 0; event_types[i] != NULL; i++)
    json_builder_add_string_value (b, event_types[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  server_epcis_reply_ld (msg, SOUP_STATUS_OK, b);
}
