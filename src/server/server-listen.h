/* server-listen.h — where suyuan-server listens: --listen ADDRESS[:PORT], repeatable.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Listens on every address of @addresses (NULL or empty: 127.0.0.1 only).
 * Each is an IPv4 or IPv6 literal with an optional port: "0.0.0.0",
 * "192.0.2.7:8480", "::", "[::1]:8480"; a missing port is @default_port.
 * Host names are refused: a server should not depend on a resolver to
 * start. An IPv6 wildcard ("::") takes IPv6 only; add "0.0.0.0" for IPv4. */
gboolean server_listen_all (SoupServer               *server,
                            const char *const        *addresses,
                            guint                     default_port,
                            SoupServerListenOptions   options,
                            GError                  **error);

/* "http://127.0.0.1:8480, http://[::1]:8480": for the log line. */
char    *server_listen_describe (SoupServer *server);

G_END_DECLS
