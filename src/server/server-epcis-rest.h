/* server-epcis-rest.h — the EPCIS 2.0 REST binding beside our API: capture
 * jobs (POST /capture, GET /capture[/{id}]) and the standard event query
 * (GET /events, /eventTypes[/{type}/events]), in JSON-LD.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"

G_BEGIN_DECLS

#define SERVER_EPCIS_REST_VERSION "2.0.0"
/* Events one page of GET /events holds by default and at most. */
#define SERVER_EPCIS_REST_PER_PAGE 100
#define SERVER_EPCIS_REST_MAX_PER_PAGE 1000

/* The GS1-EPCIS-Version and GS1-CBV-Version headers every answer carries. */
void      server_epcis_rest_headers  (SoupServerMessage *msg);
/* An RFC 7807 problem: {"type": "epcisException:@exception", "title",
 * "status"} as application/problem+json. */
void      server_epcis_problem       (SoupServerMessage *msg,
                                      guint              status,
                                      const char        *exception,
                                      const char        *title);
/* Sends @builder's root as application/ld+json. */
void      server_epcis_reply_ld      (SoupServerMessage *msg,
                                      guint              status,
                                      JsonBuilder       *builder);

/* perPage from @query within 1..@max (default @fallback); FALSE if malformed. */
gboolean  server_epcis_per_page      (GHashTable        *query,
                                      guint              fallback,
                                      guint              max,
                                      guint             *out);
/* An opaque nextPageToken for a page's @cursor, and the cursor back from
 * one (NULL when it is no token of ours). */
char     *server_epcis_token_new     (const char        *cursor);
char     *server_epcis_token_read    (const char        *token);
/* Whether every parameter of @query is one of @known; else answers 400
 * (QueryParameterException) naming the first unknown one. */
gboolean  server_epcis_known_params  (SoupServerMessage *msg,
                                      GHashTable        *query,
                                      const char *const *known);

/* Capture jobs (server-epcis-jobs.c). Accepts @body for capture by @who:
 * @msg is paused while the job's first state is saved (by a thread of its
 * own), then answered 202 with the job's Location, and the capture thread
 * captures it; 503 at once when 16 jobs wait already. Needs ctx->db_path. */
void      server_capture_job_accept  (ServerContext         *ctx,
                                      SoupServerMessage     *msg,
                                      const ServerPrincipal *who,
                                      GBytes                *body);
/* POST /api/v1/epcis/capture on the capture thread: @msg is paused until
 * the capture ended and then answered (server_epcis_reply_capture); 503
 * at once when 16 jobs wait already. Needs ctx->db_path. */
void      server_capture_in_thread   (ServerContext         *ctx,
                                      SoupServerMessage     *msg,
                                      const ServerPrincipal *who,
                                      GBytes                *body);
/* Jobs a stopped server left running end as failed: their documents are
 * gone, and the client must send them again. */
void      server_capture_jobs_recover (ServerStore          *store);

/* The handlers (server-epcis-rest.c, server-epcis-rest-query.c). */
void  server_handle_rest_capture      (ServerContext *ctx, SoupServerMessage *msg,
                                       GHashTable *query, const ServerPrincipal *who);
void  server_handle_rest_capture_jobs (ServerContext *ctx, SoupServerMessage *msg,
                                       GHashTable *query, const ServerPrincipal *who);
void  server_handle_rest_capture_job  (ServerContext *ctx, SoupServerMessage *msg,
                                       GHashTable *query, const ServerPrincipal *who);
void  server_handle_rest_events       (ServerContext *ctx, SoupServerMessage *msg,
                                       GHashTable *query, const ServerPrincipal *who);
void  server_handle_rest_event_types  (ServerContext *ctx, SoupServerMessage *msg,
                                       GHashTable *query, const ServerPrincipal *who);
void  server_handle_rest_discovery    (ServerContext *ctx, SoupServerMessage *msg,
                                       GHashTable *query, const ServerPrincipal *who);

G_END_DECLS
