/* server-store-pg-jobs.c — EPCIS capture jobs in the PostgreSQL backend.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-pg-private.h"

gboolean
pg_job_save (ServerStore *store, const char *id, const char *owner, gboolean running,
             const char *json, GError **error)
{
  const char *params[] = { id, owner, running ? "true" : "false", json };
  PGresult *res = pg_run (PG_STORE (store), "INSERT INTO capture_jobs (id, owner, running, job)"
                                            " VALUES ($1, $2, $3::boolean, $4) ON CONFLICT (id) DO UPDATE"
                                            " SET running = excluded.running, job = excluded.job",
                          4, params, PGRES_COMMAND_OK, error);

  PQclear (res);
  return res != NULL;
}

char *
pg_job_load (ServerStore *store, const char *id, const char *owner)
{
  const char *params[] = { id, owner };

  return pg_query_value (PG_STORE (store), "SELECT job FROM capture_jobs"
                                           " WHERE id = $1 AND ($2::text IS NULL OR owner = $2)", 2, params);
}

gboolean
pg_job_foreach (ServerStore *store, const char *owner, gboolean running_only, gint64 after,
                guint limit, ServerJobFunc func, gpointer user_data, GError **error)
{
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { after_text, owner, running_only ? "true" : "false", limit_text };
  PGresult *res = pg_run (PG_STORE (store), "SELECT seq, job FROM capture_jobs WHERE seq > $1::bigint"
                                            " AND ($2::text IS NULL OR owner = $2) AND (running OR NOT $3::boolean)"
                                            " ORDER BY seq LIMIT $4::bigint", 4, params, PGRES_TUPLES_OK, error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    func (g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10), PQgetvalue (res, i, 1), user_data);
  PQclear (res);
  return TRUE;
}
