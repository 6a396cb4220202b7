/* http-client.c — libcurl with TLS verification on, bounded bodies and timeouts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "http-client.h"
#include "json-depth.h"

#include <curl/curl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (suyuan-http-error-quark, suyuan_http_error)

static size_t
collect (char   *data,
         size_t  size,
         size_t  count,
         void   *user_data)
{
  GByteArray *buffer = user_data;
  size_t n = size * count;

  if (buffer->len + n > SUYUAN_HTTP_MAX_BODY)
    return 0;  /* aborts the transfer */
  g_byte_array_append (buffer, (const guint8 *) data, (guint) n);
  return n;
}

/* The server's {"error": "…"}, bounded and printable: it is hostile input. */
static char *
server_reason (GByteArray *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  const char *text;
  GString *out;

  /* json-glib recurses: a hostile server's deep nesting would crash us. */
  if (!suyuan_json_depth_within ((const char *) body->data, body->len, SUYUAN_JSON_MAX_DEPTH)
      || !json_parser_load_from_data (parser, (const char *) body->data, (gssize) body->len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (text = json_object_get_string_member_with_default (json_node_get_object (root), "error", NULL)) == NULL
      || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("-");
  out = g_string_new (NULL);
  for (const char *p = text; *p && out->len < 200; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_string_free (out, FALSE);
}

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

static gboolean
is_private (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_is_site_local (address) || g_inet_address_get_is_link_local (address))
    return TRUE;
  /* IPv6 unique local addresses, fc00::/7 (GLib knows only fec0::/10). */
  return g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 && (bytes[0] & 0xfe) == 0xfc;
}

static gboolean
allowed_by_env (GInetAddress *address)
{
  const char *list = g_getenv ("SUYUAN_ALLOW_HTTP");
  g_auto(GStrv) entries = NULL;

  if (list == NULL || !is_private (address))
    return FALSE;
  entries = g_strsplit_set (list, ", ", -1);
  for (guint i = 0; entries[i]; i++)
    {
      g_autoptr(GInetAddressMask) mask = NULL;

      if (entries[i][0] == '\0')
        continue;
      mask = g_inet_address_mask_new_from_string (entries[i], NULL);
      if (mask != NULL && g_inet_address_mask_matches (mask, address))
        return TRUE;
    }
  return FALSE;
}

gboolean
suyuan_http_url_allowed (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0
      || (host = g_uri_get_host (uri)) == NULL)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_INSECURE,
                   _("The server address must start with https:// (it is “%s”)"), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  if (address != NULL && (g_inet_address_get_is_loopback (address) || allowed_by_env (address)))
    return TRUE;
  g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_INSECURE,
               _("Plain http:// to %s is refused: the token and the recalls would travel "
                 "unprotected. Use https://, or, for a server on a private network, name its "
                 "address in SUYUAN_ALLOW_HTTP (for example SUYUAN_ALLOW_HTTP=192.168.1.20)."), host);
  return FALSE;
}

/* Per thread, so an online lookup's short limit never cuts a sync that
 * another thread runs at the same time. */
static _Thread_local guint thread_timeout_ms;

void
suyuan_http_set_thread_timeout (guint timeout_ms)
{
  thread_timeout_ms = timeout_ms;
}

/* The upload's type: photos (PUT /api/v1/photos) go as their image type,
 * everything else is JSON. Neither image signature can start JSON text. */
static const char *
body_content_type (const guint8 *data,
                   gsize         len)
{
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "Content-Type: image/png";
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "Content-Type: image/jpeg";
  return "Content-Type: application/json";
}

GBytes *
suyuan_http_request (const char *method,
                     const char *url,
                     const char *token,
                     GBytes     *body,
                     long       *status,
                     GError    **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *auth = NULL;
  struct curl_slist *headers = NULL;
  char curl_message[CURL_ERROR_SIZE] = "";
  const char *ca_file = g_getenv ("SUYUAN_CA_FILE");
  CURL *curl;
  CURLcode res;
  long code = 0;

  if (!suyuan_http_url_allowed (url, error))
    return NULL;
  g_once (&once, init_curl, NULL);
  curl = curl_easy_init ();
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, buffer);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, 30L);
  if (thread_timeout_ms > 0)
    curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) thread_timeout_ms);
  curl_easy_setopt (curl, CURLOPT_ACCEPT_ENCODING, "");  /* gzip when the server offers it */
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, curl_message);
  if (ca_file != NULL && ca_file[0] != '\0')
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca_file);
  headers = curl_slist_append (headers, "Accept: application/json");
  if (token != NULL && token[0] != '\0')
    {
      auth = g_strdup_printf ("Authorization: Bearer %s", token);
      headers = curl_slist_append (headers, auth);
    }
  if (body != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);

      headers = curl_slist_append (headers, body_content_type ((const guint8 *) data, len));
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, data);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) len);
    }
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  res = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  if (auth != NULL)
    memset (auth, 0, strlen (auth));  /* do not leave the token lying in freed memory */

  if (status)
    *status = code;
  if (res == CURLE_WRITE_ERROR)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_TOO_LARGE,
                   _("The server sent more than %d MiB; refused"), SUYUAN_HTTP_MAX_BODY / (1024 * 1024));
      return NULL;
    }
  if (res == CURLE_PEER_FAILED_VERIFICATION)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_CERTIFICATE,
                   _("The server’s certificate is not trusted (%s); nothing was sent. If the server uses "
                     "a private certificate authority, set SUYUAN_CA_FILE to that authority’s certificate "
                     "(a PEM file)."), curl_message[0] ? curl_message : curl_easy_strerror (res));
      return NULL;
    }
  if (res == CURLE_SSL_CACERT_BADFILE)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_CERTIFICATE,
                   _("Cannot read the CA file %s (SUYUAN_CA_FILE): it must be a PEM certificate"),
                   ca_file ? ca_file : "-");
      return NULL;
    }
  if (res != CURLE_OK)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK,
                   _("Cannot reach the server: %s"), curl_easy_strerror (res));
      return NULL;
    }
  if (code == 401)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_UNAUTHORIZED,
                   _("The server did not accept this terminal’s token (HTTP 401): it is missing, mistyped "
                     "or revoked. Ask the server’s administrator for a device token and set SUYUAN_TOKEN, "
                     "or save it in the token file with permissions 0600."));
      return NULL;
    }
  if (code == 403)
    {
      g_autofree char *reason = server_reason (buffer);

      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_FORBIDDEN,
                   _("The server refused: this terminal’s token does not allow that (HTTP 403: %s). "
                     "Ask the server’s administrator for a token with the right role."), reason);
      return NULL;
    }
  if (code >= 400 && code < 500)
    {
      g_autofree char *reason = server_reason (buffer);

      /* The client's fault: the server's reason says what to fix. */
      if (strcmp (reason, "-") != 0)
        {
          g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS,
                       _("The server refused the request (HTTP %ld): %s"), code, reason);
          return NULL;
        }
    }
  if (code < 200 || code >= 300)
    {
      g_set_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS,
                   _("The server answered with HTTP status %ld"), code);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static guint retry_attempts = 4;
static guint retry_first_delay_ms = 500;

void
suyuan_http_set_retry (guint attempts,
                       guint first_delay_ms)
{
  retry_attempts = MAX (attempts, 1);
  retry_first_delay_ms = first_delay_ms;
}

static gboolean
is_transient (GError *error,
              long    status)
{
  return g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK)
         || (g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS) && status >= 500);
}

GBytes *
suyuan_http_request_retry (const char *method,
                           const char *url,
                           const char *token,
                           GBytes     *body,
                           long       *status,
                           GError    **error)
{
  guint delay = retry_first_delay_ms;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      long code = 0;
      GBytes *reply = suyuan_http_request (method, url, token, body, &code, &local);

      if (status)
        *status = code;
      if (reply != NULL)
        return reply;
      if (attempt >= retry_attempts || !is_transient (local, code))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      /* Jitter spreads out terminals that all lost the same server at once. */
      g_usleep ((gulong) (delay + g_random_int_range (0, (gint32) delay / 4 + 1)) * 1000);
      delay = MIN (delay * 2, 30000);
    }
}
