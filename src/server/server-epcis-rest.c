/* server-epcis-rest.c — the EPCIS 2.0 REST binding's capture interface:
 * POST /capture starts a job and answers 202 with its Location; GET /capture
 * lists the token's jobs, GET /capture/{id} gives one. Errors are RFC 7807
 * problems with the standard's exception names.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-rest.h"
#include "server-epcis.h"
#include "server-reply.h"

#include <string.h>

void
server_epcis_rest_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "GS1-EPCIS-Version", SERVER_EPCIS_REST_VERSION);
  soup_message_headers_replace (headers, "GS1-CBV-Version", SERVER_EPCIS_REST_VERSION);
}

static void
reply_typed (SoupServerMessage *msg,
             guint              status,
             JsonBuilder       *builder,
             const char        *content_type)
{
  server_reply_json (msg, status, builder);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), content_type, NULL);
  server_epcis_rest_headers (msg);
}

void
server_epcis_reply_ld (SoupServerMessage *msg,
                       guint              status,
                       JsonBuilder       *builder)
{
  reply_typed (msg, status, builder, "application/ld+json");
}

void
server_epcis_problem (SoupServerMessage *msg,
                      guint              status,
                      const char        *exception,
                      const char        *title)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *type = g_strconcat ("epcisException:", exception, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_end_object (b);
  reply_typed (msg, status, b, "application/problem+json");
}

/* Owner filter for job lookups: an admin sees every job, others their own. */
static const char *
owner_of (const ServerPrincipal *who)
{
  return who->role == SERVER_ROLE_ADMIN ? NULL : who->name;
}

static gboolean
json_body (SoupServerMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);

  return type == NULL || g_ascii_strcasecmp (type, "application/json") == 0
         || g_ascii_strcasecmp (type, "application/ld+json") == 0;
}

void
server_handle_rest_capture (ServerContext         *ctx,
                            SoupServerMessage     *msg,
                            GHashTable            *query,
                            const ServerPrincipal *who)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *behaviour = soup_message_headers_get_one (request, "GS1-Capture-Error-Behaviour");
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  if (!json_body (msg))
    {
      server_epcis_problem (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "ImplementationException",
                            "only JSON-LD EPCIS documents (application/ld+json or application/json) are captured");
      return;
    }
  if (behaviour != NULL && g_ascii_strcasecmp (behaviour, "rollback") != 0)
    {
      server_epcis_problem (msg, SOUP_STATUS_NOT_IMPLEMENTED, "ImplementationException",
                            "only GS1-Capture-Error-Behaviour: rollback: a document is stored whole or not at all");
      return;
    }
  server_capture_job_accept (ctx, msg, who, body);
}

/* perPage from @query within 1..@max (default @fallback); FALSE if malformed. */
gboolean
server_epcis_per_page (GHashTable *query,
                       guint       fallback,
                       guint       max,
                       guint      *out)
{
  const char *text = query ? g_hash_table_lookup (query, "perPage") : NULL;
  guint64 value = fallback;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

char *
server_epcis_token_new (const char *cursor)
{
  char *token = g_base64_encode ((const guchar *) cursor, strlen (cursor));

  /* base64url: the token goes into URLs as it is. */
  g_strdelimit (token, "+", '-');
  g_strdelimit (token, "/", '_');
  return token;
}

char *
server_epcis_token_read (const char *token)
{
  g_autofree char *copy = NULL;
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  if (token == NULL || strlen (token) > 256)
    return NULL;
  copy = g_strdup (token);
  g_strdelimit (copy, "-", '+');
  g_strdelimit (copy, "_", '/');
  raw = g_base64_decode (copy, &len);
  if (len == 0 || memchr (raw, '\0', len) != NULL || !g_utf8_validate ((const char *) raw, (gssize) len, NULL))
    return NULL;
  return g_strndup ((const char *) raw, len);
}

/* Whether every parameter of @query is one of @known; else a 400 problem
 * naming the first unknown one. */
gboolean
server_epcis_known_params (SoupServerMessage *msg,
                           GHashTable        *query,
                           const char *const *known)
{
  GHashTableIter iter;
  const char *name;

  if (query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      {
        g_autofree char *why = g_strdup_printf ("unknown query parameter %.100s", name);

        server_epcis_problem (msg, SOUP_STATUS_BAD_REQUEST, "QueryParameterException", why);
        return FALSE;
      }
  return TRUE;
}

typedef struct {
  JsonArray *jobs;
  guint limit;
  gint64 last;     /* the last job of the page */
  gboolean more;
} JobPage;

static void
add_job (gint64      seq,
         const char *json,
         gpointer    user_data)
{
  JobPage *page = user_data;
  JsonNode *node;

  if (json_array_get_length (page->jobs) == page->limit)
    {
      page->more = TRUE;
      return;
    }
  if ((node = json_from_string (json, NULL)) != NULL)
    json_array_add_element (page->jobs, node);
  page->last = seq;
}

void
server_handle_rest_capture_jobs (ServerContext         *ctx,
                                 SoupServerMessage     *msg,
                                 GHashTable            *query,
                                 const ServerPrincipal *who)
{
  static const char *const known[] = { "perPage", "nextPageToken", NULL };
  g_autoptr(JsonArray) jobs = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  JobPage page = { jobs, 0, 0, FALSE };
  const char *token = query ? g_hash_table_lookup (query, "nextPageToken") : NULL;
  g_autofree char *cursor = token ? server_epcis_token_read (token) : NULL;
  gint64 after = 0;
  guint per_page;
  char *text;

  if (!server_epcis_known_params (msg, query, known))
    return;
  if (!server_epcis_per_page (query, SERVER_EPCIS_REST_PER_PAGE, SERVER_EPCIS_REST_MAX_PER_PAGE, &per_page)
      || (token != NULL && (cursor == NULL || !g_ascii_string_to_signed (cursor, 10, 0, G_MAXINT64, &after, NULL))))
    {
      server_epcis_problem (msg, SOUP_STATUS_BAD_REQUEST, "QueryParameterException",
                            "perPage must be 1 to 1000 and nextPageToken one this server gave");
      return;
    }
  page.limit = per_page;
  /* One more than a page: whether there is a next one. */
  if (!server_store_job_foreach (ctx->store, owner_of (who), FALSE, after, per_page + 1, add_job, &page, &error))
    {
      g_warning ("capture jobs: %s", error->message);
      server_epcis_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "ImplementationException", "storage error");
      return;
    }
  if (page.more)
    {
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, page.last);
      g_autofree char *next = server_epcis_token_new (last);
      g_autofree char *link = g_strdup_printf ("</capture?perPage=%u&nextPageToken=%s>; rel=\"next\"",
                                               per_page, next);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
    }
  json_node_set_array (root, jobs);
  text = json_to_string (root, FALSE);
  server_reply_text (msg, SOUP_STATUS_OK, text, strlen (text));
  server_epcis_rest_headers (msg);
}

void
server_handle_rest_capture_job (ServerContext         *ctx,
                                SoupServerMessage     *msg,
                                GHashTable            *query,
                                const ServerPrincipal *who)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *id = path + strlen ("/capture/");
  char *job;

  if (strlen (id) > 64 || (job = server_store_job_load (ctx->store, id, owner_of (who))) == NULL)
    {
      server_epcis_problem (msg, SOUP_STATUS_NOT_FOUND, "NoSuchNameException", "no such capture job");
      return;
    }
  server_reply_text (msg, SOUP_STATUS_OK, job, strlen (job));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "GS1-Capture-Error-Behaviour",
                                "rollback");
  server_epcis_rest_headers (msg);
}

/* GET /epcis: the binding's top-level resources, and its versions in the
 * headers. */
void
server_handle_rest_discovery (ServerContext         *ctx,
                              SoupServerMessage     *msg,
                              GHashTable            *query,
                              const ServerPrincipal *who)
{
  static const char *const resources[] = { "capture", "events", "eventTypes" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *limit = g_strdup_printf ("%u", SERVER_EPCIS_MAX_EVENTS);
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, ctx->max_body);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    json_builder_add_string_value (b, resources[i]);
  json_builder_end_array (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
  server_epcis_rest_headers (msg);
  soup_message_headers_replace (headers, "GS1-EPCIS-Capture-Limit", limit);
  soup_message_headers_replace (headers, "GS1-EPCIS-Capture-File-Size-Limit", size);
  soup_message_headers_replace (headers, "GS1-Capture-Error-Behaviour", "rollback");
}
