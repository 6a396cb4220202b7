/* server-store-public.c — see server-store-public.h.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-public.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

struct _ServerResolverStore {
  sqlite3 *db;
  sqlite3_stmt *insert;
  sqlite3_stmt *totals;
  char *salt;
};

static const char schema[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = NORMAL;"
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS unit_queries ("
  "  unit TEXT NOT NULL, day INTEGER NOT NULL, client TEXT NOT NULL, network TEXT NOT NULL,"
  "  at TEXT NOT NULL, PRIMARY KEY (unit, day, client)) WITHOUT ROWID;";

static gboolean
sql_error (sqlite3  *db,
           GError  **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "resolver database: %s", sqlite3_errmsg (db));
  return FALSE;
}

/* A random salt made once per file: the hashes cannot be matched to
 * addresses by trying them all without it. */
static char *
load_salt (sqlite3  *db,
           GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  char *salt = NULL;
  g_autofree char *fresh = g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
                                            g_random_int (), g_random_int ());

  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?1)", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (db, error), NULL;
  sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return sql_error (db, error), NULL;
    }
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'salt'", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (db, error), NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    salt = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (salt == NULL)
    sql_error (db, error);
  return salt;
}

ServerResolverStore *
server_resolver_store_open (const char  *path,
                            GError     **error)
{
  g_autoptr(ServerResolverStore) self = g_new0 (ServerResolverStore, 1);

  g_return_val_if_fail (path != NULL, NULL);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "resolver database %s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  if (sqlite3_exec (self->db, schema, NULL, NULL, NULL) != SQLITE_OK
      || (self->salt = load_salt (self->db, error)) == NULL)
    return sql_error (self->db, error), NULL;
  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR IGNORE INTO unit_queries (unit, day, client, network, at)"
                          " VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                          -1, &self->insert, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->db,
                             "SELECT COUNT(*), COUNT(DISTINCT network), MIN(at) FROM unit_queries WHERE unit = ?1",
                             -1, &self->totals, NULL) != SQLITE_OK)
    return sql_error (self->db, error), NULL;
  return g_steal_pointer (&self);
}

void
server_resolver_store_close (ServerResolverStore *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->insert);
  sqlite3_finalize (self->totals);
  sqlite3_close_v2 (self->db);
  g_free (self->salt);
  g_free (self);
}

/* The part of @address that names its network: an IPv4 /24 or an IPv6 /48. */
static char *
network_of (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  const guint8 *bytes;

  if (inet == NULL)
    return g_strdup (address);
  bytes = g_inet_address_to_bytes (inet);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4)
    return g_strdup_printf ("%u.%u.%u", bytes[0], bytes[1], bytes[2]);
  return g_strdup_printf ("%02x%02x:%02x%02x:%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
}

static char *
salted (const char *salt,
        const char *text)
{
  g_autofree char *joined = g_strconcat (salt, "|", text, NULL);
  char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);

  hash[20] = '\0';
  return hash;
}

gboolean
server_resolver_store_count (ServerResolverStore *self,
                             const char          *unit_key,
                             const char          *address,
                             ServerQueryCount    *out,
                             GError             **error)
{
  g_autofree char *network = NULL;
  g_autofree char *client = NULL;
  g_autofree char *net_hash = NULL;
  gint64 day = g_get_real_time () / G_USEC_PER_SEC / SERVER_RESOLVER_WINDOW_SECONDS;
  gboolean ok;

  g_return_val_if_fail (self != NULL && unit_key != NULL && out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  address = address ? address : "";
  network = network_of (address);
  client = salted (self->salt, address);
  net_hash = salted (self->salt, network);

  sqlite3_bind_text (self->insert, 1, unit_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->insert, 2, day);
  sqlite3_bind_text (self->insert, 3, client, -1, SQLITE_STATIC);
  sqlite3_bind_text (self->insert, 4, net_hash, -1, SQLITE_STATIC);
  ok = sqlite3_step (self->insert) == SQLITE_DONE;
  sqlite3_reset (self->insert);
  sqlite3_clear_bindings (self->insert);
  if (!ok)
    return sql_error (self->db, error);

  sqlite3_bind_text (self->totals, 1, unit_key, -1, SQLITE_STATIC);
  ok = sqlite3_step (self->totals) == SQLITE_ROW;
  if (ok)
    {
      out->count = sqlite3_column_int64 (self->totals, 0);
      out->networks = sqlite3_column_int64 (self->totals, 1);
      if (sqlite3_column_text (self->totals, 2) != NULL)
        out->first_at = g_strdup ((const char *) sqlite3_column_text (self->totals, 2));
    }
  sqlite3_reset (self->totals);
  sqlite3_clear_bindings (self->totals);
  return ok || sql_error (self->db, error);
}

void
server_query_count_clear (ServerQueryCount *count)
{
  g_clear_pointer (&count->first_at, g_free);
}

void
server_query_spread_free (ServerQuerySpread *spread)
{
  if (spread == NULL)
    return;
  g_free (spread->unit_key);
  g_free (spread->last_at);
  g_free (spread);
}

GPtrArray *
server_resolver_store_spread (ServerResolverStore *self,
                              guint                min_networks,
                              guint                limit,
                              GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) server_query_spread_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT unit, MAX(at), COUNT(*), COUNT(DISTINCT network) FROM unit_queries"
                          " GROUP BY unit, day HAVING COUNT(DISTINCT network) >= ?1"
                          " ORDER BY day DESC, unit LIMIT ?2", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (self->db, error), NULL;
  sqlite3_bind_int64 (stmt, 1, min_networks);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ServerQuerySpread *spread = g_new0 (ServerQuerySpread, 1);

      spread->unit_key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      spread->last_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      spread->clients = sqlite3_column_int64 (stmt, 2);
      spread->networks = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (out, spread);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self->db, error), NULL;
  return g_steal_pointer (&out);
}
