/* store-risk-warnings.c — risk warnings from the events in the store, one
 * query per kind. Notices (alerts) flag batches by batch, product or
 * producer; an event at or after a notice's date is a warning. Check scans
 * come from the reports terminals sent (reports.h).
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
  notice ", " alert ", " evidence ", 1"

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
  /* One serialised code sold more than once, or seen (sold or scanned at a
   * check) at another place at or after its sale: a cloned label, or a
   * record of a sale that never happened. Trust rules refuse a sale by a
   * party that never held the unit, so a clone's second place shows up as
   * a check scan. */
  "WITH sightings AS ("
  "  SELECT e.id AS id, e.product_id AS product_id, e.serial AS serial, e.party_id AS party_id,"
  "   julianday (e.time) AS t, 1 AS sale FROM events e WHERE e.type = 'selling' AND e.serial IS NOT NULL"
  "  UNION ALL SELECT r.uuid, r.product_id, r.serial, r.party_id, julianday (r.at), 0 FROM reports r"
  "   WHERE r.kind = 'scan' AND r.serial IS NOT NULL AND r.product_id IS NOT NULL),"
  " sold AS ("
  "  SELECT product_id, serial, sum (sale) AS n_sales, min (CASE WHEN sale = 1 THEN t END) AS sold_t,"
  "   min (CASE WHEN sale = 1 THEN party_id END) AS sold_at FROM sightings"
  "  GROUP BY product_id, serial HAVING count (*) > 1 AND sum (sale) >= 1),"
  " cloned AS ("
  "  SELECT * FROM sold u WHERE u.n_sales > 1 OR EXISTS (SELECT 1 FROM reports r"
  "   WHERE r.kind = 'scan' AND r.product_id = u.product_id AND r.serial = u.serial"
  "     AND r.party_id IS NOT u.sold_at AND julianday (r.at) >= u.sold_t))"
  " SELECT 'cloned-code', " UTC ("max (g.t)") ", c.product_id, pr.name, b.id, b.lot, c.serial, c.sold_at,"
  "  (SELECT name FROM parties WHERE id = c.sold_at), NULL, NULL, group_concat (g.id, ','), count (*)"
  " FROM cloned c JOIN sightings g ON g.product_id = c.product_id AND g.serial = c.serial"
  " LEFT JOIN parties pa ON pa.id = g.party_id"
  " LEFT JOIN products pr ON pr.id = c.product_id"
  " LEFT JOIN units un ON un.product_id = c.product_id AND un.serial = c.serial"
  " LEFT JOIN batches b ON b.id = un.batch_id"
  " GROUP BY c.product_id, c.serial"
  " HAVING (?1 IS NULL OR max (substr (pa.region, 1, length (?1)) = ?1))"
  " ORDER BY max (g.t) DESC LIMIT " G_STRINGIFY (SUYUAN_RISK_MAX_PER_KIND),
  /* Check scans of codes the bureau's data does not know, piling up at one
   * business in one (UTC) day: counterfeit or unregistered goods on its
   * shelves. */
  "SELECT 'unknown-scans', " UTC ("max (julianday (r.at))") ", NULL, NULL, NULL, NULL, NULL, r.party_id,"
  "  pa.name, NULL, NULL, group_concat (r.uuid, ','), count (*)"
  " FROM reports r LEFT JOIN parties pa ON pa.id = r.party_id"
  " WHERE r.kind = 'scan' AND r.known = 0 AND r.party_id IS NOT NULL AND julianday (r.at) IS NOT NULL" IN_REGION
  " GROUP BY r.party_id, date (r.at) HAVING count (*) >= " G_STRINGIFY (SUYUAN_RISK_UNKNOWN_SCANS_PER_DAY)
  " ORDER BY max (julianday (r.at)) DESC LIMIT " G_STRINGIFY (SUYUAN_RISK_MAX_PER_KIND),
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
  w->count = sqlite3_column_int64 (stmt, 12);
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
