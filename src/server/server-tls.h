/* server-tls.h — HTTPS for suyuan-server: a certificate and key from files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Loads the PEM certificate (chain) @cert_file and its private key
 * @key_file, gives them to @server and adds SOUP_SERVER_LISTEN_HTTPS to
 * @options. Fails with a message saying what to fix: one file without the
 * other, an unreadable or mismatched pair, a key others may read, or no TLS
 * backend (glib-networking). */
gboolean server_tls_setup (SoupServer              *server,
                           const char              *cert_file,
                           const char              *key_file,
                           SoupServerListenOptions *options,
                           GError                 **error);

G_END_DECLS
