/* server-api.h — the HTTP/JSON API of suyuan-server (docs/api.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include "server-store.h"

G_BEGIN_DECLS

#define SERVER_API_MAX_PAGE 5000

void  server_api_install (SoupServer  *server,
                          ServerStore *store);

G_END_DECLS
