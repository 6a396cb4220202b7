/* store-reports.c — see reports.h. The data of a report is kept as sent;
 * the columns the console filters and groups by are taken out of it once.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "reports.h"
#include "store-private.h"
#include "lookup.h"
#include "code.h"

#include <string.h>

gint64
suyuan_store_get_report_cursor (SuyuanStore *store)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (store != NULL, 0);
  stmt = suyuan_store_prepare (store, "SELECT coalesce (max (seq), 0) FROM reports", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return seq;
}

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* What the bureau's data says a scanned code is: a terminal that pulls only
 * its own scope does not know another shop's units, so the server looks the
 * code up again in its full mirror. */
static SuyuanLookup *
lookup_scan (SuyuanStore *store,
             JsonObject  *data)
{
  const char *raw = member (data, "raw");
  g_autoptr(SuyuanCode) code = raw ? suyuan_code_parse (raw, -1) : NULL;

  if (code == NULL || !code->valid)
    return NULL;
  return suyuan_store_lookup (store, code, NULL);
}

gboolean
suyuan_store_add_report (SuyuanStore *store,
                         gint64       seq,
                         const char  *uuid,
                         const char  *kind,
                         const char  *created_at,
                         const char  *data,
                         const char  *device,
                         const char  *party,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  gboolean scan = g_strcmp0 (kind, "scan") == 0;
  const char *at, *party_id, *result;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && uuid != NULL && kind != NULL && data != NULL, FALSE);

  root = json_from_string (data, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA, "report %s: data is not an object", uuid);
      return FALSE;
    }
  o = json_node_get_object (root);
  /* A scan took place where the token's party is; an admin's or inspector's
   * terminal says where it stood. An inspection is of the party it names. */
  party_id = scan && party != NULL ? party : member (o, "party_id");
  at = !scan && member (o, "finished_at") != NULL ? member (o, "finished_at") : created_at;
  result = member (o, scan ? "level" : "result");
  stmt = suyuan_store_prepare (store, "INSERT INTO reports (uuid, seq, kind, at, device, party_id, product_id,"
                                      " serial, known, result, data)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                                      " ON CONFLICT (uuid) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, at ? at : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, party_id, -1, SQLITE_STATIC);
  if (scan)
    {
      g_autoptr(SuyuanLookup) lookup = lookup_scan (store, o);
      JsonNode *known = json_object_get_member (o, "known");

      if (lookup != NULL && lookup->product != NULL)
        {
          sqlite3_bind_text (stmt, 7, lookup->product->id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 8, lookup->unit ? lookup->unit->serial : NULL, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 9, 1);
        }
      else
        {
          sqlite3_bind_text (stmt, 7, member (o, "product_id"), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 8, member (o, "serial"), -1, SQLITE_STATIC);
          /* Older terminals did not say: a scan with no product was unknown. */
          if (known != NULL && JSON_NODE_HOLDS_VALUE (known) && json_node_get_value_type (known) == G_TYPE_BOOLEAN)
            sqlite3_bind_int (stmt, 9, json_node_get_boolean (known));
          else
            sqlite3_bind_int (stmt, 9, member (o, "product_id") != NULL);
        }
    }
  sqlite3_bind_text (stmt, 10, result, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, data, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

void
suyuan_inspection_report_free (SuyuanInspectionReport *r)
{
  if (r == NULL)
    return;
  g_free (r->uuid);
  g_free (r->at);
  g_free (r->party_id);
  g_free (r->party_name);
  g_free (r->region);
  g_free (r->result);
  g_free (r->inspector);
  g_free (r->device);
  g_free (r);
}

#define REPORT_COLUMNS \
  "SELECT r.uuid, strftime ('%Y-%m-%dT%H:%M:%SZ', r.at), r.party_id," \
  " coalesce (pa.name, json_extract (r.data, '$.party_name')), pa.region, r.result," \
  " json_extract (r.data, '$.inspector'), r.device, coalesce (json_array_length (r.data, '$.items'), 0)," \
  " (SELECT count (*) FROM json_each (r.data, '$.items') WHERE json_extract (value, '$.level') = 'stop')"
#define REPORT_FROM " FROM reports r LEFT JOIN parties pa ON pa.id = r.party_id"

static SuyuanInspectionReport *
read_report (sqlite3_stmt *stmt)
{
  SuyuanInspectionReport *r = g_new0 (SuyuanInspectionReport, 1);

  r->uuid = suyuan_stmt_dup_text (stmt, 0);
  r->at = suyuan_stmt_dup_text (stmt, 1);
  r->party_id = suyuan_stmt_dup_text (stmt, 2);
  r->party_name = suyuan_stmt_dup_text (stmt, 3);
  r->region = suyuan_stmt_dup_text (stmt, 4);
  r->result = suyuan_stmt_dup_text (stmt, 5);
  r->inspector = suyuan_stmt_dup_text (stmt, 6);
  r->device = suyuan_stmt_dup_text (stmt, 7);
  r->n_items = sqlite3_column_int64 (stmt, 8);
  r->n_stop = sqlite3_column_int64 (stmt, 9);
  return r;
}

static const char *
empty_is_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

GPtrArray *
suyuan_store_inspection_reports (SuyuanStore                  *store,
                                 const SuyuanInspectionFilter *filter,
                                 GError                      **error)
{
  static const SuyuanInspectionFilter none = { 0 };
  g_autoptr(GPtrArray) reports = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  filter = filter ? filter : &none;
  stmt = suyuan_store_prepare (store, REPORT_COLUMNS REPORT_FROM
                               " WHERE r.kind = 'inspection'"
                               "   AND (?1 IS NULL OR julianday (r.at) >= julianday (?1))"
                               "   AND (?2 IS NULL OR julianday (r.at) < julianday (?2, '+1 day'))"
                               "   AND (?3 IS NULL OR substr (pa.region, 1, length (?3)) = ?3)"
                               "   AND (?4 IS NULL OR r.result = ?4)"
                               "   AND (?5 IS NULL OR r.party_id = ?5"
                               "        OR instr (coalesce (pa.name, json_extract (r.data, '$.party_name')), ?5) > 0)"
                               " ORDER BY julianday (r.at) DESC, r.seq DESC"
                               " LIMIT " G_STRINGIFY (SUYUAN_INSPECTION_REPORTS_MAX), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, empty_is_null (filter->from), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, empty_is_null (filter->to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, empty_is_null (filter->region_prefix), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, empty_is_null (filter->result), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, empty_is_null (filter->party), -1, SQLITE_STATIC);
  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_inspection_report_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (reports, read_report (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&reports);
}

char *
suyuan_store_dup_report (SuyuanStore             *store,
                         const char              *uuid,
                         const char              *kind,
                         SuyuanInspectionReport **out,
                         GError                 **error)
{
  sqlite3_stmt *stmt;
  char *data = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && uuid != NULL && kind != NULL, NULL);
  stmt = suyuan_store_prepare (store, REPORT_COLUMNS ", r.data" REPORT_FROM " WHERE r.uuid = ?1 AND r.kind = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      data = suyuan_stmt_dup_text (stmt, 10);
      if (out != NULL)
        *out = read_report (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    suyuan_store_set_sql_error (store, error);
  return data;
}

gboolean
suyuan_store_inspected_since (SuyuanStore *store,
                              const char  *party_id,
                              const char  *device,
                              const char  *since)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (store != NULL, FALSE);
  stmt = suyuan_store_prepare (store, "SELECT 1 FROM reports WHERE kind = 'inspection' AND party_id = ?1"
                                      " AND device = ?2 AND julianday (at) >= julianday (?3) LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, party_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, since, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
suyuan_store_report_names_photo (SuyuanStore *store,
                                 const char  *device,
                                 const char  *sha256)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (store != NULL && sha256 != NULL, FALSE);
  stmt = suyuan_store_prepare (store, "SELECT 1 FROM reports r, json_each (r.data, '$.items') i,"
                                      " json_each (i.value, '$.photo_sha256') h"
                                      " WHERE r.kind = 'inspection' AND json_valid (r.data)"
                                      " AND (?1 IS NULL OR r.device = ?1) AND h.value = ?2 LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

void
suyuan_evidence_free (SuyuanEvidence *e)
{
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->what);
  g_free (e->at);
  g_free (e->party_id);
  g_free (e->party_name);
  g_free (e->product_name);
  g_free (e->serial);
  g_free (e->detail);
  g_free (e->level);
  g_free (e->finding);
  g_free (e->device);
  g_free (e);
}

SuyuanEvidence *
suyuan_store_dup_evidence (SuyuanStore  *store,
                           const char   *id,
                           const char   *region_prefix,
                           GError      **error)
{
  SuyuanEvidence *e = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL && id != NULL, NULL);
  stmt = suyuan_store_prepare (store,
      "SELECT e.id, e.type, strftime ('%Y-%m-%dT%H:%M:%SZ', e.time), e.party_id, pa.name, pr.name, e.serial,"
      "  e.place, e.reason, NULL, NULL"
      " FROM events e LEFT JOIN parties pa ON pa.id = e.party_id LEFT JOIN products pr ON pr.id = e.product_id"
      " WHERE e.id = ?1 AND (?2 IS NULL OR substr (pa.region, 1, length (?2)) = ?2)"
      " UNION ALL SELECT r.uuid, 'scan', strftime ('%Y-%m-%dT%H:%M:%SZ', r.at), r.party_id, pa.name,"
      "  coalesce (pr.name, json_extract (r.data, '$.product_name')), r.serial, json_extract (r.data, '$.raw'),"
      "  json_extract (r.data, '$.findings'), r.device, r.result"
      " FROM reports r LEFT JOIN parties pa ON pa.id = r.party_id LEFT JOIN products pr ON pr.id = r.product_id"
      " WHERE r.uuid = ?1 AND r.kind = 'scan' AND (?2 IS NULL OR substr (pa.region, 1, length (?2)) = ?2)"
      " LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, region_prefix, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      e = g_new0 (SuyuanEvidence, 1);
      e->id = suyuan_stmt_dup_text (stmt, 0);
      e->what = suyuan_stmt_dup_text (stmt, 1);
      e->at = suyuan_stmt_dup_text (stmt, 2);
      e->party_id = suyuan_stmt_dup_text (stmt, 3);
      e->party_name = suyuan_stmt_dup_text (stmt, 4);
      e->product_name = suyuan_stmt_dup_text (stmt, 5);
      e->serial = suyuan_stmt_dup_text (stmt, 6);
      e->detail = suyuan_stmt_dup_text (stmt, 7);
      e->finding = suyuan_stmt_dup_text (stmt, 8);
      e->device = suyuan_stmt_dup_text (stmt, 9);
      e->level = suyuan_stmt_dup_text (stmt, 10);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    suyuan_store_set_sql_error (store, error);
  return e;
}

GPtrArray *
suyuan_store_region_parties (SuyuanStore  *store,
                             const char   *region_prefix,
                             GError      **error)
{
  g_autoptr(GPtrArray) parties = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL && region_prefix != NULL, NULL);
  stmt = suyuan_store_prepare (store, "SELECT id, name, kind, region, credit_class FROM parties"
                                      " WHERE substr (region, 1, length (?1)) = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, region_prefix, -1, SQLITE_STATIC);
  parties = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_party_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanParty *p = g_new0 (SuyuanParty, 1);

      p->id = suyuan_stmt_dup_text (stmt, 0);
      p->name = suyuan_stmt_dup_text (stmt, 1);
      p->kind = suyuan_stmt_dup_text (stmt, 2);
      p->region = suyuan_stmt_dup_text (stmt, 3);
      p->credit_class = suyuan_stmt_dup_text (stmt, 4);
      g_ptr_array_add (parties, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&parties);
}
