/* code-uri.c — splitting scanned http(s) URIs (RFC 3986 shape, no decoding).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "code-uri.h"

#include <string.h>

static gboolean
host_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("-._~%!$&'()*+,;=:", c) != NULL;
}

gboolean
suyuan_uri_split (const char     *input,
                  SuyuanUriParts *parts)
{
  const char *p, *auth, *auth_end, *at, *host, *host_end, *hash;

  if (g_ascii_strncasecmp (input, "https://", 8) == 0)
    auth = input + 8;
  else if (g_ascii_strncasecmp (input, "http://", 7) == 0)
    auth = input + 7;
  else
    return FALSE;
  auth_end = auth + strcspn (auth, "/?#");
  /* user info is everything up to the last '@' of the authority */
  host = auth;
  for (at = auth; at < auth_end; at++)
    if (*at == '@')
      host = at + 1;
  if (*host == '[')
    {
      const char *close = memchr (host, ']', (gsize) (auth_end - host));

      if (close == NULL)
        return FALSE;
      parts->host = host + 1;
      parts->host_len = (gsize) (close - host - 1);
      host_end = close + 1;
      if (host_end < auth_end && *host_end != ':')
        return FALSE;
    }
  else
    {
      host_end = memchr (host, ':', (gsize) (auth_end - host));
      if (host_end == NULL)
        host_end = auth_end;
      parts->host = host;
      parts->host_len = (gsize) (host_end - host);
    }
  if (parts->host_len == 0)
    return FALSE;
  for (gsize i = 0; i < parts->host_len; i++)
    if (!host_char (parts->host[i]))
      return FALSE;
  /* the port, when there is one, is digits */
  for (p = host_end + (host_end < auth_end ? 1 : 0); p < auth_end; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  hash = auth_end + strcspn (auth_end, "#");
  parts->path = auth_end;
  parts->path_len = strcspn (auth_end, "?#");
  parts->query = NULL;
  parts->query_len = 0;
  if (auth_end[parts->path_len] == '?')
    {
      parts->query = auth_end + parts->path_len + 1;
      parts->query_len = (gsize) (hash - parts->query);
    }
  return TRUE;
}
