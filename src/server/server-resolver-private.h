/* server-resolver-private.h — what the resolver's files share.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-resolver.h"
#include "server-catalog.h"
#include "server-ratelimit.h"
#include "server-store-public.h"
#include "server-resolver-cache.h"
#include "code.h"
#include "lookup.h"
#include "verdict.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

struct _ServerResolver {
  char *base;                    /* without a trailing slash, or NULL */
  ServerResolverStore *counts;
  ServerRateLimit *pages;        /* per address and minute */
  ServerRateLimit *reports;      /* per address and hour */
  ServerResolverCache *cache;    /* rendered replies that count nothing */
};

/* A unit queried by this many distinct clients (or networks) is more than
 * one item in one household could be: the page warns of a copied code. */
#define SERVER_RESOLVER_WARN_CLIENTS 5
#define SERVER_RESOLVER_WARN_NETWORKS 3
/* Trace steps shown at most. */
#define SERVER_RESOLVER_MAX_STEPS 6

typedef struct {
  const char *role;              /* N_() "Produced by" … */
  const char *party;             /* borrowed from the lookup */
  char *city;
  char *date;                    /* YYYY-MM-DD */
} ServerTraceStep;

/* The public facts of one code: what a page, JSON and a linkset say. */
typedef struct {
  SuyuanCode *code;
  SuyuanLookup *lookup;
  SuyuanVerdict *verdict;
  const char *status;            /* ok, near-expiry, expired, unqualified, recalled, suspended, mismatch */
  const char *status_title;      /* N_() */
  const char *status_class;      /* ok, warn, stop */
  char *notice;                  /* what the notice or the rule says, translated */
  GPtrArray *steps;              /* of ServerTraceStep */
  gboolean serialised;           /* a known unit: the query counter applies */
  ServerQueryCount queries;
  char *self_url;                /* the absolute URL of this code's page */
} ServerResolution;

/* Fills @res from the code, the lookup and the day, in @lang. */
void      server_resolution_judge (ServerResolution *res,
                                   ServerLang        lang);
void      server_resolution_clear (ServerResolution *res);

/* The facts as JSON (server-resolver-json.c). */
void      server_resolution_to_json (const ServerResolution *res,
                                     ServerLang              lang,
                                     JsonBuilder            *b);
/* The RFC 9264 linkset and the matching Link header value. */
void      server_resolution_linkset (const ServerResolution *res,
                                     ServerLang              lang,
                                     JsonBuilder            *b);
char     *server_resolution_link_header (const ServerResolution *res);

/* The pages (server-resolver-html.c); each returns the whole document. */
char     *server_resolver_page_html    (const ServerResolution *res,
                                        ServerLang              lang);
char     *server_resolver_message_html (ServerLang  lang,
                                        const char *title,
                                        const char *text);

/* Headers every public page carries (CSP, nosniff, referrer). */
void      server_resolver_secure_headers (SoupServerMessage *msg);
/* Sends @body (taken) as @content_type with @status. */
void      server_resolver_reply (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *content_type,
                                 char              *body);

/* The client address a budget and the counter use. */
const char *server_resolver_client (SoupServerMessage *msg);

G_END_DECLS
