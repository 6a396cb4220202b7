/* server-store-pg.c — the PostgreSQL backend (libpq), for deployments that
 * outgrow one machine: several servers may share one database.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-pg-private.h"
#include "server-store-epcis-schema.h"
#include "server-store-jobs-schema.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

/* pg_advisory_xact_lock keys: "Suya" + 1 for writers, + 2 for migrations. */
#define WRITE_LOCK  "1400006977"
#define SCHEMA_LOCK "1400006978"
/* Appends wait in a COPY buffer up to this size: one round trip per batch. */
#define COPY_FLUSH_BYTES (1024 * 1024)

/* Each migration takes the schema from its index to the next version. */
static const char *const migrations[] = {
  "CREATE TABLE changes ("
  "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  type text NOT NULL, data text NOT NULL);"
  /* The newest change of an entity by id (or a product by GTIN), as the
   * record hooks and alert imports ask: no scan of the whole feed. */
  "CREATE INDEX changes_entity_id ON changes (type, (data::json ->> 'id'), seq);"
  "CREATE INDEX changes_product_gtin ON changes ((data::json ->> 'gtin'), seq) WHERE type = 'product';"
  "CREATE TABLE records ("
  "  uuid text PRIMARY KEY, kind text NOT NULL, created_at text NOT NULL,"
  "  data text NOT NULL, device text, received_at text NOT NULL);"
  "CREATE TABLE tokens ("
  "  name text PRIMARY KEY, hash text NOT NULL UNIQUE, role text NOT NULL,"
  "  region text, party text, created_at text NOT NULL, revoked_at text);",
  /* 2: the other checks records make (drug ids, product keys, a product's
   * lots, unit serials), each a point lookup however long the feed. */
  "CREATE INDEX changes_product_key ON changes ((data::json ->> 'product_key'), seq) WHERE type = 'product';"
  "CREATE INDEX changes_product_drug ON changes ((data::json ->> 'drug_id'), seq) WHERE type = 'product';"
  "CREATE INDEX changes_batch_lot ON changes ((data::json ->> 'product_id'), (data::json ->> 'lot'), seq)"
  "  WHERE type = 'batch';"
  "CREATE INDEX changes_unit ON changes ((data::json ->> 'product_id'), (data::json ->> 'serial'))"
  "  WHERE type = 'unit';",
  /* 3: EPCIS events as captured (server-store-epcis.h). */
  SERVER_STORE_EPCIS_SCHEMA ("bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", ""),
  /* 4: the console (server-store-console.c): sessions by a hash of their
   * cookie, who did what, and how far each token has pulled the feed. */
  "CREATE TABLE console_sessions ("
  "  id_hash text PRIMARY KEY, token_name text NOT NULL, csrf text NOT NULL,"
  "  created_at bigint NOT NULL, seen_at bigint NOT NULL);"
  "CREATE TABLE console_audit ("
  "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at text NOT NULL, who text NOT NULL,"
  "  action text NOT NULL, detail text);"
  "CREATE TABLE token_pulls ("
  "  token_name text PRIMARY KEY, last_seq bigint NOT NULL, pulled_at text NOT NULL);"
  /* The console's list of notices, newest first, without a scan. */
  "CREATE INDEX changes_type_seq ON changes (type, seq);",
  /* 5: EPCIS capture jobs (server-store-jobs.c). */
  SERVER_STORE_JOBS_SCHEMA ("bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", ""),
};

void
pg_set_error (PgStore  *self,
           GError  **error)
{
  g_autofree char *message = g_strdup (PQerrorMessage (self->conn));

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s", g_strstrip (message));
}

gboolean
pg_flush_copy (PgStore *self,
            GError **error)
{
  PGresult *res;
  gboolean ok;

  if (self->copy->len == 0)
    return TRUE;
  res = PQexec (self->conn, "COPY changes (type, data) FROM STDIN");
  ok = PQresultStatus (res) == PGRES_COPY_IN;
  PQclear (res);
  if (ok)
    ok = PQputCopyData (self->conn, self->copy->str, (int) self->copy->len) == 1
         && PQputCopyEnd (self->conn, NULL) == 1;
  g_string_truncate (self->copy, 0);
  while ((res = PQgetResult (self->conn)) != NULL)
    {
      ok = ok && PQresultStatus (res) == PGRES_COMMAND_OK;
      PQclear (res);
    }
  return ok || (pg_set_error (self, error), FALSE);
}

/* Runs @sql with text parameters; NULL (error set) unless it gave @want.
 * Pending appends reach the table first, so every query sees them. */
PGresult *
pg_run (PgStore            *self,
     const char         *sql,
     int                 n_params,
     const char *const  *params,
     ExecStatusType      want,
     GError            **error)
{
  PGresult *res;

  /* A connection lost between transactions is opened again; within one,
   * the transaction is lost anyway and fails as a whole. */
  if (PQstatus (self->conn) == CONNECTION_BAD && self->parent.in_transaction == 0)
    PQreset (self->conn);
  if (!pg_flush_copy (self, error))
    return NULL;
  res = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) == want)
    return res;
  pg_set_error (self, error);
  PQclear (res);
  return NULL;
}

gboolean
pg_run_command (PgStore *self, const char *sql, GError **error)
{
  PGresult *res = pg_run (self, sql, 0, NULL, PGRES_COMMAND_OK, error);

  PQclear (res);
  return res != NULL;
}

/* Several statements, no parameters: the schema's own SQL only. */
gboolean
pg_run_script (PgStore *self, const char *sql, GError **error)
{
  PGresult *res = PQexec (self->conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  PQclear (res);
  return ok || (pg_set_error (self, error), FALSE);
}

/* The single value of a one-row query, or NULL (SQL NULL, no row, error). */
char *
pg_query_value (PgStore *self, const char *sql, int n_params, const char *const *params)
{
  PGresult *res = pg_run (self, sql, n_params, params, PGRES_TUPLES_OK, NULL);
  char *value = NULL;

  if (res && PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

static void
pg_close (ServerStore *store)
{
  PgStore *self = PG_STORE (store);

  PQfinish (self->conn);
  g_string_free (self->copy, TRUE);
  g_free (self);
}

/* Every writer holds one lock to its commit: sequence numbers are drawn and
 * become visible in the same order, so a puller never skips a change. */
static gboolean
pg_begin (ServerStore *store, GError **error)
{
  PgStore *self = PG_STORE (store);
  PGresult *res;

  if (!pg_run_command (self, "BEGIN", error))
    return FALSE;
  if ((res = pg_run (self, "SELECT pg_advisory_xact_lock(" WRITE_LOCK ")", 0, NULL, PGRES_TUPLES_OK, error)) == NULL)
    {
      pg_run_command (self, "ROLLBACK", NULL);
      return FALSE;
    }
  PQclear (res);
  return TRUE;
}

/* COMMIT of a transaction an error aborted answers "ROLLBACK": a failure. */
static gboolean
pg_commit (ServerStore *store, GError **error)
{
  PgStore *self = PG_STORE (store);
  PGresult *res = pg_run (self, "COMMIT", 0, NULL, PGRES_COMMAND_OK, error);
  gboolean committed = res && strcmp (PQcmdStatus (res), "COMMIT") == 0;

  if (res && !committed)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: the transaction was rolled back");
  PQclear (res);
  return committed;
}

static void
pg_rollback (ServerStore *store)
{
  PgStore *self = PG_STORE (store);

  g_string_truncate (self->copy, 0);
  pg_run_command (self, "ROLLBACK", NULL);
}

static gboolean
pg_savepoint (ServerStore *store, ServerSavepoint op, GError **error)
{
  static const char *const sql[] = { "SAVEPOINT record", "RELEASE SAVEPOINT record", "ROLLBACK TO SAVEPOINT record" };

  return pg_run_command (PG_STORE (store), sql[op], error);
}

/* COPY text format: backslash, tab, newline and CR escaped. */
static void
copy_escape (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p);
      }
}

static gboolean
pg_append (ServerStore *store, const char *type, const char *json, GError **error)
{
  PgStore *self = PG_STORE (store);

  copy_escape (self->copy, type);
  g_string_append_c (self->copy, '\t');
  copy_escape (self->copy, json);
  g_string_append_c (self->copy, '\n');
  return self->copy->len < COPY_FLUSH_BYTES || pg_flush_copy (self, error);
}

static const ServerStoreBackend pg_backend = {
  pg_close, pg_begin, pg_commit, pg_rollback, pg_savepoint,
  pg_append, pg_insert_record, pg_last_seq, pg_foreach_change,
  pg_entity_member, pg_count_records,
  pg_batch_for_lot, pg_unit_in_range,
  pg_token_insert, pg_token_revoke, pg_token_foreach, pg_token_lookup,
  pg_run_rows,
};

/* Brings the schema to the newest version, once, whoever starts first. */
static gboolean
migrate (PgStore *self, GError **error)
{
  g_autofree char *version_text = NULL;
  gint64 version;
  gboolean ok;
  PGresult *res;

  if (!pg_run_command (self, "BEGIN", error))
    return FALSE;
  res = pg_run (self, "SELECT pg_advisory_xact_lock(" SCHEMA_LOCK ")", 0, NULL, PGRES_TUPLES_OK, error);
  ok = res != NULL && pg_run_command (self, "CREATE TABLE IF NOT EXISTS suyuan_schema (version integer NOT NULL)", error);
  PQclear (res);
  version_text = ok ? pg_query_value (self, "SELECT max(version) FROM suyuan_schema", 0, NULL) : NULL;
  version = version_text ? g_ascii_strtoll (version_text, NULL, 10) : 0;
  if (ok && version > (gint64) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The database has schema version %d; this suyuan-server knows versions up to %d"),
                   (int) version, (int) G_N_ELEMENTS (migrations));
      ok = FALSE;
    }
  for (gint64 v = version; ok && v < (gint64) G_N_ELEMENTS (migrations); v++)
    ok = pg_run_script (self, migrations[v], error);
  if (ok && version < (gint64) G_N_ELEMENTS (migrations))
    {
      g_autofree char *newest = g_strdup_printf ("%u", (guint) G_N_ELEMENTS (migrations));
      const char *params[] = { newest };

      PQclear (res = pg_run (self, "DELETE FROM suyuan_schema", 0, NULL, PGRES_COMMAND_OK, error));
      ok = res != NULL;
      PQclear (res = ok ? pg_run (self, "INSERT INTO suyuan_schema VALUES ($1::integer)", 1, params, PGRES_COMMAND_OK, error) : NULL);
      ok = ok && res != NULL;
    }
  if (ok)
    return pg_commit (&self->parent, error);
  pg_run_command (self, "ROLLBACK", NULL);
  return FALSE;
}

ServerStore *
server_store_pg_open (const char *url,
                      GError    **error)
{
  PgStore *self = g_new0 (PgStore, 1);

  self->parent.backend = &pg_backend;
  self->copy = g_string_new (NULL);
  /* The encoding as a connection option, so a reset keeps it. */
  self->conn = PQconnectdbParams ((const char *const []) { "dbname", "client_encoding", NULL },
                                  (const char *const []) { url, "UTF8", NULL }, 1);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *why = g_strdup (PQerrorMessage (self->conn));

      /* Host, port and database only: the URL may hold a password. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                   _("Cannot connect to the PostgreSQL database “%s” on %s port %s: %s"),
                   PQdb (self->conn) ? PQdb (self->conn) : "?", PQhost (self->conn) ? PQhost (self->conn) : "?",
                   PQport (self->conn) && *PQport (self->conn) ? PQport (self->conn) : "5432", g_strstrip (why));
      pg_close (&self->parent);
      return NULL;
    }
  if (!pg_run_command (self, "SET client_min_messages = warning", error) || !migrate (self, error))
    {
      if (error && *error == NULL)
        pg_set_error (self, error);
      pg_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}
