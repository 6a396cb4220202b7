/* server-epcis-write.h — stored EPCIS events into a query's document.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store-epcis.h"

G_BEGIN_DECLS

/* The namespaces of the events written so far: context URLs and prefixes. */
typedef struct {
  JsonObject *prefixes;
  GPtrArray *urls;
  GPtrArray *texts;   /* events as sent, standing in the builder as mark + index */
  char *mark;
} ServerEpcisContext;

void  server_epcis_context_init   (ServerEpcisContext     *ctx);
void  server_epcis_context_clear  (ServerEpcisContext     *ctx);
/* Adds @event (inside the builder's open eventList) as sent (a placeholder
 * for the text server_epcis_splice puts in), with the repository's
 * recordTime and the eventID it made, if it made one; its
 * document's @context joins @ctx (or, where a prefix clashes, stays in the
 * event). */
void  server_epcis_add_stored     (JsonBuilder            *b,
                                   const ServerEpcisEvent *event,
                                   ServerEpcisContext     *ctx);
/* @document's text (made from the builder) with each event put in as a
 * placeholder replaced by its text as sent; NULL if the text was altered. */
char *server_epcis_splice         (const char             *document,
                                   ServerEpcisContext     *ctx);
/* Appends @ctx to the @context array of @document (an EPCIS document). */
void  server_epcis_finish_context (JsonNode               *document,
                                   ServerEpcisContext     *ctx);

G_END_DECLS
