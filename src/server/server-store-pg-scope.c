/* server-store-pg-scope.c — the PostgreSQL backend's scope keys: writing
 * them, a row for each run of changes, and the scoped pull's (key, seq)
 * range reads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-pg-private.h"
#include "server-scope-runs.h"

#include <gio/gio.h>
#include <string.h>

gboolean
pg_tag (ServerStore *store, const char *key, gint64 first, gint64 last, GError **error)
{
  PgStore *self = PG_STORE (store);

  g_hash_table_add (self->pending_keys, g_strdup (key));
  pg_copy_escape (self->copy_keys, key);
  if (last > first)
    g_string_append_printf (self->copy_keys, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n", first, last);
  else
    g_string_append_printf (self->copy_keys, "\t%" G_GINT64_FORMAT "\t\\N\n", first);
  return self->copy->len + self->copy_keys->len < COPY_FLUSH_BYTES || pg_flush_copy (self, error);
}

/* @keys as a text[] literal: each quoted, '"' and '\\' escaped. */
static char *
array_literal (const char *const *keys)
{
  GString *out = g_string_new ("{");

  for (const char *const *k = keys; *k; k++)
    {
      g_string_append (out, k == keys ? "\"" : ",\"");
      for (const char *c = *k; *c; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Per key its run that holds @after, then its first @limit runs after it
 * (up to @through), from the primary key's (key, seq) range, in one
 * statement whatever the number of keys (a city's counties); merged into
 * the page's numbers (server-scope-runs.c); then those changes. */
gboolean
pg_foreach_scoped (ServerStore *store, gint64 after, gint64 through, guint limit, const char *const *keys,
                   ServerChangeFunc func, gpointer user_data, GError **error)
{
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *through_text = g_strdup_printf ("%" G_GINT64_FORMAT, through);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autofree char *array = array_literal (keys);
  g_autofree char *wanted = NULL;
  const char *params[] = { after_text, limit_text, array, through_text };
  g_autoptr(ServerScopeRuns) runs = server_scope_runs_new (after, through, limit);
  PgStore *self = PG_STORE (store);
  gboolean send = FALSE;
  GArray *seqs;
  PGresult *res;

  /* Appends of this transaction not sent yet are sent if they have a key asked for. */
  for (const char *const *k = keys; *k; k++)
    send = send || g_hash_table_contains (self->pending_keys, *k);
  if (send && !pg_flush_copy (self, error))
    return FALSE;
  /* The keys come from unnest, so the planner guesses a key's runs from the
   * average key (a party's few) and, for a county's 10⁵ runs, would read
   * every run after the cursor by bitmap and sort them: 133 ms a page at
   * 10⁸ units, where the ordered index range it should walk takes 1.7 ms. */
  if ((res = pg_run_now (self, "SET enable_bitmapscan = off", 0, NULL, PGRES_COMMAND_OK, error)) == NULL)
    return FALSE;
  PQclear (res);
  res = pg_run_now (self, "SELECT r.seq, COALESCE (r.seq_last, r.seq)"
                          " FROM unnest ($3::text[]) AS k (key), LATERAL ("
                          "  (SELECT seq, seq_last FROM change_scope WHERE key = k.key"
                          "   AND seq <= $1::bigint ORDER BY seq DESC LIMIT 1)"
                          "  UNION ALL"
                          "  (SELECT seq, seq_last FROM change_scope WHERE key = k.key AND seq > $1::bigint"
                          "   AND seq <= $4::bigint ORDER BY seq LIMIT $2::bigint)) AS r",
                    4, params, PGRES_TUPLES_OK, error);
  PQclear (pg_run_now (self, "RESET enable_bitmapscan", 0, NULL, PGRES_COMMAND_OK, NULL));
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    server_scope_runs_add (runs, g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10),
                           g_ascii_strtoll (PQgetvalue (res, i, 1), NULL, 10));
  PQclear (res);
  seqs = server_scope_runs_seqs (runs);
  if (seqs->len == 0)
    return TRUE;
  wanted = server_scope_seq_list (seqs, '{', '}');
  res = pg_run_now (self, "SELECT seq, type, data FROM changes WHERE seq = ANY ($1::bigint[]) ORDER BY seq",
                    1, (const char *const []) { wanted }, PGRES_TUPLES_OK, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    func (g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10), PQgetvalue (res, i, 1),
          PQgetvalue (res, i, 2), (gsize) PQgetlength (res, i, 2), user_data);
  PQclear (res);
  return TRUE;
}

/* Unit registrations, not copies, in seq order: all of @batch_id (the
 * changes_unit_batch index), or @product_id's from @first to @last of
 * @batch_id (changes_unit; @batch_id NULL: any batch). */
gboolean
pg_foreach_unit (ServerStore *store, const char *batch_id, const char *product_id, const char *first,
                 const char *last, ServerChangeFunc func, gpointer user_data, GError **error)
{
  const char *params[] = { batch_id, product_id, first, last };
  PGresult *res;

  if (product_id == NULL)
    res = pg_run (PG_STORE (store), "SELECT seq, type, data FROM changes WHERE type = 'unit'"
                                    " AND data::json ->> 'batch_id' = $1 AND copy_of IS NULL ORDER BY seq",
                  1, params, PGRES_TUPLES_OK, error);
  else
    res = pg_run (PG_STORE (store), "SELECT seq, type, data FROM changes WHERE type = 'unit'"
                                    " AND data::json ->> 'product_id' = $2"
                                    " AND (data::json ->> 'serial') COLLATE \"C\" BETWEEN $3 AND $4"
                                    " AND length(data::json ->> 'serial') = length($3)"
                                    " AND ($1::text IS NULL OR data::json ->> 'batch_id' = $1)"
                                    " AND copy_of IS NULL ORDER BY seq",
                  4, params, PGRES_TUPLES_OK, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    func (g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10), PQgetvalue (res, i, 1),
          PQgetvalue (res, i, 2), (gsize) PQgetlength (res, i, 2), user_data);
  PQclear (res);
  return TRUE;
}

gint64
pg_backfill_through (ServerStore *store)
{
  g_autofree char *value = pg_query_value (PG_STORE (store), "SELECT max(through) FROM change_scope_backfill", 0, NULL);

  return value ? g_ascii_strtoll (value, NULL, 10) : -1;
}

gboolean
pg_backfill_done (ServerStore *store, GError **error)
{
  return pg_run_command (PG_STORE (store), "DELETE FROM change_scope_backfill", error);
}
