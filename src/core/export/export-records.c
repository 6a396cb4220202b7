/* export-records.c — the history of what this terminal recorded, searchable.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "export.h"
#include "store-private.h"

void
suyuan_record_summary_free (SuyuanRecordSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->uuid);
  g_free (summary->kind);
  g_free (summary->created_at);
  g_free (summary->title);
  g_free (summary->event_type);
  g_free (summary);
}

/* LIKE with the user's text taken literally. */
static char *
like_pattern (const char *query)
{
  g_autoptr(GString) pattern = g_string_new ("%");

  for (const char *p = query; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

GPtrArray *
suyuan_records_search (SuyuanStore *store,
                       const char  *query,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_record_summary_free);
  g_autofree char *pattern = NULL;
  g_autofree char *bounded = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  if (query != NULL && query[0] != '\0')
    {
      bounded = g_utf8_substring (query, 0, MIN (g_utf8_strlen (query, -1), 200));
      pattern = like_pattern (bounded);
    }
  /* The title is whatever names the record best, kind by kind. */
  stmt = suyuan_store_prepare (store,
    "SELECT r.uuid, r.kind, r.created_at,"
    "  CASE WHEN NOT json_valid (r.data) THEN NULL"
    "    WHEN r.kind = 'receipt' THEN coalesce (json_extract (r.data, '$.supplier_name'), json_extract (r.data, '$.supplier_id'))"
    "    WHEN r.kind = 'event' THEN coalesce (p.name, json_extract (r.data, '$.product_id'), '')"
    "      || coalesce (' ' || json_extract (r.data, '$.serial'), '')"
    "    ELSE coalesce (json_extract (r.data, '$.party_name'), json_extract (r.data, '$.product_name'),"
    "      json_extract (r.data, '$.code'), json_extract (r.data, '$.raw'), json_extract (r.data, '$.product_id')) END,"
    "  o.sent_at IS NOT NULL,"
    "  CASE WHEN r.kind = 'event' AND json_valid (r.data) THEN json_extract (r.data, '$.type') END"
    " FROM records r LEFT JOIN outbox o ON o.uuid = r.uuid"
    "  LEFT JOIN products p ON p.id = json_extract (CASE WHEN json_valid (r.data) THEN r.data END, '$.product_id')"
    " WHERE ?1 IS NULL OR r.kind LIKE ?1 ESCAPE '\\' OR r.data LIKE ?1 ESCAPE '\\'"
    "   OR p.name LIKE ?1 ESCAPE '\\'"
    " ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  if (pattern != NULL)
    sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, 10000));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanRecordSummary *s = g_new0 (SuyuanRecordSummary, 1);

      s->uuid = suyuan_stmt_dup_text (stmt, 0);
      s->kind = suyuan_stmt_dup_text (stmt, 1);
      s->created_at = suyuan_stmt_dup_text (stmt, 2);
      s->title = suyuan_stmt_dup_text (stmt, 3);
      s->sent = sqlite3_column_int (stmt, 4) != 0;
      s->event_type = suyuan_stmt_dup_text (stmt, 5);
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
