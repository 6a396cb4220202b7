/* server-lookup.c — GET /api/v1/lookup?code=…: the online answer for one
 * scanned code, the same JSON as `suyuanctl lookup --json`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "code-json.h"
#include "verdict-json.h"

#include <string.h>

/* Longer than any code a label can carry (a Digital Link URI included). */
#define MAX_CODE_LEN 1024

void
server_handle_lookup (ServerContext         *ctx,
                      SoupServerMessage     *msg,
                      GHashTable            *query,
                      const ServerPrincipal *who)
{
  const char *text = query ? g_hash_table_lookup (query, "code") : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(SuyuanCode) code = NULL;
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanVerdictSettings settings;

  if (text == NULL || *text == '\0' || strlen (text) > MAX_CODE_LEN || !g_utf8_validate (text, -1, NULL))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "code must be 1..1024 bytes of UTF-8");
      return;
    }
  code = suyuan_code_parse (text, -1);
  if ((!server_mirror_busy () && !server_mirror_catch_up (ctx->mirror, ctx->store, &error))
      || (lookup = suyuan_store_lookup (ctx->mirror, code, &error)) == NULL)
    {
      g_warning ("lookup: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  suyuan_verdict_settings_init (&settings);
  verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_add_string_value (b, code->raw);
  json_builder_set_member_name (b, "code");
  suyuan_code_to_json (code, b);
  suyuan_verdict_to_json (verdict, b);
  suyuan_lookup_to_json (lookup, b);
  json_builder_end_object (b);
  server_reply_json (msg, SOUP_STATUS_OK, b);
}
