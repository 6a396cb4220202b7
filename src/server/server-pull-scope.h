/* server-pull-scope.h — what a token's terminal pulls: every change of
 * global interest, and unit-level changes of its own region, party or
 * products (docs/api.md, "Scoped pull").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-tokens.h"

G_BEGIN_DECLS

typedef struct {
  char **keys;   /* the scope keys a change must have one of; NULL: every change */
  char  *id;     /* names the scope to the terminal: "all", or 16 hex digits */
} ServerPullScope;

ServerPullScope *server_pull_scope_new  (const ServerPrincipal *who);
void             server_pull_scope_free (ServerPullScope       *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerPullScope, server_pull_scope_free)

G_END_DECLS
