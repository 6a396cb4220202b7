/* server-console.c — the console's frame (server-console.h): routing every
 * page through the session and form checks, sign-in and sign-out, and the
 * layout a section's body is served in.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console-private.h"
#include "server-store-console.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))

static GPtrArray *sections;   /* const ServerConsolePage *, in nav order */

static void console_signin (ServerContext *, SoupServerMessage *, GHashTable *,
                            const ServerConsoleSession *);
static void console_signout (ServerContext *, SoupServerMessage *, GHashTable *,
                             const ServerConsoleSession *);
static void console_home (ServerContext *, SoupServerMessage *, GHashTable *,
                          const ServerConsoleSession *);
static void console_stylesheet (ServerContext *, SoupServerMessage *, GHashTable *,
                                const ServerConsoleSession *);

/* The frame's own pages; sign-in and the stylesheet need no session. */
static const ServerConsolePage frame_pages[] = {
  { "/console", NULL, SERVER_CONSOLE_ROLES, console_home, NULL },
  { "/console/sign-in", NULL, 0, console_signin, console_signin },
  { "/console/sign-out", NULL, SERVER_ROLES_ALL, NULL, console_signout },
  { "/console/console.css", NULL, 0, console_stylesheet, NULL },
};

void
server_console_add_pages (const ServerConsolePage *pages,
                          gsize                    n_pages)
{
  if (sections == NULL)
    sections = g_ptr_array_new ();
  for (gsize i = 0; i < n_pages; i++)
    g_ptr_array_add (sections, (gpointer) &pages[i]);
}

const char *
server_console_field (GHashTable *fields,
                      const char *name,
                      gsize       max_len)
{
  char *value = fields ? g_hash_table_lookup (fields, name) : NULL;

  if (value == NULL || strlen (value) > max_len || !g_utf8_validate (value, -1, NULL))
    return NULL;
  value = g_strstrip (value);
  return *value ? value : NULL;
}

void
server_console_set_time (ServerPageValues *values,
                         const char       *name,
                         const char       *iso)
{
  if (iso != NULL && strlen (iso) >= 16 && iso[10] == 'T')
    server_page_values_set_printf (values, name, "%.10s %.5s", iso, iso + 11);
  else
    server_page_values_set (values, name, iso);
}

const char *
server_console_text (const ServerConsoleSession *session,
                     const char                 *msgid)
{
  return server_gettext (session ? session->lang : SERVER_LANG_ZH, msgid);
}

ServerPageValues *
server_console_values_new (const ServerConsoleSession *session)
{
  ServerPageValues *v = server_page_values_new ();

  server_page_values_set (v, "lang", server_lang_tag (session->lang));
  server_page_values_set (v, "csrf", session->csrf);
  return v;
}

void
server_console_secure_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  /* No script, styles and images only from us, forms only back to us, never
   * in a frame, never cached: every page shows what one officer may see. */
  soup_message_headers_replace (h, "Content-Security-Policy",
                                "default-src 'none'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (h, "X-Frame-Options", "DENY");
  /* same-origin, not no-referrer: with no referrer a browser sends its form
   * POSTs with "Origin: null", and the Origin check needs the real one. */
  soup_message_headers_replace (h, "Referrer-Policy", "same-origin");
  soup_message_headers_replace (h, "Cache-Control", "no-store");
  soup_message_headers_append (h, "Vary", "Accept-Language, Cookie");
}

static void
reply_html (SoupServerMessage *msg,
            guint              status,
            char              *html)
{
  server_console_secure_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html,
                                    strlen (html));
}

/* The nav: every section the session's role may use and that has a label. */
static char *
nav_html (const ServerConsoleSession *session,
          const char                 *current)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; sections && i < sections->len; i++)
    {
      const ServerConsolePage *page = sections->pdata[i];
      g_autoptr(ServerPageValues) v = NULL;
      g_autofree char *item = NULL;

      if (page->nav_label == NULL || (page->roles & session->role) == 0)
        continue;
      v = server_page_values_new ();
      server_page_values_set (v, "href", page->path);
      server_page_values_set (v, "label", T (page->nav_label));
      server_page_values_set (v, "current",
                              g_strcmp0 (page->path, current) == 0 ? "page" : "false");
      item = server_page_render ("console-nav-item.html", v);
      g_string_append (out, item);
    }
  return g_string_free (out, FALSE);
}

static char *
layout (const ServerConsoleSession *session,
        const char                 *current,
        const char                 *title,
        char                       *body)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "lang", server_lang_tag (session ? session->lang : SERVER_LANG_ZH));
  server_page_values_set (v, "title", title);
  server_page_values_set (v, "site", T (N_("Market supervision console")));
  server_page_values_set_html (v, "body", body);
  if (session != NULL && session->user != NULL)
    {
      server_page_values_set_html (v, "nav", nav_html (session, current));
      server_page_values_set (v, "csrf", session->csrf);
      server_page_values_set_printf (v, "user_label", T (N_("Signed in: %s (%s)")), session->user,
                                     session->role == SERVER_ROLE_ADMIN ? T (N_("administrator"))
                                                                        : T (N_("inspector")));
      if (session->region)
        server_page_values_set_printf (v, "region_label", T (N_("Region %s")), session->region);
      server_page_values_set (v, "sign_out", T (N_("Sign out")));
      server_page_values_set_html (v, "account", server_page_render ("console-account.html", v));
    }
  return server_page_render ("console.html", v);
}

void
server_console_reply (SoupServerMessage          *msg,
                      const ServerConsoleSession *session,
                      guint                       status,
                      const char                 *title,
                      char                       *body)
{
  GUri *uri = soup_server_message_get_uri (msg);

  reply_html (msg, status, layout (session, g_uri_get_path (uri), title, body));
}

void
server_console_reply_message (SoupServerMessage          *msg,
                              const ServerConsoleSession *session,
                              guint                       status,
                              const char                 *title,
                              const char                 *text)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "title", title);
  server_page_values_set (v, "text", text);
  server_console_reply (msg, session, status, title,
                        server_page_render ("console-message.html", v));
}

void
server_console_reply_storage_error (SoupServerMessage          *msg,
                                    const ServerConsoleSession *session,
                                    const char                 *what,
                                    const GError               *why)
{
  g_warning ("console %s: %s", what, why ? why->message : "?");
  server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                T (N_("Storage error")), NULL);
}

void
server_console_reply_document (SoupServerMessage *msg,
                               const char        *content_type,
                               char              *body,
                               gsize              length)
{
  server_console_secure_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, length);
}

void
server_console_redirect (SoupServerMessage *msg,
                         const char        *path)
{
  g_return_if_fail (g_str_has_prefix (path, "/console"));
  server_console_secure_headers (msg);
  soup_server_message_set_redirect (msg, SOUP_STATUS_SEE_OTHER, path);
}

void
server_console_audit (ServerContext              *ctx,
                      const ServerConsoleSession *who,
                      const char                 *action,
                      const char                 *detail)
{
  g_autoptr(GError) error = NULL;

  if (!server_store_audit_add (ctx->store, who && who->user ? who->user : "-", action, detail,
                               &error))
    g_warning ("console audit of “%s”: %s", action, error->message);
}

static void
signin_form (SoupServerMessage          *msg,
             const ServerConsoleSession *session,
             guint                       status,
             const char                 *problem)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csrf = server_random_hex ("", &error);

  if (csrf == NULL)
    {
      server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                    error->message, NULL);
      return;
    }
  console_set_cookie (msg, CONSOLE_SIGNIN_COOKIE, csrf, 3600);
  server_page_values_set (v, "csrf", csrf);
  server_page_values_set (v, "heading", T (N_("Sign in to the console")));
  server_page_values_set (v, "explain",
                          T (N_("Type or paste your administrator or inspector token. "
                                             "It is sent once and exchanged for a session of this browser; "
                                             "sign out when you leave the desk.")));
  server_page_values_set (v, "token_label", T (N_("Token")));
  server_page_values_set (v, "submit", T (N_("Sign in")));
  server_page_values_set (v, "problem", problem);
  server_console_reply (msg, session, status, T (N_("Sign in")),
                        server_page_render ("console-signin.html", v));
}

static void
console_signin (ServerContext              *ctx,
                SoupServerMessage          *msg,
                GHashTable                 *fields,
                const ServerConsoleSession *session)
{
  g_autofree char *expected = NULL;
  g_autoptr(ServerPrincipal) who = NULL;
  g_autoptr(GError) error = NULL;
  ServerConsoleSession as_who = { 0 };
  const char *token;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      signin_form (msg, session, SOUP_STATUS_OK, NULL);
      return;
    }
  expected = console_cookie (msg, CONSOLE_SIGNIN_COOKIE);
  if (!console_form_trusted (msg, fields, expected))
    {
      signin_form (msg, session, SOUP_STATUS_FORBIDDEN,
                   T (N_("The form had expired or did not come from this console. Try again.")));
      return;
    }
  token = g_hash_table_lookup (fields, "token");
  who = token ? server_tokens_check (ctx->store, g_strstrip ((char *) token)) : NULL;
  if (who == NULL)
    {
      server_console_audit (ctx, NULL, "sign-in failed", "unknown or revoked token");
      signin_form (msg, session, SOUP_STATUS_UNAUTHORIZED,
                   T (N_("That token is unknown or revoked.")));
      return;
    }
  as_who.user = who->name;
  if ((who->role & SERVER_CONSOLE_ROLES) == 0)
    {
      server_console_audit (ctx, &as_who, "sign-in refused", server_role_to_string (who->role));
      server_console_reply_message (msg, session, SOUP_STATUS_FORBIDDEN,
                                    T (N_("Not for this token")),
                                    T (N_("The console is for the bureau’s administrator and inspectors. "
                                          "A terminal’s token cannot sign in here.")));
      return;
    }
  if (!console_session_start (ctx, msg, who, &error))
    {
      server_console_reply_storage_error (msg, session, "sign-in", error);
      return;
    }
  server_console_audit (ctx, &as_who, "sign in", server_role_to_string (who->role));
  server_console_redirect (msg, "/console");
}

static void
console_signout (ServerContext              *ctx,
                 SoupServerMessage          *msg,
                 GHashTable                 *fields,
                 const ServerConsoleSession *session)
{
  server_console_audit (ctx, session, "sign out", NULL);
  console_session_end (ctx, msg);
  server_console_redirect (msg, "/console/sign-in");
}

/* The first section the role may use. */
static void
console_home (ServerContext              *ctx,
              SoupServerMessage          *msg,
              GHashTable                 *fields,
              const ServerConsoleSession *session)
{
  for (guint i = 0; sections && i < sections->len; i++)
    {
      const ServerConsolePage *page = sections->pdata[i];

      if (page->nav_label != NULL && (page->roles & session->role) != 0)
        {
          server_console_redirect (msg, page->path);
          return;
        }
    }
  server_console_reply_message (msg, session, SOUP_STATUS_OK, T (N_("Market supervision console")),
                                NULL);
}

static void
console_stylesheet (ServerContext              *ctx,
                    SoupServerMessage          *msg,
                    GHashTable                 *fields,
                    const ServerConsoleSession *session)
{
  g_autoptr(GBytes) css = server_page_static ("console.css");

  server_console_secure_headers (msg);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "max-age=3600");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/css; charset=utf-8", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (css, NULL), g_bytes_get_size (css));
}

/* Whether @path is the page path @pattern; a pattern ending in "/" "*" takes
 * one more non-empty segment (a photo's hash). */
static gboolean
page_path_matches (const char *pattern,
                   const char *path)
{
  gsize stem = strlen (pattern) - 1;

  if (!g_str_has_suffix (pattern, "/*"))
    return g_strcmp0 (pattern, path) == 0;
  return strncmp (pattern, path, stem) == 0 && path[stem] != '\0' && strchr (path + stem, '/') == NULL;
}

static const ServerConsolePage *
page_for (const char *path)
{
  for (guint i = 0; i < sections->len; i++)
    if (page_path_matches (((const ServerConsolePage *) sections->pdata[i])->path, path))
      return sections->pdata[i];
  return NULL;
}

static GHashTable *
form_fields (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = body ? soup_message_body_flatten (body) : NULL;
  g_autofree char *text = bytes ? g_strndup (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes)) : NULL;
  GHashTable *fields = text && *text ? soup_form_decode (text) : NULL;

  return fields ? fields : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Every console path: session, role, form checks, then the page's handler. */
static void
console_dispatch (ServerContext         *ctx,
                  SoupServerMessage     *msg,
                  GHashTable            *query,
                  const ServerPrincipal *unused)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  gboolean post = g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0;
  const ServerConsolePage *page = page_for (path);
  ServerLang lang = server_lang_from_header (soup_message_headers_get_one (
                                               soup_server_message_get_request_headers (msg), "Accept-Language"));
  g_autoptr(GHashTable) fields = post ? form_fields (msg) : (query ? g_hash_table_ref (query) : NULL);
  ServerConsoleSession anonymous = { .lang = lang };
  ServerConsoleSession *session = NULL;
  const ServerConsoleSession *as = &anonymous;
  ServerConsoleHandler handler = page ? (post ? page->post : page->get) : NULL;

  if (fields == NULL)
    fields = g_hash_table_new (g_str_hash, g_str_equal);
  if (page == NULL || handler == NULL)
    {
      server_console_reply_message (msg, as, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                    server_gettext (lang, N_("Not here")), NULL);
      return;
    }
  if (page->roles != 0)
    {
      if ((session = console_session_from_request (ctx, msg)) == NULL)
        {
          server_console_redirect (msg, "/console/sign-in");
          return;
        }
      session->lang = lang;
      as = session;
      if ((page->roles & session->role) == 0)
        {
          server_console_reply_message (msg, as, SOUP_STATUS_FORBIDDEN, T (N_("Not for your role")),
                                        T (N_("This page is for the bureau’s administrator.")));
          goto out;
        }
      if (post && !console_form_trusted (msg, fields, session->csrf))
        {
          server_console_audit (ctx, session, "form refused", path);
          server_console_reply_message (msg, as, SOUP_STATUS_FORBIDDEN, T (N_("Form refused")),
                                        T (N_("The form had expired or did not come from this console. "
                                              "Go back, reload the page and send it again.")));
          goto out;
        }
    }
  handler (ctx, msg, fields, as);
out:
  console_session_free (session);
}

void
server_console_install (SoupServer    *server,
                        ServerContext *ctx)
{
  if (sections == NULL)
    {
      server_console_add_pages (frame_pages, G_N_ELEMENTS (frame_pages));
      /* Sections, in nav order: one line each. */
      server_console_recall_register ();
      server_console_notices_register ();
      server_console_inspections_register ();
      server_console_photos_register ();
      server_console_tasks_register ();
      server_console_risk_register ();
      server_console_audit_register ();
    }
  for (guint i = 0; i < sections->len; i++)
    {
      const ServerConsolePage *page = sections->pdata[i];
      ServerRoute *route = g_new0 (ServerRoute, 1);

      /* The session, not a bearer token, says who: roles 0 at the API's gate. */
      route->path = page->path;
      route->method = page->get && page->post ? NULL : page->get ? "GET" : "POST";
      route->handler = console_dispatch;
      server_api_add_route (server, ctx, route);
    }
}
