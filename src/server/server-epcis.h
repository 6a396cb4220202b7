/* server-epcis.h — EPCIS 2.0 JSON-LD interop: capture of EPCISDocuments from
 * other traceability systems, and a query that answers with one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"

G_BEGIN_DECLS

/* EPCIS events one capture may carry, and our events they may become. */
#define SERVER_EPCIS_MAX_EVENTS 10000
#define SERVER_EPCIS_MAX_ITEMS 100000
/* A producer's or retailer's capture may carry a tenth as much. */
#define SERVER_EPCIS_MAX_PARTY_ITEMS 10000
#define SERVER_EPCIS_MAX_URI 1024

/* What one EPC (an item, or a class of items with epcClass) names. */
typedef struct {
  char *gtin;         /* 14 digits */
  char *product_id;   /* ours: from urn:x-suyuan:product:, or the product with the GTIN */
  char *lot;
  char *serial;
  char *batch_id;     /* as the mirror knows it */
} ServerEpc;

/* GS1 Digital Link URIs (any host), urn:epc:id:sgtin, urn:epc:class:lgtin,
 * urn:epc:idpat:sgtin and our urn:x-suyuan:product: URIs. */
gboolean  server_epc_parse   (const char  *uri,
                              ServerEpc   *epc,
                              GError     **error);
/* Fills product_id and batch_id from what the mirror knows. */
void      server_epc_resolve (SuyuanStore *mirror,
                              ServerEpc   *epc);
void      server_epc_clear   (ServerEpc   *epc);
/* What the mirror knows of a product or unit: its producer is @party; it
 * exists. */
gboolean  server_epc_owned         (SuyuanStore *mirror,
                                    const char  *product_id,
                                    const char  *party);
gboolean  server_epc_product_known (SuyuanStore *mirror,
                                    const char  *product_id);
gboolean  server_epc_unit_known    (SuyuanStore *mirror,
                                    ServerEpc   *epc);
/* Whether @party holds the unit: seen there last, or shipped there since,
 * or never seen alone and its batch shipped there (or, never shipped, it
 * is @party's own product). */
gboolean  server_epc_held_by       (SuyuanStore *mirror,
                                    ServerEpc   *epc,
                                    const char  *party);
/* The unit, or the batch (setting epc->batch_id), that a commissioning
 * elsewhere brings into being. */
JsonObject *server_epc_new_unit    (ServerEpc   *epc);
JsonObject *server_epc_new_batch   (ServerEpc   *epc,
                                    const char  *expiry_date);

/* Reading a captured event's fields (server-epcis-fields.c). A fault is a
 * GIOError @code with the message; it returns FALSE. */
gboolean     server_epcis_fault      (GError    **error,
                                      gint        code,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (3, 4);
const char  *server_epcis_string     (JsonObject *o,
                                      const char *name);
JsonObject  *server_epcis_object     (JsonObject *o,
                                      const char *name);
/* A CBV value without any of @prefixes, lower case, if it is a plain word. */
char        *server_epcis_cbv_word   (const char        *value,
                                      const char *const *prefixes);
/* Our event type from bizStep (or action), e.g. retail_selling → selling. */
char        *server_epcis_type       (JsonObject *ev,
                                      GError    **error,
                                      guint       index);
/* eventTime written in the event's own eventTimeZoneOffset, or NULL. */
char        *server_epcis_time       (JsonObject *ev);
/* Our party id from urn:x-suyuan:party:ID, or NULL for other URIs. */
char        *server_epcis_party      (const char *uri);
char        *server_epcis_list_party (JsonObject *ev,
                                      const char *list,
                                      const char *key);
/* Our id back from urn:x-suyuan:event:ID, else E-EPCIS- and a UUID-shaped
 * SHA-256 of the eventID (or of the event): the same event, the same id. */
char        *server_epcis_event_id   (JsonObject *ev);

/* What a capture appends, arrays of JsonObject: our events, and the batches
 * (a new lot) and units (a new serial) that commissioning events (action
 * ADD) of a known product bring. */
typedef struct {
  GPtrArray *events;
  GPtrArray *batches;
  GPtrArray *units;
} ServerEpcisOut;

/* Appends to @out our events (and new batches) for EPCIS event @node, number
 * @index in the document's eventList, stored as @stored_id; what does not
 * map to our model (other event types, keys, sensor data) adds nothing. A fault in the event is a
 * G_IO_ERROR_INVALID_DATA error, something @who may not record a
 * G_IO_ERROR_PERMISSION_DENIED one; both name the event. */
gboolean  server_epcis_map_event (SuyuanStore           *mirror,
                                  const ServerPrincipal *who,
                                  JsonNode              *node,
                                  guint                  index,
                                  const char            *stored_id,
                                  ServerEpcisOut        *out,
                                  GError               **error);

/* What one capture stored. */
typedef struct {
  guint captured;     /* EPCIS events in the document */
  guint stored;       /* EPCIS events stored as sent (the rest were held already) */
  guint events;       /* our events appended */
  guint duplicates;   /* our events held already */
} ServerEpcisCaptured;

/* Captures the EPCISDocument in @body for @who: every event checked, then
 * all stored in one transaction, or nothing. A fault in the document is a
 * G_IO_ERROR_INVALID_DATA error, something @who may not record a
 * G_IO_ERROR_PERMISSION_DENIED one; others are storage errors. Runs on any
 * thread that owns @store and @mirror. */
gboolean  server_epcis_capture        (ServerStore           *store,
                                       SuyuanStore           *mirror,
                                       const ServerPrincipal *who,
                                       GBytes                *body,
                                       ServerEpcisCaptured   *counts,
                                       GError               **error);
/* The HTTP status for a capture's @error: 400, 403 or 500. */
guint     server_epcis_capture_status (const GError          *error);
/* The answer of POST /api/v1/epcis/capture: @counts, or @error (not NULL). */
void      server_epcis_reply_capture  (SoupServerMessage         *msg,
                                       ServerStore               *store,
                                       const ServerEpcisCaptured *counts,
                                       const GError              *error);

/* POST /api/v1/epcis/capture and GET /api/v1/epcis/events. */
void      server_handle_epcis_capture (ServerContext         *ctx,
                                       SoupServerMessage     *msg,
                                       GHashTable            *query,
                                       const ServerPrincipal *who);
void      server_handle_epcis_events  (ServerContext         *ctx,
                                       SoupServerMessage     *msg,
                                       GHashTable            *query,
                                       const ServerPrincipal *who);

G_END_DECLS
