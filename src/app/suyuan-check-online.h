/* suyuan-check-online.h — the Check page's question to the server for a code
 * the store does not know (or knows only by batch), asked off the main
 * thread so the screen never waits on the network.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sync-lookup.h"

G_BEGIN_DECLS

/* Looks @input up in the store at @store_path (its own connection) and asks
 * @server_url within SUYUAN_ONLINE_LOOKUP_TIMEOUT_MS, in a worker thread. */
void          suyuan_check_online_lookup        (GObject             *source_object,
                                                 const char          *store_path,
                                                 const char          *server_url,
                                                 const char          *input,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The lookup (owned; NULL with @error when even the store failed) and where
 * it came from. */
SuyuanLookup *suyuan_check_online_lookup_finish (GAsyncResult        *result,
                                                 SuyuanLookupSource  *source,
                                                 GError             **error);
/* The input the lookup was asked for. */
const char   *suyuan_check_online_get_input     (GAsyncResult        *result);

G_END_DECLS
