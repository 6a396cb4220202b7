/* server-store-jobs.c — EPCIS capture jobs in the server store, in the SQL
 * both backends share (server-store-jobs-schema.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"

gboolean
server_store_job_save (ServerStore *store,
                       const char  *id,
                       const char  *owner,
                       gboolean     running,
                       const char  *json,
                       GError     **error)
{
  const char *params[] = { id, owner, running ? "1" : "0", json };

  g_return_val_if_fail (id != NULL && owner != NULL && json != NULL, FALSE);

  return store->backend->run (store, "INSERT INTO capture_jobs (id, owner, running, job)"
                                     " VALUES ($1, $2, CAST($3 AS integer), $4) ON CONFLICT (id) DO UPDATE"
                                     " SET running = excluded.running, job = excluded.job",
                              4, params, NULL, NULL, error) >= 0;
}

static void
take_text (const char *const *columns,
           guint              n_columns,
           gpointer           user_data)
{
  char **text = user_data;

  if (*text == NULL)
    *text = g_strdup (columns[0]);
}

char *
server_store_job_load (ServerStore *store,
                       const char  *id,
                       const char  *owner)
{
  const char *params[] = { id, owner };
  char *job = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  store->backend->run (store, "SELECT job FROM capture_jobs WHERE id = $1"
                              " AND (CAST($2 AS text) IS NULL OR owner = $2)",
                       2, params, take_text, &job, NULL);
  return job;
}

typedef struct {
  ServerJobFunc func;
  gpointer user_data;
} Each;

static void
each_job (const char *const *columns,
          guint              n_columns,
          gpointer           user_data)
{
  Each *each = user_data;

  each->func (g_ascii_strtoll (columns[0], NULL, 10), columns[1], each->user_data);
}

gboolean
server_store_job_foreach (ServerStore  *store,
                          const char   *owner,
                          gboolean      running_only,
                          gint64        after,
                          guint         limit,
                          ServerJobFunc func,
                          gpointer      user_data,
                          GError      **error)
{
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { after_text, owner, running_only ? "1" : "0", limit_text };
  Each each = { func, user_data };

  g_return_val_if_fail (func != NULL, FALSE);

  return store->backend->run (store, "SELECT seq, job FROM capture_jobs WHERE seq > CAST($1 AS bigint)"
                                     " AND (CAST($2 AS text) IS NULL OR owner = $2)"
                                     " AND running >= CAST($3 AS integer)"
                                     " ORDER BY seq LIMIT CAST($4 AS bigint)",
                              4, params, each_job, &each, error) >= 0;
}
