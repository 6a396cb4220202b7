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

typedef struct {
  ServerStore *store;
  SuyuanStore *mirror;    /* the feed applied as a terminal would, for lookups */
  gsize max_body;
} ServerContext;

/* A handler runs only once the request passed the route's role check;
 * @who is NULL on open endpoints. */
typedef void (*ServerHandler) (ServerContext         *ctx,
                               SoupServerMessage     *msg,
                               GHashTable            *query,
                               const ServerPrincipal *who);

void  server_api_install    (SoupServer    *server,
                             ServerContext *ctx);

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

/* GET /api/v1/risk-warnings (server-risk-warnings.c). */
void  server_handle_risk_warnings (ServerContext         *ctx,
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
gboolean server_register_codes (ServerStore        *store,
                                const ServerRecord *record,
                                const char         *party,
                                GError            **error);

G_END_DECLS
