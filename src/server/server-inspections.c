/* server-inspections.c — GET /api/v1/inspections (the finished inspections
 * terminals sent, filtered) and GET /api/v1/inspection-tasks (双随机 draws
 * and whether each task is done): the console's 检查 data as JSON.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "server-store-draws.h"
#include "reports.h"

#include <string.h>

#define MAX_PARAM_LEN 100

static const char *
param (GHashTable *query,
       const char *name)
{
  const char *value = query ? g_hash_table_lookup (query, name) : NULL;

  if (value == NULL || *value == '\0' || strlen (value) > MAX_PARAM_LEN || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return value;
}

/* An inspector's own region, or a part of it; else what was asked. */
static const char *
region_for (const ServerPrincipal *who,
            const char            *asked)
{
  if (who->role == SERVER_ROLE_INSPECTOR && who->region != NULL
      && (asked == NULL || !g_str_has_prefix (asked, who->region)))
    return who->region;
  return asked;
}

void
server_handle_inspections (ServerContext         *ctx,
                           SoupServerMessage     *msg,
                           GHashTable            *query,
                           const ServerPrincipal *who)
{
  SuyuanInspectionFilter filter = { param (query, "from"), param (query, "to"),
                                    region_for (who, param (query, "region")), param (query, "result"),
                                    param (query, "business") };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (reports = suyuan_store_inspection_reports (ctx->mirror, &filter, &error)) == NULL)
    {
      g_warning ("inspections: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "inspections");
  json_builder_begin_array (b);
  for (guint i = 0; i < reports->len; i++)
    {
      const SuyuanInspectionReport *r = reports->pdata[i];

      json_builder_begin_object (b);
      server_json_member_string (b, "uuid", r->uuid);
      server_json_member_string (b, "finished_at", r->at);
      server_json_member_string (b, "party_id", r->party_id);
      server_json_member_string (b, "party_name", r->party_name);
      server_json_member_string (b, "region", r->region);
      server_json_member_string (b, "result", r->result);
      server_json_member_string (b, "inspector", r->inspector);
      server_json_member_string (b, "device", r->device);
      json_builder_set_member_name (b, "items");
      json_builder_add_int_value (b, r->n_items);
      json_builder_set_member_name (b, "items_stop");
      json_builder_add_int_value (b, r->n_stop);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}

void
server_handle_inspection_tasks (ServerContext         *ctx,
                                SoupServerMessage     *msg,
                                GHashTable            *query,
                                const ServerPrincipal *who)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GError) error = NULL;

  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (draws = server_store_list_draws (ctx->store, region_for (who, NULL), 100, &error)) == NULL)
    {
      g_warning ("inspection tasks: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "draws");
  json_builder_begin_array (b);
  for (guint i = 0; i < draws->len; i++)
    {
      const ServerDraw *d = draws->pdata[i];

      json_builder_begin_object (b);
      server_json_member_string (b, "id", d->id);
      server_json_member_string (b, "region", d->region);
      server_json_member_string (b, "seed", d->seed);
      server_json_member_string (b, "created_at", d->created_at);
      server_json_member_string (b, "created_by", d->created_by);
      json_builder_set_member_name (b, "tasks");
      json_builder_begin_array (b);
      for (guint k = 0; k < d->tasks->len; k++)
        {
          const ServerDrawTask *t = d->tasks->pdata[k];

          json_builder_begin_object (b);
          server_json_member_string (b, "party_id", t->party_id);
          server_json_member_string (b, "party_name", t->party_name);
          server_json_member_string (b, "credit_class", t->credit_class);
          server_json_member_string (b, "inspector", t->inspector);
          json_builder_set_member_name (b, "done");
          json_builder_add_boolean_value (b, suyuan_store_inspected_since (ctx->mirror, t->party_id, t->inspector,
                                                                           d->created_at));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}
