/* inspection-list.c — the inspections kept on this terminal, as a list.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "store-private.h"

void
suyuan_inspection_summary_free (SuyuanInspectionSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->uuid);
  g_free (summary->party_name);
  g_free (summary->started_at);
  g_free (summary->result);
  g_free (summary->corrects);
  g_free (summary);
}

GPtrArray *
suyuan_inspection_list_all (SuyuanStore  *store,
                            GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = suyuan_store_prepare (store,
      "SELECT uuid, party_name, started_at, coalesce (result, 'open'), corrects"
      " FROM inspections ORDER BY started_at, rowid", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_inspection_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuyuanInspectionSummary *summary = g_new0 (SuyuanInspectionSummary, 1);

      summary->uuid = suyuan_stmt_dup_text (stmt, 0);
      summary->party_name = suyuan_stmt_dup_text (stmt, 1);
      summary->started_at = suyuan_stmt_dup_text (stmt, 2);
      summary->result = suyuan_stmt_dup_text (stmt, 3);
      summary->corrects = suyuan_stmt_dup_text (stmt, 4);
      g_ptr_array_add (list, summary);
    }
  if (rc != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}
