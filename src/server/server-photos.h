/* server-photos.h — inspection photos the terminals upload, kept as files
 * named by their SHA-256 in a folder beside the lookup mirror (so the same
 * for SQLite and PostgreSQL): PUT /api/v1/photos/{sha256} and the console's
 * GET /console/photos/{sha256}.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"

G_BEGIN_DECLS

/* Larger photos are refused (a terminal's camera PNG is well under it). */
#define SERVER_PHOTO_MAX_BYTES (8 * 1024 * 1024)

/* The photo folder for a mirror file: MIRROR.photos. */
char       *server_photos_default_dir (const char *mirror_path);

/* "image/jpeg" or "image/png" by the first bytes, else NULL. */
const char *server_photo_type        (const guint8 *data,
                                      gsize         len);

/* The stored photo named @sha256 (64 lowercase hex digits), its type in
 * *@type; NULL when there is none or the name is not a hash. */
GBytes     *server_photo_load        (const char  *dir,
                                      const char  *sha256,
                                      const char **type);

void        server_handle_photo_put  (ServerContext         *ctx,
                                      SoupServerMessage     *msg,
                                      GHashTable            *query,
                                      const ServerPrincipal *who);

G_END_DECLS
