/* server-store-epcis-own.h — the store's side of our own events in the
 * EPCIS table (server-epcis-own.h): event records in the order they came,
 * and how far they and the change feed are written.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* The event records terminals uploaded (POST /api/v1/records, kind
 * "event"), up to @limit after (@after_time, @after_uuid) in the order
 * they were received (NULL, NULL: from the first). */
typedef void (*ServerEventRecordFunc) (const char *received_at,
                                       const char *uuid,
                                       const char *data,
                                       gpointer    user_data);
gboolean   server_store_event_records (ServerStore            *store,
                                       const char             *after_time,
                                       const char             *after_uuid,
                                       guint                   limit,
                                       ServerEventRecordFunc   func,
                                       gpointer                user_data,
                                       GError                **error);

/* How far our own events are in the EPCIS table (server-epcis-own.c):
 * the change feed's sequence, and the last event record walked ("": none). */
typedef struct {
  gint64 feed_seq;
  char *record_time, *record_uuid;
} ServerEpcisOwnProgress;

gboolean   server_store_epcis_own_progress     (ServerStore                   *store,
                                                ServerEpcisOwnProgress        *progress,
                                                GError                       **error);
/* Inside a server_store_transaction. */
gboolean   server_store_epcis_own_set_progress (ServerStore                   *store,
                                                const ServerEpcisOwnProgress  *progress,
                                                GError                       **error);

G_END_DECLS
