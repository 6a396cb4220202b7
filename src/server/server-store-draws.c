/* server-store-draws.c — see server-store-draws.h.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-draws.h"
#include "server-store-private.h"

static gboolean
add_draw (ServerStore *store,
          gpointer     user_data,
          GError     **error)
{
  ServerDraw *draw = user_data;
  g_autofree char *size = g_strdup_printf ("%u", draw->tasks->len);
  const char *params[] = { draw->id, draw->region, size, draw->seed, draw->created_at, draw->created_by };

  if (!server_store_query (store, "INSERT INTO draws (id, region, size, seed, created_at, created_by)"
                                  " VALUES ($1, $2, CAST ($3 AS integer), $4, $5, $6)",
                           G_N_ELEMENTS (params), params, NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < draw->tasks->len; i++)
    {
      ServerDrawTask *t = draw->tasks->pdata[i];
      const char *task_params[] = { draw->id, t->party_id, t->party_name, t->credit_class, t->inspector };

      if (!server_store_query (store, "INSERT INTO draw_tasks (draw_id, party_id, party_name, credit_class, inspector)"
                                      " VALUES ($1, $2, $3, $4, $5)",
                               G_N_ELEMENTS (task_params), task_params, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
server_store_add_draw (ServerStore *store,
                       ServerDraw  *draw,
                       GError     **error)
{
  g_return_val_if_fail (store != NULL && draw != NULL, FALSE);
  return server_store_transaction (store, add_draw, draw, error);
}

typedef struct {
  GPtrArray *draws;
  GHashTable *by_id;
} Listing;

static void
draw_row (const char *const *c,
          guint              n,
          gpointer           user_data)
{
  Listing *listing = user_data;
  ServerDraw *draw = server_draw_new ();

  g_assert (n == 5);
  draw->id = g_strdup (c[0]);
  draw->region = g_strdup (c[1]);
  draw->seed = g_strdup (c[2]);
  draw->created_at = g_strdup (c[3]);
  draw->created_by = g_strdup (c[4]);
  g_ptr_array_add (listing->draws, draw);
  g_hash_table_insert (listing->by_id, draw->id, draw);
}

static void
task_row (const char *const *c,
          guint              n,
          gpointer           user_data)
{
  Listing *listing = user_data;
  ServerDraw *draw = g_hash_table_lookup (listing->by_id, c[0]);
  ServerDrawTask *task;

  g_assert (n == 5);
  if (draw == NULL)
    return;
  task = g_new0 (ServerDrawTask, 1);
  task->party_id = g_strdup (c[1]);
  task->party_name = g_strdup (c[2]);
  task->credit_class = g_strdup (c[3]);
  task->inspector = g_strdup (c[4]);
  g_ptr_array_add (draw->tasks, task);
}

GPtrArray *
server_store_list_draws (ServerStore *store,
                         const char  *region_prefix,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) draws = g_ptr_array_new_with_free_func ((GDestroyNotify) server_draw_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { region_prefix, limit_text };
  Listing listing = { draws, by_id };

  g_return_val_if_fail (store != NULL, NULL);
  if (!server_store_query (store, "SELECT id, region, seed, created_at, created_by FROM draws"
                                  " WHERE CAST ($1 AS text) IS NULL OR substr (region, 1, length ($1)) = $1"
                                  " ORDER BY created_at DESC, id DESC LIMIT CAST ($2 AS integer)",
                           G_N_ELEMENTS (params), params, draw_row, &listing, error)
      || !server_store_query (store, "SELECT t.draw_id, t.party_id, t.party_name, t.credit_class, t.inspector"
                                     " FROM draw_tasks t JOIN draws d ON d.id = t.draw_id"
                                     " WHERE CAST ($1 AS text) IS NULL OR substr (d.region, 1, length ($1)) = $1"
                                     " ORDER BY t.draw_id, t.inspector, t.party_id",
                              1, params, task_row, &listing, error))
    return NULL;
  return g_steal_pointer (&draws);
}
