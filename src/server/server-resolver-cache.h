/* server-resolver-cache.h — rendered resolver replies kept while nothing
 * they depend on changed: the change feed's sequence and the day.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ServerResolverCache ServerResolverCache;

typedef struct {
  guint status;
  char *content_type;
  char *body;
  char *link;               /* the Link header, or NULL */
  char *cache_control;
} ServerCachedReply;

ServerResolverCache     *server_resolver_cache_new    (void);
void                     server_resolver_cache_free   (ServerResolverCache *cache);
/* The reply kept for @key, valid for feed sequence @seq on day @day, or NULL.
 * Borrowed until the next call. */
const ServerCachedReply *server_resolver_cache_get    (ServerResolverCache *cache,
                                                       const char          *key,
                                                       gint64               seq,
                                                       guint32              day);
/* Keeps a copy of @reply under @key. */
void                     server_resolver_cache_put    (ServerResolverCache     *cache,
                                                       const char              *key,
                                                       gint64                   seq,
                                                       guint32                  day,
                                                       const ServerCachedReply *reply);

G_END_DECLS
