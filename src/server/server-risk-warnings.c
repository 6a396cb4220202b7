/* server-risk-warnings.c — GET /api/v1/risk-warnings: the warnings the
 * terminals' and partners' events give (风险预警), each with its evidence,
 * and a count per day for the bureau's chart. Admins see the province; an
 * inspector with a region, its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "risk-warnings.h"

#include <string.h>

static void
add_warning (JsonBuilder             *b,
             const SuyuanRiskWarning *w)
{
  g_auto(GStrv) evidence = g_strsplit (w->evidence ? w->evidence : "", ",", -1);

  json_builder_begin_object (b);
  server_json_member_string (b, "kind", w->kind);
  server_json_member_string (b, "at", w->at);
  server_json_member_string (b, "product_id", w->product_id);
  server_json_member_string (b, "product_name", w->product_name);
  server_json_member_string (b, "batch_id", w->batch_id);
  server_json_member_string (b, "lot", w->lot);
  server_json_member_string (b, "serial", w->serial);
  server_json_member_string (b, "party_id", w->party_id);
  server_json_member_string (b, "party_name", w->party_name);
  server_json_member_string (b, "notice_kind", w->notice_kind);
  server_json_member_string (b, "alert_id", w->alert_id);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (char **id = evidence; *id != NULL; id++)
    if (**id != '\0')
      json_builder_add_string_value (b, *id);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* qsort hands over pointers to the array's elements, not the strings. */
static int
by_day (const void *a,
        const void *b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Warnings per UTC day, oldest first: the chart's data. */
static void
add_daily (JsonBuilder *b,
           GPtrArray   *warnings)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    {
      const SuyuanRiskWarning *w = warnings->pdata[i];
      guint count;
      char *day;

      if (w->at == NULL || strlen (w->at) < 10)
        continue;
      day = g_strndup (w->at, 10);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (days, day));
      g_hash_table_insert (days, day, GUINT_TO_POINTER (count + 1));
    }
  keys = g_hash_table_get_keys_as_array (days, &n);
  qsort (keys, n, sizeof (gpointer), by_day);
  json_builder_set_member_name (b, "daily");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      server_json_member_string (b, "date", keys[i]);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, GPOINTER_TO_UINT (g_hash_table_lookup (days, keys[i])));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
server_handle_risk_warnings (ServerContext         *ctx,
                             SoupServerMessage     *msg,
                             GHashTable            *query,
                             const ServerPrincipal *who)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  const char *region = who->role == SERVER_ROLE_INSPECTOR ? who->region : NULL;

  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (warnings = suyuan_store_risk_warnings (ctx->mirror, region, &error)) == NULL)
    {
      g_warning ("risk warnings: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < warnings->len; i++)
    add_warning (b, warnings->pdata[i]);
  json_builder_end_array (b);
  add_daily (b, warnings);
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}
