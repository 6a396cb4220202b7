/* store-lookup-trace.c — the alerts that apply to a code (batch, product or
 * producer scope) and its events in time order: the trace chain.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store.h"
#include "store-private.h"

gboolean
suyuan_store_lookup_alerts (SuyuanStore  *store,
                            SuyuanLookup *lookup,
                            const char   *producer_id,
                            GError      **error)
{
  /* Each OR term is a point lookup on alerts_target; a NULL target matches nothing. */
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT id, kind, scope, target_id, title, notice, issued_at, issuer FROM alerts"
      " WHERE (scope = 'batch' AND target_id = ?1) OR (scope = 'product' AND target_id = ?2)"
      " OR (scope = 'producer' AND target_id = ?3)"
      " ORDER BY issued_at DESC, id LIMIT 50", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (lookup->batch)
    sqlite3_bind_text (stmt, 1, lookup->batch->id, -1, SQLITE_STATIC);
  if (lookup->product)
    sqlite3_bind_text (stmt, 2, lookup->product->id, -1, SQLITE_STATIC);
  if (producer_id)
    sqlite3_bind_text (stmt, 3, producer_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanAlert *a = g_new0 (SuyuanAlert, 1);

      a->id = suyuan_stmt_dup_text (stmt, 0);
      a->kind = suyuan_stmt_dup_text (stmt, 1);
      a->scope = suyuan_stmt_dup_text (stmt, 2);
      a->target_id = suyuan_stmt_dup_text (stmt, 3);
      a->title = suyuan_stmt_dup_text (stmt, 4);
      a->notice = suyuan_stmt_dup_text (stmt, 5);
      a->issued_at = suyuan_stmt_dup_text (stmt, 6);
      a->issuer = suyuan_stmt_dup_text (stmt, 7);
      g_ptr_array_add (lookup->alerts, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

#define EVENT_SELECT \
  "SELECT e.id, e.type, e.time, e.party_id, p.name, p.kind, e.place, e.reason," \
  " e.disposition, e.source_id, e.destination_id, e.serial" \
  " FROM events e LEFT JOIN parties p ON p.id = e.party_id"

static SuyuanEvent *
read_event (sqlite3_stmt *stmt)
{
  SuyuanEvent *e = g_new0 (SuyuanEvent, 1);

  e->id = suyuan_stmt_dup_text (stmt, 0);
  e->type = suyuan_stmt_dup_text (stmt, 1);
  e->time = suyuan_stmt_dup_text (stmt, 2);
  e->party_id = suyuan_stmt_dup_text (stmt, 3);
  e->party_name = suyuan_stmt_dup_text (stmt, 4);
  e->party_kind = suyuan_stmt_dup_text (stmt, 5);
  e->place = suyuan_stmt_dup_text (stmt, 6);
  e->reason = suyuan_stmt_dup_text (stmt, 7);
  e->disposition = suyuan_stmt_dup_text (stmt, 8);
  e->source_id = suyuan_stmt_dup_text (stmt, 9);
  e->destination_id = suyuan_stmt_dup_text (stmt, 10);
  e->serial = suyuan_stmt_dup_text (stmt, 11);
  return e;
}

/* A unit's chain is the batch's own events (serial NULL: the producer ships
 * the batch) merged with the events about this very unit. A batch code gets
 * only the batch's events: thousands of unit sales are no trace chain. */
gboolean
suyuan_store_lookup_events (SuyuanStore  *store,
                            SuyuanLookup *lookup,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (lookup->product == NULL || (lookup->batch == NULL && lookup->unit == NULL))
    return TRUE;
  stmt = suyuan_store_prepare (store, EVENT_SELECT
      " WHERE (e.batch_id = ?1 AND e.serial IS NULL)"
      " OR (e.product_id = ?2 AND e.serial = ?3)"
      " ORDER BY julianday (e.time), e.rowid LIMIT " G_STRINGIFY (SUYUAN_LOOKUP_MAX_EVENTS), error);
  if (stmt == NULL)
    return FALSE;
  if (lookup->batch)
    sqlite3_bind_text (stmt, 1, lookup->batch->id, -1, SQLITE_STATIC);
  if (lookup->unit)
    {
      sqlite3_bind_text (stmt, 2, lookup->product->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, lookup->unit->serial, -1, SQLITE_STATIC);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lookup->events, read_event (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}
