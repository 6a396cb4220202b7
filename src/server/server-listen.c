/* server-listen.c — parses --listen addresses and binds each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-listen.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

/* "ADDR", "ADDR:PORT", "[V6]" or "[V6]:PORT" into an address and a port. */
static GSocketAddress *
parse_address (const char *text,
               guint       default_port,
               GError    **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *port_text = NULL;
  guint64 port = default_port;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || (close[1] != '\0' && close[1] != ':'))
        goto bad;
      host = g_strndup (text + 1, (gsize) (close - text - 1));
      port_text = close[1] == ':' ? close + 2 : NULL;
    }
  else if (strchr (text, ':') != NULL && strchr (text, ':') == strrchr (text, ':'))
    {
      const char *colon = strchr (text, ':');

      host = g_strndup (text, (gsize) (colon - text));
      port_text = colon + 1;
    }
  else
    host = g_strdup (text);   /* IPv4 without a port, or bare IPv6 */
  if (port_text != NULL
      && !g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    goto bad;
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    goto bad;
  return g_inet_socket_address_new (address, (guint16) port);

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an address to listen on (IPv4 or IPv6, e.g. 0.0.0.0:8480 or [::]:8480)"), text);
  return NULL;
}

gboolean
server_listen_all (SoupServer               *server,
                   const char *const        *addresses,
                   guint                     default_port,
                   SoupServerListenOptions   options,
                   GError                  **error)
{
  static const char *const loopback[] = { "127.0.0.1", NULL };
  /* Only HTTPS carries over: the address says which family. */
  SoupServerListenOptions keep = options & SOUP_SERVER_LISTEN_HTTPS;

  if (addresses == NULL || addresses[0] == NULL)
    addresses = loopback;
  for (gsize i = 0; addresses[i] != NULL; i++)
    {
      g_autoptr(GSocketAddress) address = parse_address (addresses[i], default_port, error);
      g_autoptr(GError) local = NULL;

      if (address == NULL)
        return FALSE;
      if (!soup_server_listen (server, address, keep, &local))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot listen on %s: %s"),
                       addresses[i], local->message);
          return FALSE;
        }
    }
  return TRUE;
}

char *
server_listen_describe (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  GString *text = g_string_new (NULL);

  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *uri = g_uri_to_string (l->data);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, uri);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_string_free (text, FALSE);
}
