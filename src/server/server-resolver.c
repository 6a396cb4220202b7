/* server-resolver.c — the public resolver's entry: which paths are ours,
 * budgets, content negotiation (HTML, JSON, linkset) and replies.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-resolver-private.h"
#include "server-mirror.h"
#include "server-page.h"
#include "server-reply.h"
#include "digital-link.h"
#include "gs1.h"
#include "store.h"

#include <glib/gi18n.h>
#include <string.h>

/* Longer than any code a label carries; longer paths are refused unread. */
#define MAX_PATH_LEN 1024
#define MAX_QUERY_LEN 512
/* Where codes of an unconfigured server claim to live, for the anchor. */
#define FALLBACK_BASE "http://localhost"

ServerResolver *
server_resolver_new (const char  *base,
                     const char  *counts_path,
                     guint        per_minute,
                     GError     **error)
{
  g_autoptr(ServerResolver) self = g_new0 (ServerResolver, 1);

  if (base != NULL && *base != '\0')
    {
      gboolean printable = strlen (base) <= 256;

      for (const char *p = base; *p && printable; p++)
        printable = *p > ' ' && *p < 0x7f && strchr ("\"'<>\\^`{|}", *p) == NULL;
      /* It is printed into every label's code and served to terminals. */
      if (!printable || (!g_str_has_prefix (base, "https://") && !g_str_has_prefix (base, "http://")))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The resolver must be an http:// or https:// URL: %s"), base);
          return NULL;
        }
      self->base = g_strdup (base);
      while (g_str_has_suffix (self->base, "/"))
        self->base[strlen (self->base) - 1] = '\0';
    }
  if ((self->counts = server_resolver_store_open (counts_path, error)) == NULL)
    return NULL;
  self->pages = server_rate_limit_new (per_minute, 60);
  self->cache = server_resolver_cache_new ();
  /* A handful of reports an hour per address is plenty for people. */
  self->reports = server_rate_limit_new (per_minute ? 5 : 0, 3600);
  return g_steal_pointer (&self);
}

GPtrArray *
server_resolver_spread (ServerResolver *self,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  return server_resolver_store_spread (self->counts, SERVER_RESOLVER_WARN_NETWORKS, 1000, error);
}

void
server_resolver_free (ServerResolver *self)
{
  if (self == NULL)
    return;
  g_free (self->base);
  server_resolver_store_close (self->counts);
  server_rate_limit_free (self->pages);
  server_rate_limit_free (self->reports);
  server_resolver_cache_free (self->cache);
  g_free (self);
}

const char *
server_resolver_client (SoupServerMessage *msg)
{
  return soup_server_message_get_remote_host (msg);
}

void
server_resolver_secure_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  /* No script at all, styles only from ourselves, forms only back to us. */
  soup_message_headers_replace (h, "Content-Security-Policy",
                                "default-src 'none'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (h, "Referrer-Policy", "no-referrer");
}

void
server_resolver_reply (SoupServerMessage *msg,
                       guint              status,
                       const char        *content_type,
                       char              *body)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  server_resolver_secure_headers (msg);
  soup_message_headers_append (h, "Vary", "Accept, Accept-Language");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

typedef enum {
  WANT_HTML,
  WANT_JSON,
  WANT_LINKSET,
} Want;

static Want
negotiate (SoupServerMessage *msg,
           const char        *query)
{
  const char *accept = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Accept");

  if (query != NULL && strstr (query, "linkType=all") != NULL)
    return WANT_LINKSET;
  if (query != NULL && strstr (query, "linkType=gs1:traceability") != NULL)
    return WANT_JSON;
  if (accept == NULL)
    return WANT_HTML;
  if (strstr (accept, "application/linkset+json") != NULL)
    return WANT_LINKSET;
  if (strstr (accept, "application/json") != NULL && strstr (accept, "text/html") == NULL)
    return WANT_JSON;
  return WANT_HTML;
}

static ServerLang
request_lang (SoupServerMessage *msg)
{
  return server_lang_from_header (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                "Accept-Language"));
}

static char *
json_text (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* A failure in the form the client asked for: a page for people, JSON else. */
static void
problem (ServerCachedReply *out,
         Want               want,
         ServerLang         lang,
         guint              status,
         const char        *title,
         const char        *text)
{
  out->status = status;
  if (want != WANT_HTML)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, server_gettext (lang, title));
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, text);
      json_builder_end_object (b);
      out->content_type = g_strdup ("application/json");
      out->body = json_text (b);
      return;
    }
  out->content_type = g_strdup ("text/html; charset=utf-8");
  out->body = server_resolver_message_html (lang, server_gettext (lang, title), text);
}

static void
send_reply (SoupServerMessage       *msg,
            const ServerCachedReply *reply)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  if (reply->link != NULL)
    soup_message_headers_replace (h, "Link", reply->link);
  if (reply->cache_control != NULL)
    soup_message_headers_replace (h, "Cache-Control", reply->cache_control);
  server_resolver_reply (msg, reply->status, reply->content_type, g_strdup (reply->body));
}

static void
clear_reply (ServerCachedReply *reply)
{
  g_free (reply->content_type);
  g_free (reply->body);
  g_free (reply->link);
  g_free (reply->cache_control);
}

typedef enum {
  NOT_OURS,
  LINK,          /* a primary key in the path: ours, and a 400 when malformed */
  COMPRESSED,    /* a last segment that may be a compressed link: a 404 when not */
} PathShape;

/* Whether @path reads as a Digital Link: some segment is a GS1 primary key
 * (or our "p") followed by a value, or the last one is URI-safe base64. */
static PathShape
path_shape (const char *path)
{
  g_auto(GStrv) segs = g_strsplit (path, "/", 64);
  guint n = g_strv_length (segs);
  const char *last;

  for (guint i = 0; i + 1 < n; i++)
    {
      const SuyuanAiSpec *spec;

      if (strcmp (segs[i], "p") == 0)
        return LINK;
      if (segs[i][0] != '\0' && strspn (segs[i], "0123456789") == strlen (segs[i])
          && (spec = suyuan_gs1_find_ai (segs[i])) != NULL && spec->dlpkey != NULL)
        return LINK;
    }
  last = n > 0 ? segs[n - 1] : "";
  if (strlen (last) >= 8 && strspn (last, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == strlen (last))
    return COMPRESSED;
  return NOT_OURS;
}

static void
count_query (ServerContext     *ctx,
             SoupServerMessage *msg,
             ServerResolution  *res)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (g_strcmp0 (soup_server_message_get_method (msg), "HEAD") == 0)
    return;
  key = g_strconcat (res->lookup->product->id, "/", res->code->serial, NULL);
  if (!server_resolver_store_count (ctx->resolver->counts, key, server_resolver_client (msg),
                                    &res->queries, &error))
    g_warning ("resolver counter: %s", error->message);
}

static void
answer (ServerContext     *ctx,
        SoupServerMessage *msg,
        Want               want,
        ServerLang         lang,
        ServerResolution  *res,
        ServerCachedReply *out)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  server_resolution_judge (res, lang);
  out->status = SOUP_STATUS_OK;
  out->link = server_resolution_link_header (res);
  /* A unit's page carries its own query count; others change only with
   * notices and dates, so caches may hold them a few minutes. */
  out->cache_control = g_strdup (res->serialised && want != WANT_LINKSET ? "no-store" : "public, max-age=300");
  if (want == WANT_LINKSET)
    {
      server_resolution_linkset (res, lang, b);
      out->content_type = g_strdup ("application/linkset+json");
      out->body = json_text (b);
      return;
    }
  if (res->serialised)
    count_query (ctx, msg, res);
  if (want == WANT_JSON)
    {
      server_resolution_to_json (res, lang, b);
      out->content_type = g_strdup ("application/json");
      out->body = json_text (b);
      return;
    }
  out->content_type = g_strdup ("text/html; charset=utf-8");
  out->body = server_resolver_page_html (res, lang);
}

/* The reply for a Digital Link path; *@cacheable when it depends on nothing
 * but the feed and the day (not a unit's query count). */
static void
resolve (ServerContext     *ctx,
         SoupServerMessage *msg,
         Want               want,
         ServerLang         lang,
         const char        *raw_path,
         const char        *query,
         PathShape          shape,
         ServerCachedReply *out,
         gboolean          *cacheable)
{
  ServerResolution res = { 0 };
  g_autofree char *input = NULL;
  g_autoptr(GError) error = NULL;
  const char *base = ctx->resolver->base ? ctx->resolver->base : FALLBACK_BASE;

  *cacheable = TRUE;
  /* The path alone is the code, whatever host the label named. */
  input = g_strconcat ("https://resolver.invalid", raw_path, query ? "?" : "", query ? query : "", NULL);
  res.code = suyuan_code_parse (input, -1);
  if (shape == COMPRESSED && res.code->kind != SUYUAN_CODE_DIGITAL_LINK)
    {
      problem (out, want, lang, SOUP_STATUS_NOT_FOUND, N_("Unknown code"),
               server_gettext (lang, N_("No product with this code is registered in the traceability system. "
                                        "Be careful: the product may not be genuine.")));
      server_resolution_clear (&res);
      return;
    }
  if (!res.code->valid || (res.code->kind != SUYUAN_CODE_DIGITAL_LINK && res.code->kind != SUYUAN_CODE_SUYUAN))
    {
      problem (out, want, lang, SOUP_STATUS_BAD_REQUEST, N_("This is not a valid product code"),
               res.code->error ? res.code->error : "not a GS1 Digital Link");
      server_resolution_clear (&res);
      return;
    }
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (res.lookup = suyuan_store_lookup (ctx->mirror, res.code, &error)) == NULL)
    {
      g_warning ("resolver: %s", error->message);
      *cacheable = FALSE;
      problem (out, WANT_JSON, lang, SOUP_STATUS_INTERNAL_SERVER_ERROR, N_("Storage error"), "");
      server_resolution_clear (&res);
      return;
    }
  if (res.lookup->product == NULL)
    {
      problem (out, want, lang, SOUP_STATUS_NOT_FOUND, N_("Unknown code"),
               server_gettext (lang, N_("No product with this code is registered in the traceability system. "
                                        "Be careful: the product may not be genuine.")));
      out->cache_control = g_strdup ("public, max-age=60");
      server_resolution_clear (&res);
      return;
    }
  res.self_url = suyuan_digital_link_build (base, res.code);
  if (res.self_url == NULL)
    res.self_url = g_strconcat (base, raw_path, NULL);
  answer (ctx, msg, want, lang, &res, out);
  *cacheable = !(res.serialised && want != WANT_LINKSET);
  server_resolution_clear (&res);
}

gboolean
server_resolver_dispatch (ServerContext     *ctx,
                          SoupServerMessage *msg,
                          const char        *path)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *raw_path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);
  const char *method = soup_server_message_get_method (msg);
  ServerCachedReply reply = { 0 };
  const ServerCachedReply *kept;
  g_autofree char *key = NULL;
  gboolean cacheable;
  PathShape shape;
  ServerLang lang;
  gint64 seq;
  guint32 day;
  Want want;
  guint retry = 0;

  if (ctx->resolver == NULL || g_str_has_prefix (path, "/api/") || g_str_has_prefix (path, "/resolver/")
      || (shape = path_shape (raw_path)) == NOT_OURS)
    return FALSE;
  want = negotiate (msg, query);
  lang = request_lang (msg);
  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      server_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
      return TRUE;
    }
  if (!server_rate_limit_take (ctx->resolver->pages, server_resolver_client (msg), &retry))
    {
      g_autofree char *after = g_strdup_printf ("%u", retry);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", after);
      problem (&reply, want, lang, 429, N_("Too many queries"),
               server_gettext (lang, N_("Please wait a minute and try again.")));
      send_reply (msg, &reply);
      clear_reply (&reply);
      return TRUE;
    }
  if (strlen (raw_path) > MAX_PATH_LEN || (query && strlen (query) > MAX_QUERY_LEN))
    {
      problem (&reply, want, lang, SOUP_STATUS_BAD_REQUEST, N_("This is not a valid product code"),
               "path or query too long");
      send_reply (msg, &reply);
      clear_reply (&reply);
      return TRUE;
    }

  key = g_strdup_printf ("%d|%d|%s?%s", want, lang, raw_path, query ? query : "");
  seq = server_store_last_seq (ctx->store);
  day = suyuan_today ();
  if ((kept = server_resolver_cache_get (ctx->resolver->cache, key, seq, day)) != NULL)
    {
      send_reply (msg, kept);
      return TRUE;
    }
  resolve (ctx, msg, want, lang, raw_path, query, shape, &reply, &cacheable);
  if (cacheable)
    server_resolver_cache_put (ctx->resolver->cache, key, seq, day, &reply);
  send_reply (msg, &reply);
  clear_reply (&reply);
  return TRUE;
}

void
server_handle_config (ServerContext         *ctx,
                      SoupServerMessage     *msg,
                      GHashTable            *query,
                      const ServerPrincipal *who)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "resolver");
  if (ctx->resolver != NULL && ctx->resolver->base != NULL)
    json_builder_add_string_value (b, ctx->resolver->base);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}

/* GS1-Conformant Resolver: the description of this resolver. */
void
server_handle_resolver_description (ServerContext         *ctx,
                                    SoupServerMessage     *msg,
                                    GHashTable            *query,
                                    const ServerPrincipal *who)
{
  static const char *const link_types[] = { "gs1:defaultLink", "gs1:pip", "gs1:traceability" };
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "Suyuan traceability resolver");
  json_builder_set_member_name (b, "resolverRoot");
  json_builder_add_string_value (b, ctx->resolver && ctx->resolver->base ? ctx->resolver->base : FALLBACK_BASE);
  json_builder_set_member_name (b, "supportsSemanticWeb");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "linkTypeDefaultCanBeLinkset");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "supportedPrimaryKeys");
  json_builder_begin_array (b);
  for (gsize i = 0; i < suyuan_gs1_ai_table_length; i++)
    if (suyuan_gs1_ai_table[i].dlpkey != NULL)
      json_builder_add_string_value (b, suyuan_gs1_ai_table[i].ai);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "supportedLinkType");
  json_builder_begin_array (b);
  for (gsize i = 0; i < G_N_ELEMENTS (link_types); i++)
    json_builder_add_string_value (b, link_types[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "public, max-age=86400");
  server_reply_json (msg, SOUP_STATUS_OK, b);
}

void
server_handle_stylesheet (ServerContext         *ctx,
                          SoupServerMessage     *msg,
                          GHashTable            *query,
                          const ServerPrincipal *who)
{
  g_autoptr(GBytes) css = server_page_static ("style.css");
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  server_resolver_secure_headers (msg);
  soup_message_headers_replace (h, "Cache-Control", "public, max-age=86400");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/css; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (css, NULL), g_bytes_get_size (css));
}
