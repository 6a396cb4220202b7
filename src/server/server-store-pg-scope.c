/* server-store-pg-scope.c — the PostgreSQL backend's scope keys: writing
 * them beside each change, and the scoped pull's (key, seq) range reads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-pg-private.h"

#include <gio/gio.h>
#include <string.h>

/* Appends wait in the COPY buffers up to this size: one round trip per batch. */
#define COPY_FLUSH_BYTES (1024 * 1024)

gboolean
pg_tag (ServerStore *store, gint64 seq, const char *const *keys, GError **error)
{
  PgStore *self = PG_STORE (store);

  for (; keys && *keys; keys++)
    {
      g_hash_table_add (self->pending_keys, g_strdup (*keys));
      pg_copy_escape (self->copy_keys, *keys);
      g_string_append_printf (self->copy_keys, "\t%" G_GINT64_FORMAT "\n", seq);
    }
  return self->copy->len + self->copy_keys->len < COPY_FLUSH_BYTES || pg_flush_copy (self, error);
}

/* Per key the first @limit seqs after @after, read from the primary key's
 * (key, seq) range; their union cut to @limit; then those changes. */
gboolean
pg_foreach_scoped (ServerStore *store, gint64 after, guint limit, const char *const *keys,
                   ServerChangeFunc func, gpointer user_data, GError **error)
{
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autoptr(GString) sql = g_string_new ("SELECT s.seq, c.type, c.data FROM (SELECT seq FROM (");
  const char *params[2 + SERVER_SCOPE_MAX_KEYS] = { after_text, limit_text };
  guint n = keys ? g_strv_length ((char **) keys) : 0;
  PgStore *self = PG_STORE (store);
  gboolean send = FALSE;
  PGresult *res;

  g_return_val_if_fail (n >= 1 && n <= SERVER_SCOPE_MAX_KEYS, FALSE);
  for (guint i = 0; i < n; i++)
    {
      params[2 + i] = keys[i];
      g_string_append_printf (sql, "%s(SELECT seq FROM change_scope WHERE key = $%u AND seq > $1::bigint"
                                   " ORDER BY seq LIMIT $2::bigint)", i ? " UNION " : "", i + 3);
    }
  /* LATERAL … LIMIT 1: one primary-key probe per change, whatever the
   * planner guesses of a table not analysed yet (a hash join scans it). */
  g_string_append (sql, ") AS u ORDER BY seq LIMIT $2::bigint) AS s,"
                        " LATERAL (SELECT type, data FROM changes WHERE changes.seq = s.seq LIMIT 1) AS c ORDER BY s.seq");
  /* Appends of this transaction not sent yet are sent if they have a key asked for. */
  for (guint i = 0; i < n; i++)
    send = send || g_hash_table_contains (self->pending_keys, keys[i]);
  if (send && !pg_flush_copy (self, error))
    return FALSE;
  if ((res = pg_run_now (self, sql->str, (int) (2 + n), params, PGRES_TUPLES_OK, error)) == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    func (g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10), PQgetvalue (res, i, 1),
          PQgetvalue (res, i, 2), (gsize) PQgetlength (res, i, 2), user_data);
  PQclear (res);
  return TRUE;
}

int
pg_tagged_both (ServerStore *store, const char *anchor, const char *key, GError **error)
{
  PgStore *self = PG_STORE (store);
  const char *params[] = { anchor, key };
  PGresult *res;
  int found;

  /* Appends not sent yet matter only if they have the anchor. */
  if (g_hash_table_contains (self->pending_keys, anchor) && !pg_flush_copy (self, error))
    return -1;
  /* The anchor's changes, newest first, each probed for @key by primary
   * key: never a scan of @key's rows (a region's may be millions). */
  res = pg_run_now (self, "SELECT 1 FROM (SELECT seq FROM change_scope WHERE key = $1 ORDER BY seq DESC) AS a,"
                          " LATERAL (SELECT 1 FROM change_scope AS b WHERE b.key = $2 AND b.seq = a.seq LIMIT 1) AS b"
                          " LIMIT 1", 2, params, PGRES_TUPLES_OK, error);
  if (res == NULL)
    return -1;
  found = PQntuples (res) > 0 ? 1 : 0;
  PQclear (res);
  return found;
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
