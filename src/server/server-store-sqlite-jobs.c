/* server-store-sqlite-jobs.c — EPCIS capture jobs in the SQLite backend.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-sqlite-private.h"

gboolean
sqlite_job_save (ServerStore *store, const char *id, const char *owner, gboolean running,
                 const char *json, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = sqlite_store_prepare (self, "INSERT INTO capture_jobs (id, owner, running, job)"
                                                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE"
                                                   " SET running = excluded.running, job = excluded.job", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, running ? 1 : 0);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sqlite_store_error (self, error);
}

char *
sqlite_job_load (ServerStore *store, const char *id, const char *owner)
{
  sqlite3_stmt *stmt = sqlite_store_prepare (SQLITE_STORE (store), "SELECT job FROM capture_jobs"
                                                                   " WHERE id = ?1 AND (?2 IS NULL OR owner = ?2)", NULL);
  char *job = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    job = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return job;
}

gboolean
sqlite_job_foreach (ServerStore *store, const char *owner, gboolean running_only, gint64 after,
                    guint limit, ServerJobFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt = sqlite_store_prepare (self, "SELECT seq, job FROM capture_jobs WHERE seq > ?1"
                                                   " AND (?2 IS NULL OR owner = ?2) AND running >= ?3"
                                                   " ORDER BY seq LIMIT ?4", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, running_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1), user_data);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sqlite_store_error (self, error);
}
