/* server-console-session.c — console sessions: a random id in an HttpOnly,
 * SameSite=Strict cookie, kept in the server store only as its SHA-256, with
 * an idle and an absolute limit; and the CSRF and Origin checks of forms.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console-private.h"
#include "server-store-console.h"

#include <string.h>

#define MAX_COOKIE_LEN 256

void
console_session_free (ServerConsoleSession *session)
{
  if (session == NULL)
    return;
  g_free (session->user);
  g_free (session->region);
  g_free (session->party);
  g_free (session->csrf);
  g_free (session);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
console_cookie (SoupServerMessage *msg,
                const char        *name)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Cookie");
  g_auto(GStrv) pairs = NULL;

  if (header == NULL)
    return NULL;
  pairs = g_strsplit (header, ";", 32);
  for (int i = 0; pairs[i]; i++)
    {
      char *pair = g_strstrip (pairs[i]);
      gsize len = strlen (name);

      if (strncmp (pair, name, len) == 0 && pair[len] == '='
          && strlen (pair + len + 1) <= MAX_COOKIE_LEN)
        return g_strdup (pair + len + 1);
    }
  return NULL;
}

static gboolean
is_https (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return uri && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0;
}

void
console_set_cookie (SoupServerMessage *msg,
                    const char        *name,
                    const char        *value,
                    int                max_age)
{
  g_autofree char *cookie = g_strdup_printf ("%s=%s; Path=/console; Max-Age=%d; HttpOnly; SameSite=Strict%s",
                                             name, value, max_age, is_https (msg) ? "; Secure" : "");

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                               cookie);
}

static char *
hash_id (const char *id)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
}

ServerConsoleSession *
console_session_from_request (ServerContext     *ctx,
                              SoupServerMessage *msg)
{
  g_autofree char *id = console_cookie (msg, CONSOLE_COOKIE);
  g_autofree char *id_hash = NULL;
  g_autoptr(ServerStoredSession) stored = NULL;
  ServerConsoleSession *session;
  gint64 now = now_seconds ();

  if (id == NULL)
    return NULL;
  id_hash = hash_id (id);
  if ((stored = server_store_session_get (ctx->store, id_hash)) == NULL)
    return NULL;
  if (stored->seen_at < now - SERVER_CONSOLE_IDLE_SECONDS
      || stored->created_at < now - SERVER_CONSOLE_MAX_SECONDS)
    {
      server_store_session_delete (ctx->store, id_hash);
      return NULL;
    }
  server_store_session_touch (ctx->store, id_hash, now);
  session = g_new0 (ServerConsoleSession, 1);
  session->user = g_steal_pointer (&stored->token_name);
  session->role = server_role_from_string (stored->role);
  session->region = g_steal_pointer (&stored->region);
  session->party = g_steal_pointer (&stored->party);
  session->csrf = g_steal_pointer (&stored->csrf);
  return session;
}

gboolean
console_session_start (ServerContext         *ctx,
                       SoupServerMessage     *msg,
                       const ServerPrincipal *who,
                       GError               **error)
{
  g_autofree char *id = server_random_hex ("", error);
  g_autofree char *csrf = id ? server_random_hex ("", error) : NULL;
  g_autofree char *id_hash = NULL;
  gint64 now = now_seconds ();

  if (csrf == NULL)
    return FALSE;
  /* Sign-in is rare: a good time to forget the sessions that ran out. */
  server_store_sessions_expire (ctx->store, now - SERVER_CONSOLE_IDLE_SECONDS,
                                now - SERVER_CONSOLE_MAX_SECONDS);
  id_hash = hash_id (id);
  if (!server_store_session_add (ctx->store, id_hash, who->name, csrf, now, error))
    return FALSE;
  console_set_cookie (msg, CONSOLE_COOKIE, id, SERVER_CONSOLE_MAX_SECONDS);
  console_set_cookie (msg, CONSOLE_SIGNIN_COOKIE, "", 0);
  return TRUE;
}

void
console_session_end (ServerContext     *ctx,
                     SoupServerMessage *msg)
{
  g_autofree char *id = console_cookie (msg, CONSOLE_COOKIE);

  if (id != NULL)
    {
      g_autofree char *id_hash = hash_id (id);

      server_store_session_delete (ctx->store, id_hash);
    }
  console_set_cookie (msg, CONSOLE_COOKIE, "", 0);
}

/* Equal strings, in a time that does not tell how much of them matched. */
static gboolean
same_secret (const char *a,
             const char *b)
{
  gsize len;
  guint8 diff = 0;

  if (a == NULL || b == NULL || (len = strlen (a)) != strlen (b) || len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

/* The request's Origin, when sent, must be this server as the browser
 * addressed it (scheme and Host). */
static gboolean
origin_ok (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (h, "Origin");
  const char *host = soup_message_headers_get_one (h, "Host");
  const char *site = soup_message_headers_get_one (h, "Sec-Fetch-Site");
  g_autofree char *expected = NULL;

  /* Browsers that say where a request comes from: only our own pages. */
  if (site != NULL && g_strcmp0 (site, "same-origin") != 0 && g_strcmp0 (site, "none") != 0)
    return FALSE;
  if (origin == NULL)
    return TRUE;    /* older browsers; the CSRF token still holds */
  if (host == NULL)
    return FALSE;
  expected = g_strconcat (is_https (msg) ? "https://" : "http://", host, NULL);
  return g_ascii_strcasecmp (origin, expected) == 0;
}

gboolean
console_form_trusted (SoupServerMessage *msg,
                      GHashTable        *fields,
                      const char        *expected)
{
  return origin_ok (msg) && same_secret (g_hash_table_lookup (fields, "csrf"), expected);
}
