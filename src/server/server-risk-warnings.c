/* server-risk-warnings.c — GET /api/v1/risk-warnings: the warnings the
 * terminals' and partners' events, the check scans and the public's queries
 * give (风险预警), each with its evidence, and a count per day and kind for
 * the bureau's chart. Admins see the province; an inspector with a region,
 * its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-risk-warnings.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "server-resolver.h"
#include "server-store-public.h"
#include "risk-warnings.h"

#include <string.h>

const char *const server_risk_kinds[SERVER_RISK_N_KINDS] = {
  "sold-flagged", "received-flagged", "received-expired", "cloned-code", "unknown-scans", "public-queries",
};

static int
kind_index (const char *kind)
{
  for (int i = 0; i < SERVER_RISK_N_KINDS; i++)
    if (g_strcmp0 (kind, server_risk_kinds[i]) == 0)
      return i;
  return -1;
}

/* A unit the public queried from many networks in one day: a code copied
 * onto many packs, or passed around. */
static SuyuanRiskWarning *
spread_warning (const ServerQuerySpread *spread)
{
  SuyuanRiskWarning *w = g_new0 (SuyuanRiskWarning, 1);
  const char *slash = strrchr (spread->unit_key, '/');

  w->kind = g_strdup ("public-queries");
  w->at = g_strdup (spread->last_at);
  w->product_id = slash ? g_strndup (spread->unit_key, slash - spread->unit_key) : g_strdup (spread->unit_key);
  w->serial = slash ? g_strdup (slash + 1) : NULL;
  w->count = spread->networks;
  return w;
}

GPtrArray *
server_risk_warnings_collect (ServerContext          *ctx,
                              const ServerPrincipal  *who,
                              GError                **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  const char *region = who->role == SERVER_ROLE_INSPECTOR ? who->region : NULL;

  if (!server_mirror_catch_up (ctx->mirror, ctx->store, error)
      || (warnings = suyuan_store_risk_warnings (ctx->mirror, region, error)) == NULL)
    return NULL;
  /* Where the public queried from says nothing of a region: admins only. */
  if (who->role == SERVER_ROLE_ADMIN && ctx->resolver != NULL)
    {
      g_autoptr(GPtrArray) spread = server_resolver_spread (ctx->resolver, error);

      if (spread == NULL)
        return NULL;
      for (guint i = 0; i < spread->len; i++)
        g_ptr_array_add (warnings, spread_warning (spread->pdata[i]));
    }
  return g_steal_pointer (&warnings);
}

static void
add_warning (JsonBuilder             *b,
             const SuyuanRiskWarning *w)
{
  g_auto(GStrv) evidence = g_strsplit (w->evidence ? w->evidence : "", ",", SERVER_RISK_MAX_EVIDENCE + 1);

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
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, w->count);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (guint i = 0; evidence[i] != NULL && i < SERVER_RISK_MAX_EVIDENCE; i++)
    if (*evidence[i] != '\0')
      json_builder_add_string_value (b, evidence[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
by_date (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (((const ServerRiskDay *) a)->date, ((const ServerRiskDay *) b)->date);
}

static void
day_clear (gpointer data)
{
  g_free (((ServerRiskDay *) data)->date);
}

GArray *
server_risk_daily (GPtrArray *warnings)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *days = g_array_new (FALSE, TRUE, sizeof (ServerRiskDay));

  g_array_set_clear_func (days, day_clear);
  for (guint i = 0; i < warnings->len; i++)
    {
      const SuyuanRiskWarning *w = warnings->pdata[i];
      g_autofree char *date = NULL;
      gpointer found;
      ServerRiskDay *day;
      int kind = kind_index (w->kind);

      if (w->at == NULL || strlen (w->at) < 10 || kind < 0)
        continue;
      date = g_strndup (w->at, 10);
      if (!g_hash_table_lookup_extended (index, date, NULL, &found))
        {
          ServerRiskDay fresh = { g_strdup (date), { 0 }, 0 };

          g_array_append_val (days, fresh);
          found = GUINT_TO_POINTER (days->len);
          g_hash_table_insert (index, g_array_index (days, ServerRiskDay, days->len - 1).date, found);
        }
      day = &g_array_index (days, ServerRiskDay, GPOINTER_TO_UINT (found) - 1);
      day->counts[kind]++;
      day->total++;
    }
  g_array_sort (days, by_date);
  return days;
}

/* Per day, oldest first: the total and the count of each kind. */
static void
add_daily (JsonBuilder *b,
           GPtrArray   *warnings)
{
  g_autoptr(GArray) days = server_risk_daily (warnings);

  json_builder_set_member_name (b, "daily");
  json_builder_begin_array (b);
  for (guint i = 0; i < days->len; i++)
    {
      const ServerRiskDay *day = &g_array_index (days, ServerRiskDay, i);

      json_builder_begin_object (b);
      server_json_member_string (b, "date", day->date);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, day->total);
      json_builder_set_member_name (b, "kinds");
      json_builder_begin_object (b);
      for (int k = 0; k < SERVER_RISK_N_KINDS; k++)
        if (day->counts[k] > 0)
          {
            json_builder_set_member_name (b, server_risk_kinds[k]);
            json_builder_add_int_value (b, day->counts[k]);
          }
      json_builder_end_object (b);
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

  if ((warnings = server_risk_warnings_collect (ctx, who, &error)) == NULL)
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
