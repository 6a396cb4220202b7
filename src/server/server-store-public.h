/* server-store-public.h — the public resolver's own small SQLite file:
 * how often each serialised unit was queried, counted once per distinct
 * client per day, so one client in a loop cannot inflate it.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ServerResolverStore ServerResolverStore;

/* The length of one counting window. */
#define SERVER_RESOLVER_WINDOW_SECONDS (24 * 3600)

typedef struct {
  gint64 count;          /* distinct (client, window) pairs */
  gint64 networks;       /* distinct client networks (IPv4 /24, IPv6 /48) */
  char *first_at;        /* ISO 8601 UTC of the first query, or NULL */
} ServerQueryCount;

/* Opens or creates the file at @path. */
ServerResolverStore *server_resolver_store_open  (const char           *path,
                                                  GError              **error);
void                 server_resolver_store_close (ServerResolverStore  *store);

/* Counts a query of @unit_key from @address (kept only as a salted hash) and
 * fills @out with the totals including it. */
gboolean             server_resolver_store_count (ServerResolverStore  *store,
                                                  const char           *unit_key,
                                                  const char           *address,
                                                  ServerQueryCount     *out,
                                                  GError              **error);
void                 server_query_count_clear    (ServerQueryCount     *count);

typedef struct {
  char *unit_key;        /* PRODUCT_ID/SERIAL */
  char *last_at;         /* ISO 8601 UTC of the day's last query */
  gint64 clients;
  gint64 networks;
} ServerQuerySpread;

void                 server_query_spread_free    (ServerQuerySpread    *spread);
/* Each unit and counting window in which clients of at least @min_networks
 * networks queried it, newest first, at most @limit: a GPtrArray of
 * ServerQuerySpread, owned by the caller. */
GPtrArray           *server_resolver_store_spread (ServerResolverStore *store,
                                                   guint                min_networks,
                                                   guint                limit,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerResolverStore, server_resolver_store_close)

G_END_DECLS
