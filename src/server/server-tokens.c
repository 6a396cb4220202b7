/* server-tokens.c — see server-tokens.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-tokens.h"
#include "server-store-private.h"

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

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
server_random_hex (const char *prefix,
                   GError    **error)
{
  guint8 bytes[32];
  GString *text = g_string_new (prefix);

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

/* 32 bytes from the kernel's CSPRNG, hex-encoded after a recognisable prefix. */
static char *
new_secret (GError **error)
{
  return server_random_hex ("suyuan_", error);
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
  switch (store->backend->token_insert (store, name, hash, server_role_to_string (role), region, party, error))
    {
    case 0:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A token named “%s” exists already"), name);
      return NULL;
    case -1:
      return NULL;
    default:
      break;
    }
  return g_steal_pointer (&token);
}

gboolean
server_tokens_revoke (ServerStore *store,
                      const char  *name,
                      GError     **error)
{
  int revoked = store->backend->token_revoke (store, name, error);

  if (revoked == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No valid token is named “%s”"), name);
  return revoked == 1;
}

gboolean
server_tokens_foreach (ServerStore     *store,
                       ServerTokenFunc  func,
                       gpointer         user_data,
                       GError         **error)
{
  return store->backend->token_foreach (store, func, user_data, error);
}

ServerPrincipal *
server_tokens_check (ServerStore *store,
                     const char  *token)
{
  g_autofree char *hash = NULL;
  char **row;
  ServerPrincipal *principal;

  if (token == NULL || strlen (token) > SERVER_TOKEN_MAX_LEN)
    return NULL;
  hash = hash_token (token);
  if ((row = store->backend->token_lookup (store, hash)) == NULL)
    return NULL;
  principal = g_new0 (ServerPrincipal, 1);
  /* Four columns, any of them NULL: not a NULL-terminated vector. */
  principal->name = row[0];
  principal->role = server_role_from_string (row[1]);
  principal->region = row[2];
  principal->party = row[3];
  g_free (row[1]);
  g_free (row);
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
