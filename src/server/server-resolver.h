/* server-resolver.h — the public GS1 Digital Link resolver: /01/…, /p/…,
 * the other GS1 primary keys and compressed links, answered as an HTML page,
 * JSON or a linkset (docs/api.md "Public resolver").
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"

G_BEGIN_DECLS


/* @base: the public URL printed codes start with (--resolver), or NULL;
 * @counts_path: the resolver's own SQLite file; @per_minute: requests per
 * client address and minute on public pages (0: unlimited). */
ServerResolver *server_resolver_new      (const char      *base,
                                          const char      *counts_path,
                                          guint            per_minute,
                                          GError         **error);
void            server_resolver_free     (ServerResolver  *resolver);

/* Units the public queried from many networks in one day (risk warnings):
 * a GPtrArray of ServerQuerySpread (server-store-public.h), or NULL. */
GPtrArray      *server_resolver_spread   (ServerResolver  *resolver,
                                          GError         **error);

/* Answers @msg when @path is a resolver path (TRUE); FALSE leaves it alone. */
gboolean        server_resolver_dispatch (ServerContext     *ctx,
                                          SoupServerMessage *msg,
                                          const char        *path);

/* GET /api/v1/config: what terminals take from their server (the resolver). */
void            server_handle_config     (ServerContext         *ctx,
                                          SoupServerMessage     *msg,
                                          GHashTable            *query,
                                          const ServerPrincipal *who);
/* POST /resolver/report: the 举报 form. */
void            server_handle_report     (ServerContext         *ctx,
                                          SoupServerMessage     *msg,
                                          GHashTable            *query,
                                          const ServerPrincipal *who);
/* GET /.well-known/gs1resolver */
void            server_handle_resolver_description (ServerContext         *ctx,
                                                    SoupServerMessage     *msg,
                                                    GHashTable            *query,
                                                    const ServerPrincipal *who);
/* GET /resolver/style.css */
void            server_handle_stylesheet (ServerContext         *ctx,
                                          SoupServerMessage     *msg,
                                          GHashTable            *query,
                                          const ServerPrincipal *who);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerResolver, server_resolver_free)

G_END_DECLS
