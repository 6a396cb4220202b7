/* server-store-epcis-own.c — what server-epcis-own.c reads and keeps in the
 * store: the event records terminals uploaded, in the order they came, and
 * how far they and the change feed are written into epcis_events.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-epcis-own.h"
#include "server-store-private.h"

typedef struct {
  ServerEventRecordFunc func;
  gpointer user_data;
} EachRecord;

static void
each_record (const char *const *c,
             guint              n_columns,
             gpointer           user_data)
{
  EachRecord *each = user_data;

  each->func (c[0], c[1], c[2], each->user_data);
}

gboolean
server_store_event_records (ServerStore            *store,
                            const char             *after_time,
                            const char             *after_uuid,
                            guint                   limit,
                            ServerEventRecordFunc   func,
                            gpointer                user_data,
                            GError                **error)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { after_time ? after_time : "", after_uuid ? after_uuid : "", limit_text };
  EachRecord each = { func, user_data };

  return store->backend->run (store,
                              "SELECT received_at, uuid, data FROM records WHERE kind = 'event'"
                              " AND (received_at > $1 OR (received_at = $1 AND uuid > $2))"
                              " ORDER BY received_at, uuid LIMIT CAST($3 AS integer)",
                              3, params, each_record, &each, error) >= 0;
}

static void
take_progress (const char *const *c,
               guint              n_columns,
               gpointer           user_data)
{
  ServerEpcisOwnProgress *p = user_data;

  p->feed_seq = g_ascii_strtoll (c[0], NULL, 10);
  g_free (p->record_time);
  g_free (p->record_uuid);
  p->record_time = g_strdup (c[1]);
  p->record_uuid = g_strdup (c[2]);
}

gboolean
server_store_epcis_own_progress (ServerStore             *store,
                                 ServerEpcisOwnProgress  *progress,
                                 GError                 **error)
{
  return store->backend->run (store, "SELECT feed_seq, record_time, record_uuid FROM epcis_own_progress",
                              0, NULL, take_progress, progress, error) >= 0;
}

gboolean
server_store_epcis_own_set_progress (ServerStore                  *store,
                                     const ServerEpcisOwnProgress *progress,
                                     GError                      **error)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, progress->feed_seq);
  const char *params[] = { seq, progress->record_time ? progress->record_time : "",
                           progress->record_uuid ? progress->record_uuid : "" };

  return store->backend->run (store, "DELETE FROM epcis_own_progress", 0, NULL, NULL, NULL, error) >= 0
         && store->backend->run (store, "INSERT INTO epcis_own_progress (feed_seq, record_time, record_uuid)"
                                 " VALUES (CAST($1 AS bigint), $2, $3)", 3, params, NULL, NULL, error) >= 0;
}
