/* server-epcis-validate.h — checking a captured EPCISDocument before any of
 * it is stored: its shape (types, lengths, depth; hostile input) and every
 * event's standard fields, and reading what the store indexes of each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store-epcis.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SERVER_EPCIS_MAX_URI_BYTES 1024
/* One event's JSON text, and nesting below the document. */
#define SERVER_EPCIS_MAX_EVENT_BYTES (256 * 1024)
#define SERVER_EPCIS_MAX_DEPTH 24
#define SERVER_EPCIS_MAX_STRING_BYTES (16 * 1024)

typedef enum {
  SERVER_EPCIS_BIZ_STEP,
  SERVER_EPCIS_DISPOSITION,
} ServerEpcisVocabulary;

/* server-epcis-cbv.c: a CBV 2.0 word of @vocabulary, or a URI. */
gboolean   server_epcis_vocabulary_ok (ServerEpcisVocabulary  vocabulary,
                                       const char            *value);
gboolean   server_epcis_is_uri        (const char            *text);

/* The events of @list (the document's eventList) as ServerEpcisEvent, JSON
 * text (@raw's, each as sent, when not NULL) and names filled, eventIDs made where absent; @context is the
 * document's @context (or NULL). NULL with a G_IO_ERROR_INVALID_DATA error
 * naming the event (its index and eventID) and the field at the first fault. */
GPtrArray *server_epcis_read_events   (JsonArray  *list,
                                       GPtrArray  *raw,
                                       JsonNode   *context,
                                       GError    **error);
/* server-epcis-raw.c: the text of each element of epcisBody.eventList in
 * @text (JSON the reader accepted), or NULL where it cannot tell. */
GPtrArray *server_epcis_raw_events    (const char *text,
                                       gsize       len);

G_END_DECLS
