/* server-recall-scope.c — GET /api/v1/recall-scope?code=…|batch=…: every
 * party a batch reached and what each holds, for the bureau's recall work
 * (去向可追). Admins see the province; an inspector with a region, its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "recall-scope.h"

#include <string.h>

#define MAX_PARAM_LEN 1024

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
scope_to_json (const SuyuanRecallScope *scope,
               JsonBuilder             *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "batch");
  json_builder_begin_object (b);
  server_json_member_string (b, "id", scope->batch_id);
  server_json_member_string (b, "lot", scope->lot);
  server_json_member_string (b, "status", scope->status);
  server_json_member_string (b, "notice", scope->notice);
  server_json_member_string (b, "production_date", scope->production_date);
  server_json_member_string (b, "expiry_date", scope->expiry_date);
  server_json_member_string (b, "product_id", scope->product_id);
  server_json_member_string (b, "product_name", scope->product_name);
  server_json_member_string (b, "gtin", scope->gtin);
  server_json_member_string (b, "producer_id", scope->producer_id);
  server_json_member_string (b, "producer_name", scope->producer_name);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint i = 0; i < scope->parties->len; i++)
    {
      const SuyuanScopeParty *p = scope->parties->pdata[i];

      json_builder_begin_object (b);
      server_json_member_string (b, "party_id", p->party_id);
      server_json_member_string (b, "name", p->name);
      server_json_member_string (b, "kind", p->kind);
      server_json_member_string (b, "region", p->region);
      add_int (b, "shipped_to", p->shipped_to);
      add_int (b, "received", p->received);
      add_int (b, "in_transit", p->in_transit);
      add_int (b, "in_stock", p->in_stock);
      add_int (b, "sold", p->sold);
      add_int (b, "shipped_on", p->shipped_on);
      add_int (b, "destroyed", p->destroyed);
      server_json_member_string (b, "first_event_at", p->first_event_at);
      server_json_member_string (b, "last_event_at", p->last_event_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
server_recall_batch_for_code (ServerContext *ctx,
                              const char    *text,
                              GError       **error)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse (text, -1);
  g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (ctx->mirror, code, error);

  if (lookup == NULL || lookup->batch == NULL)
    return NULL;
  return g_strdup (lookup->batch->id);
}

/* The batch a request names: ?batch=ID, or any code of it (?code=). */
static char *
requested_batch (ServerContext     *ctx,
                 GHashTable        *query,
                 SoupServerMessage *msg,
                 GError           **error)
{
  const char *batch = query ? g_hash_table_lookup (query, "batch") : NULL;
  const char *text = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *given = batch != NULL ? batch : text;
  char *found;

  if ((batch == NULL) == (text == NULL) || *given == '\0' || strlen (given) > MAX_PARAM_LEN
      || !g_utf8_validate (given, -1, NULL))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                          "give one of code or batch, 1..1024 bytes of UTF-8");
      return NULL;
    }
  if (batch != NULL)
    return g_strdup (batch);
  if ((found = server_recall_batch_for_code (ctx, text, error)) == NULL && *error == NULL)
    server_reply_error (msg, SOUP_STATUS_NOT_FOUND,
                        "the code names no known batch "
                        "(give a code with its lot, or a unit's code)");
  return found;
}

void
server_handle_recall_scope (ServerContext         *ctx,
                            SoupServerMessage     *msg,
                            GHashTable            *query,
                            const ServerPrincipal *who)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(SuyuanRecallScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = NULL;
  const char *region = who->role == SERVER_ROLE_INSPECTOR ? who->region : NULL;

  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    goto storage_error;
  batch_id = requested_batch (ctx, query, msg, &error);
  if (batch_id == NULL)
    {
      if (error != NULL)
        goto storage_error;
      return;
    }
  scope = suyuan_store_recall_scope (ctx->mirror, batch_id, region, &error);
  if (scope == NULL)
    {
      if (error != NULL)
        goto storage_error;
      server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such batch");
      return;
    }
  scope_to_json (scope, b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
  return;

storage_error:
  g_warning ("recall scope: %s", error->message);
  server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
}
