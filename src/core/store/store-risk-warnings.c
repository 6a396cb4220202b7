/* store-risk-warnings.c — risk warnings from the events in the store, one
 * query per kind. Notices (alerts) flag batches by batch, product or
 * producer; an event at or after a notice's date is a warning.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "risk-warnings.h"
#include "store-private.h"

#define UTC(at) "strftime ('%Y-%m-%dT%H:%M:%fZ', " at ")"

/* Every batch a notice names, with the notice and its date. */
#define FLAGGED_BATCHES \
  "flagged AS (" \
  " SELECT a.id AS alert_id, a.kind, julianday (a.issued_at) AS since, b.id AS batch_id" \
  " FROM alerts a JOIN batches b ON a.scope = 'batch' AND b.id = a.target_id" \
  " UNION ALL SELECT a.id, a.kind, julianday (a.issued_at), b.id" \
  " FROM alerts a JOIN batches b ON a.scope = 'product' AND b.product_id = a.target_id" \
  " UNION ALL SELECT a.id, a.kind, julianday (a.issued_at), b.id" \
  " FROM alerts a JOIN products p ON a.scope = 'producer' AND p.producer_id = a.target_id" \
  " JOIN batches b ON b.product_id = p.id)"

/* Columns of every kind's query, in the order read_warning () takes them. */
#define WARNING_COLUMNS(kind, at, party, notice, alert, evidence) \
  kind ", " UTC (at) ", e.product_id, pr.name, e.batch_id, b.lot, e.serial, " party ", pa.name, " \
  notice ", " alert ", " evidence

#define JOINS \
  " LEFT JOIN products pr ON pr.id = e.product_id LEFT JOIN batches b ON b.id = e.batch_id"

#define IN_REGION \
  " AND (?1 IS NULL OR substr (pa.region, 1, length (?1)) = ?1)"

static const char *const queries[] = {
  /* Goods sold, or received at a dock, on or after the notice that flagged
   * their batch. */
  "WITH " FLAGGED_BATCHES
  " SELECT " WARNING_COLUMNS ("CASE e.type WHEN 'selling' THEN 'sold-flagged' ELSE 'received-flagged' END",
                              "julianday (e.time)", "e.party_id", "f.kind", "f.alert_id", "e.id")
  " FROM flagged f JOIN events e ON e.batch_id = f.batch_id" JOINS
  " LEFT JOIN parties pa ON pa.id = e.party_id"
  " WHERE e.type IN ('selling', 'receiving') AND julianday (e.time) >= f.since" IN_REGION
  " ORDER BY julianday (e.time) DESC LIMIT " G_STRINGIFY (SUYUAN_RISK_MAX_PER_KIND),
  /* Goods received after their expiry date. */
  "SELECT " WARNING_COLUMNS ("'received-expired'", "julianday (e.time)", "e.party_id", "NULL", "NULL", "e.id")
  " FROM events e" JOINS " LEFT JOIN parties pa ON pa.id = e.party_id"
  " WHERE e.type = 'receiving' AND b.expiry_date IS NOT NULL"
  "   AND julianday (e.time) >= julianday (b.expiry_date, '+1 day')" IN_REGION
  " ORDER BY julianday (e.time) DESC LIMIT " G_STRINGIFY (SUYUAN_RISK_MAX_PER_KIND),
  /* One serialised code sold more than once, or at more than one place: a
   * cloned label, or a record of a sale that never happened. */
  "SELECT " WARNING_COLUMNS ("'cloned-code'", "max (julianday (e.time))", "min (e.party_id)", "NULL", "NULL",
                             "group_concat (e.id, ',')")
  " FROM events e" JOINS " LEFT JOIN parties pa ON pa.id = e.party_id"
  " WHERE e.type = 'selling' AND e.serial IS NOT NULL"
  " GROUP BY e.product_id, e.serial HAVING count (*) > 1"
  "   AND (?1 IS NULL OR max (substr (pa.region, 1, length (?1)) = ?1))"
  " ORDER BY max (julianday (e.time)) DESC LIMIT " G_STRINGIFY (SUYUAN_RISK_MAX_PER_KIND),
};

void
suyuan_risk_warning_free (SuyuanRiskWarning *w)
{
  if (w == NULL)
    return;
  g_free (w->kind);
  g_free (w->at);
  g_free (w->product_id);
  g_free (w->product_name);
  g_free (w->batch_id);
  g_free (w->lot);
  g_free (w->serial);
  g_free (w->party_id);
  g_free (w->party_name);
  g_free (w->notice_kind);
  g_free (w->alert_id);
  g_free (w->evidence);
  g_free (w);
}

static SuyuanRiskWarning *
read_warning (sqlite3_stmt *stmt)
{
  SuyuanRiskWarning *w = g_new0 (SuyuanRiskWarning, 1);

  w->kind = suyuan_stmt_dup_text (stmt, 0);
  w->at = suyuan_stmt_dup_text (stmt, 1);
  w->product_id = suyuan_stmt_dup_text (stmt, 2);
  w->product_name = suyuan_stmt_dup_text (stmt, 3);
  w->batch_id = suyuan_stmt_dup_text (stmt, 4);
  w->lot = suyuan_stmt_dup_text (stmt, 5);
  w->serial = suyuan_stmt_dup_text (stmt, 6);
  w->party_id = suyuan_stmt_dup_text (stmt, 7);
  w->party_name = suyuan_stmt_dup_text (stmt, 8);
  w->notice_kind = suyuan_stmt_dup_text (stmt, 9);
  w->alert_id = suyuan_stmt_dup_text (stmt, 10);
  w->evidence = suyuan_stmt_dup_text (stmt, 11);
  return w;
}

GPtrArray *
suyuan_store_risk_warnings (SuyuanStore  *store,
                            const char   *region_prefix,
                            GError      **error)
{
  g_autoptr(GPtrArray) warnings = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_risk_warning_free);
  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = suyuan_store_prepare_static (store, queries[i], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      if (region_prefix != NULL)
        sqlite3_bind_text (stmt, 1, region_prefix, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (warnings, read_warning (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          suyuan_store_set_sql_error (store, error);
          return NULL;
        }
    }
  return g_steal_pointer (&warnings);
}
