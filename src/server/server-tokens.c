/* server-tokens.c — see server-tokens.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-tokens.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

static const struct { ServerRole role; const char *name; } role_names[] = {
  { SERVER_ROLE_INSPECTOR, "inspector" }, { SERVER_ROLE_RETAILER, "retailer" },
  { SERVER_ROLE_PRODUCER, "producer" }, { SERVER_ROLE_ADMIN, "admin" },
};

ServerRole
server_role_from_string (const char *text)
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i].name) == 0)
      return role_names[i].role;
  return 0;
}

const char *
server_role_to_string (ServerRole role)
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (role == role_names[i].role)
      return role_names[i].name;
  return "none";
}

static gboolean
sql_error (ServerStore *store,
           GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s",
               sqlite3_errmsg (server_store_get_db (store)));
  return FALSE;
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* 32 bytes from the kernel's CSPRNG, hex-encoded after a recognisable prefix. */
static char *
new_secret (GError **error)
{
  guint8 bytes[32];
  GString *text = g_string_new ("suyuan_");

  if (getrandom (bytes, sizeof bytes, 0) != (ssize_t) sizeof bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No random numbers from the kernel"));
      return g_string_free (text, TRUE), NULL;
    }
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (text, "%02x", bytes[i]);
  memset (bytes, 0, sizeof bytes);
  return g_string_free (text, FALSE);
}

char *
server_tokens_create (ServerStore *store,
                      const char  *name,
                      ServerRole   role,
                      const char  *region,
                      const char  *party,
                      GError     **error)
{
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (name == NULL || *name == '\0' || strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("A token needs a name of 1 to 64 characters"));
      return NULL;
    }
  if (server_role_to_string (role)[0] == 'n')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The role must be inspector, retailer, producer or admin"));
      return NULL;
    }
  if (role == SERVER_ROLE_PRODUCER && (party == NULL || *party == '\0'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A producer token needs --party, the producer’s party id"));
      return NULL;
    }
  if ((token = new_secret (error)) == NULL)
    return NULL;
  hash = hash_token (token);
  if (sqlite3_prepare_v2 (server_store_get_db (store),
                          "INSERT INTO tokens (name, hash, role, region, party, created_at)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (store, error), NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, server_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, region, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, party, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A token named “%s” exists already"), name);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    return sql_error (store, error), NULL;
  return g_steal_pointer (&token);
}

gboolean
server_tokens_revoke (ServerStore *store,
                      const char  *name,
                      GError     **error)
{
  sqlite3 *db = server_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "UPDATE tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                              " WHERE name = ?1 AND revoked_at IS NULL", -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (store, error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (store, error);
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No valid token is named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
server_tokens_foreach (ServerStore     *store,
                       ServerTokenFunc  func,
                       gpointer         user_data,
                       GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (server_store_get_db (store),
                          "SELECT name, role, region, party, created_at, revoked_at FROM tokens ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sql_error (store, error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *columns[6];

      for (int i = 0; i < 6; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, i);
      func (columns, user_data);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

ServerPrincipal *
server_tokens_check (ServerStore *store,
                     const char  *token)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt = NULL;
  ServerPrincipal *principal = NULL;

  if (token == NULL || strlen (token) > SERVER_TOKEN_MAX_LEN)
    return NULL;
  hash = hash_token (token);
  if (sqlite3_prepare_v2 (server_store_get_db (store),
                          "SELECT name, role, region, party FROM tokens WHERE hash = ?1 AND revoked_at IS NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      principal = g_new0 (ServerPrincipal, 1);
      principal->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      principal->role = server_role_from_string ((const char *) sqlite3_column_text (stmt, 1));
      principal->region = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      principal->party = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  return principal;
}

void
server_principal_free (ServerPrincipal *principal)
{
  if (principal == NULL)
    return;
  g_free (principal->name);
  g_free (principal->region);
  g_free (principal->party);
  g_free (principal);
}
