/* server-store-reports.c — see server-store-reports.h. One table in either
 * backend, written with SQL both read alike.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-reports.h"
#include "server-store-private.h"

#include <gio/gio.h>
#include <string.h>

/* The longest text each member of a report may hold, in bytes: a terminal
 * keeps 4096 bytes of a scanned code; names and ids are short. Anything
 * longer did not come from our terminal and is refused. */
static const struct { const char *name; gsize max; } bounds[] = {
  { "raw", 4096 }, { "findings", 8192 }, { "level", 32 }, { "party_id", 200 },
  { "product_id", 200 }, { "product_name", 400 }, { "lot", 200 }, { "serial", 200 },
  { "party_name", 400 }, { "inspector", 200 }, { "result", 32 }, { "finished_at", 64 },
  { "started_at", 64 }, { "licence_no", 200 }, { "inspection_uuid", 64 }, { "task_id", 200 },
};

/* NULL when @data's members are within bounds, else what is wrong. */
static const char *
out_of_bounds (JsonObject *data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      JsonNode *node = json_object_get_member (data, bounds[i].name);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return bounds[i].name;
      if (strlen (json_node_get_string (node)) > bounds[i].max)
        return bounds[i].name;
    }
  return NULL;
}

gboolean
server_store_is_report_kind (const char *kind)
{
  return g_strcmp0 (kind, "scan") == 0 || g_strcmp0 (kind, "inspection") == 0;
}

gboolean
server_store_add_report (ServerStore        *store,
                         const ServerRecord *record,
                         const char         *device,
                         const char         *party,
                         GError            **error)
{
  const char *params[] = { record->uuid, record->kind, record->created_at, record->data, device, party };
  g_autoptr(JsonNode) root = NULL;
  const char *bad;

  g_return_val_if_fail (store != NULL && record != NULL, FALSE);
  root = json_from_string (record->data, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "data is not an object");
      return FALSE;
    }
  if ((bad = out_of_bounds (json_node_get_object (root))) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a string or too long", bad);
      return FALSE;
    }
  return server_store_query (store, "INSERT INTO reports (uuid, kind, created_at, data, device, party)"
                                    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uuid) DO NOTHING",
                             G_N_ELEMENTS (params), params, NULL, NULL, error);
}

typedef struct {
  ServerReportFunc func;
  gpointer user_data;
} Each;

static void
each_row (const char *const *c,
          guint              n,
          gpointer           user_data)
{
  Each *each = user_data;

  g_assert (n == 7);
  each->func (g_ascii_strtoll (c[0], NULL, 10), c[1], c[2], c[3], c[4], c[5], c[6], each->user_data);
}

gboolean
server_store_foreach_report (ServerStore      *store,
                             gint64            after,
                             guint             limit,
                             ServerReportFunc  func,
                             gpointer          user_data,
                             GError          **error)
{
  g_autofree char *after_text = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { after_text, limit_text };
  Each each = { func, user_data };

  g_return_val_if_fail (store != NULL && func != NULL, FALSE);
  return server_store_query (store, "SELECT seq, uuid, kind, created_at, data, device, party FROM reports"
                                    " WHERE seq > CAST ($1 AS bigint) ORDER BY seq LIMIT CAST ($2 AS bigint)",
                             G_N_ELEMENTS (params), params, each_row, &each, error);
}
