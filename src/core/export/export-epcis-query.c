/* export-epcis-query.c — single events and the events of one product, lot or
 * unit as EPCIS, for suyuan-server's query over its mirror of the terminal
 * schema (GET /api/v1/epcis/events).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "export-private.h"
#include "store-private.h"

/* The export's columns (export-private.h); what the store does not know of
 * an event captured through EPCIS comes from its data.epcis. */
#define EVENT_COLUMNS \
  "SELECT e.id, e.type, e.time," \
  "  coalesce (b.lot, CASE WHEN json_valid (e.data) THEN json_extract (e.data, '$.epcis.lot') END)," \
  "  e.product_id," \
  "  coalesce (p.gtin, CASE WHEN json_valid (e.data) THEN json_extract (e.data, '$.epcis.gtin') END)," \
  "  NULL, CASE WHEN e.serial IS NOT NULL THEN 1 WHEN json_valid (e.data) THEN json_extract (e.data, '$.quantity') END," \
  "  e.serial, e.party_id, NULL, e.place, e.source_id, e.destination_id, e.disposition, e.reason, NULL," \
  "  p.product_key" \
  " FROM events e LEFT JOIN products p ON p.id = e.product_id LEFT JOIN batches b ON b.id = e.batch_id"

static gboolean
add_rows (SuyuanStore   *store,
          sqlite3_stmt  *stmt,
          JsonBuilder   *b,
          guint         *n_events,
          GError       **error)
{
  int rc;

  g_assert (stmt != NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *columns[EXPORT_N_COLUMNS];

      for (int i = 0; i < EXPORT_N_COLUMNS; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, i);
      suyuan_epcis_event (columns, b, NULL);
      if (n_events != NULL)
        (*n_events)++;
    }
  if (rc != SQLITE_DONE)
    suyuan_store_set_sql_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
suyuan_epcis_add_event (SuyuanStore  *store,
                        const char   *event_id,
                        JsonBuilder  *b,
                        guint        *n_events,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && event_id != NULL && b != NULL, FALSE);
  stmt = suyuan_store_prepare (store, EVENT_COLUMNS " WHERE e.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  return add_rows (store, stmt, b, n_events, error);
}

gboolean
suyuan_epcis_add_events_of (SuyuanStore  *store,
                            const char   *product_id,
                            const char   *serial,
                            const char   *batch_id,
                            guint         limit,
                            JsonBuilder  *b,
                            guint        *n_events,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && product_id != NULL && b != NULL, FALSE);
  stmt = suyuan_store_prepare (store, EVENT_COLUMNS
                               " WHERE e.product_id = ?1 AND (?2 IS NULL OR e.serial = ?2)"
                               "  AND (?3 IS NULL OR e.batch_id = ?3)"
                               /* One captured as EPCIS is answered as sent, by the server. */
                               "  AND NOT (json_valid (e.data) AND json_extract (e.data, '$.epcis.stored') IS NOT NULL)"
                               " ORDER BY julianday (e.time), e.rowid LIMIT ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, serial, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, batch_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, limit);
  return add_rows (store, stmt, b, n_events, error);
}
