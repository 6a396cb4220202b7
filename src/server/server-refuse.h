/* server-refuse.h — answering a refused request before its body is read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* TRUE when the request announces a body (a Content-Length above zero, or
 * chunks) that has not been read yet. */
gboolean server_refuse_has_body (SoupServerMessage *msg);

/* Sends the status and reply already set on @msg, takes the connection from
 * libsoup and closes it, so the body announced is never read or buffered.
 * Call from an early handler only. */
void     server_refuse_now      (SoupServerMessage *msg);

G_END_DECLS
