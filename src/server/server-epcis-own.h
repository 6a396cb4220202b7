/* server-epcis-own.h — our own events stored beside captured ones in the
 * EPCIS events table (server-store-epcis.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"
#include "server-store-epcis.h"

G_BEGIN_DECLS

/* Renders every event of the feed not yet rendered (terminal records and
 * imports; not those a capture derived) with the export's mapping and
 * stores it in the EPCIS events table, each eventID once. The first call of
 * a process walks the whole feed: that is the backfill of older stores. */
gboolean  server_epcis_own_catch_up (ServerContext *ctx,
                                     GError       **error);

/* Stores the EPCIS rendering of the event in an uploaded record's @data
 * (JSON text; master data and non-events add nothing), inside the upload's
 * transaction, with @mirror for the products and lots it names. */
gboolean  server_epcis_own_store_record (ServerStore *store,
                                         SuyuanStore *mirror,
                                         const char  *data,
                                         GError     **error);

G_END_DECLS
