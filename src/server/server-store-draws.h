/* server-store-draws.h — 双随机 draws and their tasks in the server's
 * database (either backend).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

typedef struct {
  char *party_id;
  char *party_name;
  char *credit_class;
  char *inspector;           /* a token name */
} ServerDrawTask;

typedef struct {
  char *id;
  char *region;
  char *seed;
  char *created_at;          /* UTC ISO 8601 */
  char *created_by;
  GPtrArray *tasks;          /* of ServerDrawTask */
} ServerDraw;

ServerDraw *server_draw_new          (void);
void        server_draw_free         (ServerDraw   *draw);
void        server_draw_task_free    (ServerDrawTask *task);
/* Keeps @draw and its tasks in one transaction. */
gboolean    server_store_add_draw    (ServerStore  *store,
                                      ServerDraw   *draw,
                                      GError      **error);
/* The newest @limit draws with their tasks, of regions starting with
 * @region_prefix (NULL: all): a GPtrArray of ServerDraw. */
GPtrArray  *server_store_list_draws  (ServerStore  *store,
                                      const char   *region_prefix,
                                      guint         limit,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerDraw, server_draw_free)

G_END_DECLS
