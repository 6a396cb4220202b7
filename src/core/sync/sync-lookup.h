/* sync-lookup.h — a lookup that asks the server for what the terminal's
 * store does not hold (a terminal holds only its scope), and caches the
 * answer; offline, the code itself is all there is, and the caller says so.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"
#include "store.h"

G_BEGIN_DECLS

typedef enum {
  SUYUAN_LOOKUP_SOURCE_LOCAL,    /* the store knew enough */
  SUYUAN_LOOKUP_SOURCE_SERVER,   /* the server answered (now cached) */
  SUYUAN_LOOKUP_SOURCE_OFFLINE,  /* the store did not know and the server could not be asked */
} SuyuanLookupSource;

/* How long an online lookup may take before the terminal judges offline. */
#define SUYUAN_ONLINE_LOOKUP_TIMEOUT_MS 3000

/* "local", "server" or "offline", for JSON and logs. */
const char   *suyuan_lookup_source_to_string (SuyuanLookupSource source);
/* Whether @lookup leaves out what @code names (the product, its batch, its
 * unit): then the server may know more. */
gboolean      suyuan_lookup_is_partial       (const SuyuanLookup *lookup,
                                              const SuyuanCode   *code);
/* Looks @code up in @store; when the store knows only part of it and
 * @server_url is set, asks the server (within @timeout_ms), stores its
 * answer and looks up again. @source says where the answer came from. A
 * server that cannot be reached is no error: @source is OFFLINE and the
 * store's (partial) answer comes back. Owned by the caller. */
SuyuanLookup *suyuan_lookup_online           (SuyuanStore        *store,
                                              const SuyuanCode   *code,
                                              const char         *server_url,
                                              const char         *token,
                                              guint               timeout_ms,
                                              SuyuanLookupSource *source,
                                              GError            **error);

G_END_DECLS
