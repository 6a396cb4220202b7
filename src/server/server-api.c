/* server-api.c — routes, the role check every route passes, and the small
 * handlers. Every reply is JSON; errors carry {"error": "..."} with a status
 * that says whose fault it was.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-epcis.h"
#include "server-epcis-rest.h"
#include "server-pull-scope.h"
#include "server-refuse.h"
#include "server-reply.h"
#include "json-depth.h"
#include "server-resolver.h"
#include "server-store-console.h"
#include "server-console.h"
#include "server-photos.h"

#include <string.h>

static void
handle_health (ServerContext         *ctx,
               SoupServerMessage     *msg,
               GHashTable            *query,
               const ServerPrincipal *who)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "last_seq");
  json_builder_add_int_value (b, server_store_last_seq (ctx->store));
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
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
handle_changes (ServerContext         *ctx,
                SoupServerMessage     *msg,
                GHashTable            *query,
                const ServerPrincipal *who)
{
  g_autoptr(GString) page = g_string_new (NULL);
  g_autoptr(ServerPullScope) scope = server_pull_scope_new (who);
  g_autoptr(GError) error = NULL;
  gint64 after, limit, last = 0;

  if (!parse_int_param (query, "after", 0, 0, G_MAXINT64, &after)
      || !parse_int_param (query, "limit", 1000, 1, SERVER_API_MAX_PAGE, &limit))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "after and limit must be whole numbers (limit 1..5000)");
      return;
    }
  if (!server_store_changes (ctx->store, after, (guint) limit, (const char *const *) scope->keys, scope->id,
                             page, &last, &error))
    {
      g_warning ("changes: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  /* Which terminal has which notice: the console's notice page shows it.
   * A failed note costs the terminal nothing; it is only logged. */
  if (!server_store_pull_note (ctx->store, who->name, last, &error))
    g_warning ("noting a pull: %s", error->message);
  {
    gsize len = page->len;

    server_reply_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&page), FALSE), len);
  }
}

#define EPCIS_CAPTURE_ROLES (SERVER_ROLE_ADMIN | SERVER_ROLE_PRODUCER | SERVER_ROLE_RETAILER)

/* Who may call what; finer checks (kinds of records, own products) are in
 * the handlers. docs/api.md has the same table. */
static const ServerRoute routes[] = {
  { "/api/v1/health", "GET", 0, handle_health },
  { "/api/v1/changes", "GET", SERVER_ROLES_ALL, handle_changes },
  { "/api/v1/records", "POST", SERVER_ROLES_ALL, server_handle_records },
  { "/api/v1/lookup", "GET", SERVER_ROLES_ALL, server_handle_lookup },
  { "/api/v1/recall-scope", "GET", SERVER_ROLE_ADMIN | SERVER_ROLE_INSPECTOR,
    server_handle_recall_scope },
  { "/api/v1/risk-warnings", "GET", SERVER_ROLE_ADMIN | SERVER_ROLE_INSPECTOR,
    server_handle_risk_warnings },
  { "/api/v1/inspections", "GET", SERVER_ROLE_ADMIN | SERVER_ROLE_INSPECTOR, server_handle_inspections },
  { "/api/v1/inspection-tasks", "GET", SERVER_ROLE_ADMIN | SERVER_ROLE_INSPECTOR,
    server_handle_inspection_tasks },
  { "/api/v1/admin/alerts", "POST", SERVER_ROLE_ADMIN, server_handle_admin_alerts },
  { "/api/v1/epcis/capture", "POST", EPCIS_CAPTURE_ROLES, server_handle_epcis_capture },
  { "/api/v1/epcis/events", "GET", SERVER_ROLES_ALL, server_handle_epcis_events },
  { "/api/v1/config", "GET", SERVER_ROLES_ALL, server_handle_config },
  { "/api/v1/photos/*", "PUT", SERVER_ROLE_ADMIN | SERVER_ROLE_INSPECTOR, server_handle_photo_put },
  { "/resolver/report", "POST", 0, server_handle_report },
  { "/resolver/style.css", "GET", 0, server_handle_stylesheet },
  { "/.well-known/gs1resolver", "GET", 0, server_handle_resolver_description },
  /* The EPCIS 2.0 REST binding (server-epcis-rest.h). */
  { "/capture", "POST", EPCIS_CAPTURE_ROLES, server_handle_rest_capture, TRUE },
  { "/capture", "GET", EPCIS_CAPTURE_ROLES, server_handle_rest_capture_jobs, TRUE },
  { "/capture/*", "GET", EPCIS_CAPTURE_ROLES, server_handle_rest_capture_job, TRUE },
  { "/events", "GET", SERVER_ROLES_ALL, server_handle_rest_events, TRUE },
  { "/eventTypes", "GET", SERVER_ROLES_ALL, server_handle_rest_event_types, TRUE },
  { "/eventTypes/*/events", "GET", SERVER_ROLES_ALL, server_handle_rest_events, TRUE },
  { "/epcis", "GET", 0, server_handle_rest_discovery, TRUE },
};

typedef struct {
  ServerContext *ctx;
} Binding;

#define PRINCIPAL_KEY "suyuan-principal"

/* Whether @path is @pattern, each '*' one non-empty segment. */
static gboolean
path_matches (const char *pattern,
              const char *path)
{
  while (*pattern != '\0' && *path != '\0')
    {
      if (*pattern == '*')
        {
          gsize n = strcspn (path, "/");

          if (n == 0)
            return FALSE;
          path += n;
          pattern++;
        }
      else if (*pattern++ != *path++)
        return FALSE;
    }
  return *pattern == '\0' && *path == '\0';
}

/* Routes served beside the table (server_api_add_route: the console). */
static GPtrArray *added_routes;

static gboolean
method_matches (const ServerRoute *route,
                const char        *method)
{
  /* NULL: a page with a form, GET to show it and POST to send it. */
  if (route->method == NULL)
    return g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "POST") == 0;
  return g_strcmp0 (method, route->method) == 0;
}

/* The route for @path and @method; when only the method differs, NULL with
 * *@other set to a route of that path. libsoup matches handler paths as
 * prefixes; routes are exact. */
static const ServerRoute *
route_for (const char         *path,
           const char         *method,
           const ServerRoute **other)
{
  guint n_added = added_routes ? added_routes->len : 0;

  *other = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (routes) + n_added; i++)
    {
      const ServerRoute *route = i < G_N_ELEMENTS (routes) ? &routes[i]
                                 : added_routes->pdata[i - G_N_ELEMENTS (routes)];

      if (!path_matches (route->path, path))
        continue;
      if (method_matches (route, method))
        return route;
      *other = route;
    }
  return NULL;
}

/* A refusal in the route's own error format. */
static void
refuse (SoupServerMessage *msg,
        const ServerRoute *route,
        guint              status,
        const char        *message)
{
  const char *exception = status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN
                          ? "SecurityException" : status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE
                          ? "CaptureLimitExceededException" : "ImplementationException";

  if (route != NULL && route->epcis)
    server_epcis_problem (msg, status, exception, message);
  else
    server_reply_error (msg, status, message);
}

/* The token after "Bearer ", or NULL. Never logged anywhere. */
static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  return value + 7;
}

static void
reply_unauthorized (SoupServerMessage *msg,
                    const ServerRoute *route)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                "Bearer realm=\"suyuan\"");
  refuse (msg, route, SOUP_STATUS_UNAUTHORIZED, "missing, unknown or revoked token");
}

/* Runs once the headers are in, before the body is read: an unauthorised,
 * oversized or unsized upload is refused without buffering it. */
static void
check_request (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Binding *binding = user_data;
  ServerContext *ctx = binding->ctx;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const ServerRoute *other;
  const ServerRoute *route = route_for (path, method, &other);

  if (route == NULL && other != NULL)
    {
      refuse (msg, other, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
      return;
    }
  if (route != NULL)
    {
      ServerPrincipal *who;

      if (route->roles != 0)
        {
          if ((who = server_tokens_check (ctx->store, bearer_token (msg))) == NULL)
            {
              reply_unauthorized (msg, route);
              return;
            }
          g_object_set_data_full (G_OBJECT (msg), PRINCIPAL_KEY, who, (GDestroyNotify) server_principal_free);
          if ((route->roles & who->role) == 0)
            {
              g_autofree char *why = g_strdup_printf ("role %s may not use %s %s",
                                                      server_role_to_string (who->role), method, path);

              refuse (msg, route, SOUP_STATUS_FORBIDDEN, why);
              return;
            }
        }
    }
  if (g_strcmp0 (method, "POST") != 0 && g_strcmp0 (method, "PUT") != 0)
    {
      /* No other method takes a body here: refused unread, whatever its size. */
      if (server_refuse_has_body (msg))
        refuse (msg, route, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "this method takes no request body");
    }
  else if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    refuse (msg, route, SOUP_STATUS_LENGTH_REQUIRED, "uploads need a Content-Length");
  else if ((guint64) soup_message_headers_get_content_length (headers) > ctx->max_body)
    refuse (msg, route, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "request body too large");
}

/* The early handler, for every path: whatever it refused is answered now and
 * the connection closed, so libsoup never reads (or buffers) the body. */
static void
check_request_early (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  check_request (server, msg, path, query, user_data);
  if (soup_server_message_get_status (msg) != SOUP_STATUS_NONE && server_refuse_has_body (msg))
    server_refuse_now (msg);
}

/* json-glib parses recursively: 100,000 nested brackets would overflow its
 * stack and kill the server for everyone. */
static gboolean
body_nesting_ok (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  if (g_strcmp0 (type, "text/csv") == 0 || (type != NULL && g_str_has_prefix (type, "image/"))
      || body == NULL || body->length == 0)
    return TRUE;
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  return suyuan_json_depth_within (data, len, SUYUAN_JSON_MAX_DEPTH);
}

static void
dispatch (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Binding *binding = user_data;
  const ServerRoute *other;
  const ServerRoute *route = route_for (path, soup_server_message_get_method (msg), &other);

  /* Already answered by check_request. */
  if (soup_server_message_get_status (msg) != SOUP_STATUS_NONE)
    return;
  /* Public resolver paths (/01/…, /p/…) are the unrouted rest. */
  if (route == NULL && server_resolver_dispatch (binding->ctx, msg, path))
    return;
  if (route == NULL)
    {
      server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such endpoint");
      return;
    }
  if (!body_nesting_ok (msg))
    {
      refuse (msg, route, SOUP_STATUS_BAD_REQUEST, "JSON nested more than 64 levels deep");
      return;
    }
  route->handler (binding->ctx, msg, query, g_object_get_data (G_OBJECT (msg), PRINCIPAL_KEY));
}

static void
bind (SoupServer    *server,
      ServerContext *ctx,
      const char    *path)
{
  Binding *binding = g_new0 (Binding, 1);

  binding->ctx = ctx;
  /* libsoup keeps one early handler per path, beside the normal one. */
  soup_server_add_early_handler (server, path, check_request_early, binding, NULL);
  soup_server_add_handler (server, path, dispatch, binding, g_free);
}

/* Binds the handler path of @route (its part before any '*') unless an
 * earlier route had it already. */
static void
bind_route (SoupServer        *server,
            ServerContext     *ctx,
            const ServerRoute *route)
{
  GHashTable *bound = g_object_get_data (G_OBJECT (server), "suyuan-bound-paths");
  g_autofree char *prefix = g_strndup (route->path, strcspn (route->path, "*"));

  if (bound == NULL)
    {
      bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (server), "suyuan-bound-paths", bound, (GDestroyNotify) g_hash_table_unref);
    }
  if (g_str_has_suffix (prefix, "/") && strlen (prefix) > 1)
    prefix[strlen (prefix) - 1] = '\0';
  if (g_hash_table_contains (bound, prefix))
    return;
  bind (server, ctx, prefix);
  g_hash_table_add (bound, g_steal_pointer (&prefix));
}

void
server_api_add_route (SoupServer        *server,
                      ServerContext     *ctx,
                      const ServerRoute *route)
{
  g_return_if_fail (route != NULL && route->path != NULL);

  if (added_routes == NULL)
    added_routes = g_ptr_array_new ();
  g_ptr_array_add (added_routes, (gpointer) route);
  bind_route (server, ctx, route);
}

void
server_api_install (SoupServer    *server,
                    ServerContext *ctx)
{
  bind (server, ctx, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    bind_route (server, ctx, &routes[i]);
  server_console_install (server, ctx);
}
