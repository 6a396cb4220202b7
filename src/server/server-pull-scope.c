/* server-pull-scope.c — a token's pull scope and the id that names it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-pull-scope.h"
#include "server-store-scope.h"

/* Part of every scope id: a release that changes which keys a change gets
 * changes this, and every terminal pulls its scope again. */
#define SCOPE_RULES "scope-rules-2"

ServerPullScope *
server_pull_scope_new (const ServerPrincipal *who)
{
  ServerPullScope *scope = g_new0 (ServerPullScope, 1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *party = who->party && *who->party ? who->party : NULL;
  const char *region = who->region && *who->region ? who->region : NULL;

  switch (who->role)
    {
    case SERVER_ROLE_INSPECTOR:
      /* An inspector without a region works province-wide. */
      if (region == NULL)
        goto everything;
      g_ptr_array_add (keys, server_scope_region_key (region));
      break;
    case SERVER_ROLE_RETAILER:
      if (party != NULL)
        g_ptr_array_add (keys, server_scope_party_key (party));
      break;
    case SERVER_ROLE_PRODUCER:
      if (party != NULL)
        {
          g_ptr_array_add (keys, server_scope_maker_key (party));
          g_ptr_array_add (keys, server_scope_party_key (party));
        }
      break;
    case SERVER_ROLE_ADMIN:
    default:
      goto everything;
    }
  g_ptr_array_add (keys, g_strdup (SERVER_SCOPE_GLOBAL));
  g_ptr_array_add (keys, NULL);
  g_ptr_array_set_free_func (keys, NULL);
  scope->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  g_checksum_update (sum, (const guchar *) SCOPE_RULES, -1);
  for (char **k = scope->keys; *k; k++)
    {
      g_checksum_update (sum, (const guchar *) "\n", 1);
      g_checksum_update (sum, (const guchar *) *k, -1);
    }
  scope->id = g_strndup (g_checksum_get_string (sum), 16);
  return scope;

everything:
  scope->id = g_strdup ("all");
  return scope;
}

void
server_pull_scope_free (ServerPullScope *scope)
{
  if (scope == NULL)
    return;
  g_strfreev (scope->keys);
  g_free (scope->id);
  g_free (scope);
}
