/* server-store-scope.h — the keys that say whom a change concerns, written
 * beside each change, so a terminal pulls only its scope (docs/api.md,
 * "Scoped pull").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* A "units" change, the copy of some of a batch's units, is at most this
 * long: terminals take up to 64 KiB. */
#define SERVER_SCOPE_UNITS_BYTES (16 * 1024)

/* The key of changes every terminal gets: parties, products, batches,
 * notices, inspection tasks. */
#define SERVER_SCOPE_GLOBAL "*"

/* "party:ID", what a retailer's or market's token pulls. */
char     *server_scope_party_key    (const char  *party_id);
/* "region:CODE", what an inspector's token pulls: a party's region in full; a
 * token's shorter code (a city, a province) means every region under it. */
char     *server_scope_region_key   (const char  *region);
/* "maker:ID", what a producer's token pulls: units and events of its products. */
char     *server_scope_maker_key    (const char  *party_id);

/* Appends the change @object (its JSON @text) with its keys; before it, the
 * history of a unit or batch the change brings into a scope it was never in,
 * tagged for that scope alone. Inside a transaction. */
gboolean  server_store_scope_append (ServerStore *store,
                                     const char  *type,
                                     JsonObject  *object,
                                     const char  *text,
                                     GError     **error);
/* Writes the keys of the transaction's changes not written yet: before
 * its commit. */
gboolean  server_store_scope_flush  (ServerStore *store,
                                     GError     **error);
/* Forgets what the last transaction looked up (another server may change
 * it), and its keys not written. */
void      server_store_scope_forget (ServerStore *store);
/* Gives the changes of a feed from before scoped pull their keys, once. */
gboolean  server_store_scope_backfill (ServerStore *store,
                                       GError     **error);

G_END_DECLS
