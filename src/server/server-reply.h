/* server-reply.h — JSON replies shared by the request handlers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Sends @builder's root, gzip-compressed when the client accepts it. */
void      server_reply_json      (SoupServerMessage *msg,
                                  guint              status,
                                  JsonBuilder       *builder);
/* Sends JSON text made elsewhere; takes @text. */
void      server_reply_text      (SoupServerMessage *msg,
                                  guint              status,
                                  char              *text,
                                  gsize              len);
/* {"error": @message} */
void      server_reply_error     (SoupServerMessage *msg,
                                  guint              status,
                                  const char        *message);
/* Replies 405 and returns FALSE unless the request uses @method. */
gboolean  server_require_method  (SoupServerMessage *msg,
                                  const char        *method);

/* @name: @value in the object being built, or null when @value is NULL. */
void      server_json_member_string (JsonBuilder *builder,
                                     const char  *name,
                                     const char  *value);

G_END_DECLS
