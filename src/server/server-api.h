/* server-api.h — the HTTP/JSON API of suyuan-server (docs/api.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include "server-store.h"
#include "server-tokens.h"
#include "store.h"

G_BEGIN_DECLS

#define SERVER_API_MAX_PAGE 5000
#define SERVER_API_MAX_RECORDS 1000
/* Units one code-registration record may commission. */
#define SERVER_MAX_REGISTERED_UNITS 100000
/* Request bodies above this are refused before they are read. */
#define SERVER_API_DEFAULT_MAX_BODY (8 * 1024 * 1024)

typedef struct _ServerResolver ServerResolver;

typedef struct {
  ServerStore *store;
  SuyuanStore *mirror;    /* the feed applied as a terminal would, for lookups */
  gsize max_body;
  const char *db_path;    /* for connections of other threads; NULL: none */
  const char *mirror_path;
  const char *photos_dir;  /* uploaded inspection photos (server-photos.h) */
  ServerResolver *resolver;  /* the public resolver (server-resolver.h), or NULL */
} ServerContext;

/* A handler runs only once the request passed the route's role check;
 * @who is NULL on open endpoints. */
typedef void (*ServerHandler) (ServerContext         *ctx,
                               SoupServerMessage     *msg,
                               GHashTable            *query,
                               const ServerPrincipal *who);

typedef struct {
  const char *path;       /* exact; a '*' stands for one path segment */
  const char *method;     /* NULL: GET or POST (a page and its form) */
  guint roles;            /* ServerRole bits allowed by bearer token; 0: open to anyone */
  ServerHandler handler;
  gboolean epcis;         /* the EPCIS REST binding: refusals are RFC 7807 problems */
} ServerRoute;

void  server_api_install    (SoupServer    *server,
                             ServerContext *ctx);
/* Serves one more route, with the same early checks (methods, body sizes,
 * tokens) as the API's own; @route must outlive @server. */
void  server_api_add_route  (SoupServer        *server,
                             ServerContext     *ctx,
                             const ServerRoute *route);

/* Handlers of the endpoints, each in its own file. */
void  server_handle_records (ServerContext         *ctx,
                             SoupServerMessage     *msg,
                             GHashTable            *query,
                             const ServerPrincipal *who);

void  server_handle_lookup  (ServerContext         *ctx,
                             SoupServerMessage     *msg,
                             GHashTable            *query,
                             const ServerPrincipal *who);

/* GET /api/v1/recall-scope (server-recall-scope.c). */
void  server_handle_recall_scope (ServerContext         *ctx,
                                  SoupServerMessage     *msg,
                                  GHashTable            *query,
                                  const ServerPrincipal *who);

/* The batch any code of it names (GS1 element string, Digital Link, drug
 * code; a unit's or a lot's), or NULL: unknown (no error) or a storage
 * error. The mirror must have caught up. */
char *server_recall_batch_for_code (ServerContext *ctx,
                                    const char    *text,
                                    GError       **error);

/* GET /api/v1/risk-warnings (server-risk-warnings.c). */
void  server_handle_risk_warnings (ServerContext         *ctx,
                                   SoupServerMessage     *msg,
                                   GHashTable            *query,
                                   const ServerPrincipal *who);

/* GET /api/v1/inspections and /api/v1/inspection-tasks (server-inspections.c). */
void  server_handle_inspections      (ServerContext         *ctx,
                                      SoupServerMessage     *msg,
                                      GHashTable            *query,
                                      const ServerPrincipal *who);
void  server_handle_inspection_tasks (ServerContext         *ctx,
                                      SoupServerMessage     *msg,
                                      GHashTable            *query,
                                      const ServerPrincipal *who);

void  server_handle_admin_alerts (ServerContext         *ctx,
                                  SoupServerMessage     *msg,
                                  GHashTable            *query,
                                  const ServerPrincipal *who);
/* `suyuan-server import-alerts …`; @argv[0] is "import-alerts". */
int   server_import_alerts_main  (int    argc,
                                  char **argv);

/* Turns a code-registration record into batch, units and a commissioning
 * event in the change feed (server-registration.c). */
/* The units a code-registration record asks for; 0 when it names none (or
 * no valid range). */
guint64  server_registration_units (const ServerRecord *record);
gboolean server_register_codes (ServerStore        *store,
                                const ServerRecord *record,
                                const char         *party,
                                GError            **error);

G_END_DECLS
