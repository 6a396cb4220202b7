/* server-tokens.h — per-device bearer tokens with a role and a scope. Only a
 * SHA-256 hash of each token is stored; the token itself is shown once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

typedef enum {
  SERVER_ROLE_INSPECTOR = 1 << 0,
  SERVER_ROLE_RETAILER  = 1 << 1,
  SERVER_ROLE_PRODUCER  = 1 << 2,
  SERVER_ROLE_ADMIN     = 1 << 3,
} ServerRole;

#define SERVER_ROLES_ALL (SERVER_ROLE_INSPECTOR | SERVER_ROLE_RETAILER | SERVER_ROLE_PRODUCER | SERVER_ROLE_ADMIN)
/* Tokens are at most this long; longer bearer strings are refused unread. */
#define SERVER_TOKEN_MAX_LEN 128

/* Who made a request: the token's name, role and scope. */
typedef struct {
  char *name;
  ServerRole role;
  char *region;      /* may be NULL */
  char *party;       /* may be NULL */
} ServerPrincipal;

ServerRole       server_role_from_string   (const char *text);
const char      *server_role_to_string     (ServerRole  role);

/* Creates a token and returns it (the only time it exists in clear). */
char            *server_tokens_create      (ServerStore *store,
                                            const char  *name,
                                            ServerRole   role,
                                            const char  *region,
                                            const char  *party,
                                            GError     **error);
gboolean         server_tokens_revoke      (ServerStore *store,
                                            const char  *name,
                                            GError     **error);
/* Calls @func for each token (never the secret): name, role, region, party,
 * created_at, revoked_at (NULL while valid). */
typedef void   (*ServerTokenFunc)          (const char *const *columns,
                                            gpointer           user_data);
gboolean         server_tokens_foreach     (ServerStore     *store,
                                            ServerTokenFunc  func,
                                            gpointer         user_data,
                                            GError         **error);
/* The principal of a valid, unrevoked @token, or NULL. */
ServerPrincipal *server_tokens_check       (ServerStore *store,
                                            const char  *token);
void             server_principal_free     (ServerPrincipal *principal);

/* @prefix and 32 bytes of the kernel's CSPRNG in hex: tokens, session ids. */
char            *server_random_hex         (const char *prefix,
                                            GError    **error);

/* `suyuan-server token create|revoke|list …` (server-token-cmd.c); @argv[0] is "token". */
int              server_token_main         (int    argc,
                                            char **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerPrincipal, server_principal_free)

G_END_DECLS
