/* server-store-pg-queries.c — the PostgreSQL backend's reads and single
 * statements: records, the change feed, entities and tokens.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-pg-private.h"

#include <gio/gio.h>
#include <string.h>

#define NOW_UTC "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

int
pg_insert_record (ServerStore *store, const ServerRecord *r, const char *device, GError **error)
{
  const char *params[] = { r->uuid, r->kind, r->created_at, r->data, device };
  PGresult *res = pg_run (PG_STORE (store), "INSERT INTO records (uuid, kind, created_at, data, device, received_at)"
                                         " VALUES ($1, $2, $3, $4, $5, " NOW_UTC ") ON CONFLICT (uuid) DO NOTHING",
                       5, params, PGRES_COMMAND_OK, error);
  int stored;

  if (res == NULL)
    return -1;
  stored = strcmp (PQcmdTuples (res), "1") == 0 ? 1 : 0;
  PQclear (res);
  return stored;
}

gint64
pg_last_seq (ServerStore *store)
{
  g_autofree char *value = pg_query_value (PG_STORE (store), "SELECT COALESCE(MAX(seq), 0) FROM changes", 0, NULL);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

gint64
pg_count_records (ServerStore *store)
{
  g_autofree char *value = pg_query_value (PG_STORE (store), "SELECT count(*) FROM records", 0, NULL);

  return value ? g_ascii_strtoll (value, NULL, 10) : -1;
}

gboolean
pg_foreach_change (ServerStore *store, gint64 after, guint limit,
                   ServerChangeFunc func, gpointer user_data, GError **error)
{
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { after_text, limit_text };
  PGresult *res = pg_run (PG_STORE (store), "SELECT seq, type, data FROM changes WHERE seq > $1::bigint AND copy_of IS NULL"
                                         " ORDER BY seq LIMIT $2::bigint", 2, params, PGRES_TUPLES_OK, error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    func (g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10), PQgetvalue (res, i, 1),
          PQgetvalue (res, i, 2), (gsize) PQgetlength (res, i, 2), user_data);
  PQclear (res);
  return TRUE;
}

char *
pg_entity_member (ServerStore *store, const char *type, const char *key,
                  const char *value, const char *member)
{
  const char *params[] = { type, key, value, member };

  /* Newest first: a later change of the same id replaces the earlier one. */
  return pg_query_value (PG_STORE (store),
                      "SELECT CASE WHEN $4::text IS NULL THEN data ELSE data::json ->> $4::text END"
                      " FROM changes WHERE type = $1 AND data::json ->> $2::text = $3"
                      " ORDER BY seq DESC LIMIT 1", 4, params);
}

char *
pg_batch_for_lot (ServerStore *store, const char *product_id, const char *lot)
{
  const char *params[] = { product_id, lot };

  return pg_query_value (PG_STORE (store),
                         "SELECT data::json ->> 'id' FROM changes WHERE type = 'batch'"
                         " AND data::json ->> 'product_id' = $1 AND data::json ->> 'lot' = $2"
                         " ORDER BY seq DESC LIMIT 1", 2, params);
}

gboolean
pg_unit_in_range (ServerStore *store, const char *product_id, const char *first, const char *last)
{
  const char *params[] = { product_id, first, last };
  /* Serials compare in "C", as the index changes_unit holds them (migration 8). */
  g_autofree char *found = pg_query_value (PG_STORE (store),
                                           "SELECT count(*) FROM (SELECT 1 FROM changes WHERE type = 'unit'"
                                           " AND data::json ->> 'product_id' = $1"
                                           " AND (data::json ->> 'serial') COLLATE \"C\" BETWEEN $2 AND $3"
                                           " AND length(data::json ->> 'serial') = length($2) LIMIT 1) AS u",
                                           3, params);

  /* Cannot tell: refuse rather than reset a unit. */
  return found == NULL || strcmp (found, "0") != 0;
}

int
pg_token_insert (ServerStore *store, const char *name, const char *hash, const char *role,
                 const char *region, const char *party, GError **error)
{
  PgStore *self = PG_STORE (store);
  const char *params[] = { name, hash, role, region, party };
  PGresult *res;
  int inserted;

  if (!pg_flush_copy (self, error))
    return -1;
  res = PQexecParams (self->conn, "INSERT INTO tokens (name, hash, role, region, party, created_at)"
                                  " VALUES ($1, $2, $3, $4, $5, " NOW_UTC ")", 5, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) == PGRES_COMMAND_OK)
    inserted = 1;
  else if (g_strcmp0 (PQresultErrorField (res, PG_DIAG_SQLSTATE), "23505") == 0)  /* unique_violation */
    inserted = 0;
  else
    inserted = (pg_set_error (self, error), -1);
  PQclear (res);
  return inserted;
}

int
pg_token_revoke (ServerStore *store, const char *name, GError **error)
{
  const char *params[] = { name };
  PGresult *res = pg_run (PG_STORE (store), "UPDATE tokens SET revoked_at = " NOW_UTC
                                         " WHERE name = $1 AND revoked_at IS NULL", 1, params, PGRES_COMMAND_OK, error);
  int revoked;

  if (res == NULL)
    return -1;
  revoked = strcmp (PQcmdTuples (res), "0") != 0 ? 1 : 0;
  PQclear (res);
  return revoked;
}

/* Row @row of @res, @n columns, SQL NULL as NULL. */
static void
row_values (PGresult *res, int row, int n, const char **out)
{
  for (int i = 0; i < n; i++)
    out[i] = PQgetisnull (res, row, i) ? NULL : PQgetvalue (res, row, i);
}

gboolean
pg_token_foreach (ServerStore *store, void (*func) (const char *const *, gpointer),
                  gpointer user_data, GError **error)
{
  PGresult *res = pg_run (PG_STORE (store), "SELECT name, role, region, party, created_at, revoked_at"
                                         " FROM tokens ORDER BY name", 0, NULL, PGRES_TUPLES_OK, error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *columns[6];

      row_values (res, i, 6, columns);
      func (columns, user_data);
    }
  PQclear (res);
  return TRUE;
}

char **
pg_token_lookup (ServerStore *store, const char *hash)
{
  const char *params[] = { hash };
  PGresult *res = pg_run (PG_STORE (store), "SELECT name, role, region, party FROM tokens"
                                         " WHERE hash = $1 AND revoked_at IS NULL", 1, params, PGRES_TUPLES_OK, NULL);
  char **row = NULL;

  if (res && PQntuples (res) == 1)
    {
      const char *columns[4];

      row_values (res, 0, 4, columns);
      row = g_new0 (char *, 5);
      for (int i = 0; i < 4; i++)
        row[i] = g_strdup (columns[i]);
    }
  PQclear (res);
  return row;
}

gint64
pg_run_rows (ServerStore *store, const char *sql, guint n_params, const char *const *params,
             ServerRowFunc row, gpointer user_data, GError **error)
{
  PgStore *self = PG_STORE (store);
  PGresult *res;
  ExecStatusType status;
  gint64 n;

  if (PQstatus (self->conn) == CONNECTION_BAD && store->in_transaction == 0)
    PQreset (self->conn);
  if (!pg_flush_copy (self, error))
    return -1;
  res = PQexecParams (self->conn, sql, (int) n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      pg_set_error (self, error);
      PQclear (res);
      return -1;
    }
  for (int i = 0; row != NULL && i < PQntuples (res); i++)
    {
      const char *columns[32] = { NULL };
      int n_columns = PQnfields (res);

      g_assert (n_columns <= 32);
      for (int c = 0; c < n_columns; c++)
        columns[c] = PQgetisnull (res, i, c) ? NULL : PQgetvalue (res, i, c);
      row (columns, (guint) n_columns, user_data);
    }
  n = status == PGRES_TUPLES_OK && PQntuples (res) > 0 ? PQntuples (res)
      : g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  PQclear (res);
  return n;
}
