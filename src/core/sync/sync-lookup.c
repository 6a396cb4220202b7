/* sync-lookup.c — GET /api/v1/lookup for codes the store does not know,
 * its answer stored as the exchange format's entities so the next lookup,
 * online or not, finds it locally.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-lookup.h"
#include "json-depth.h"
#include "http-client.h"

#include <json-glib/json-glib.h>

const char *
suyuan_lookup_source_to_string (SuyuanLookupSource source)
{
  switch (source)
    {
    case SUYUAN_LOOKUP_SOURCE_SERVER:
      return "server";
    case SUYUAN_LOOKUP_SOURCE_OFFLINE:
      return "offline";
    case SUYUAN_LOOKUP_SOURCE_LOCAL:
    default:
      return "local";
    }
}

gboolean
suyuan_lookup_is_partial (const SuyuanLookup *lookup,
                          const SuyuanCode   *code)
{
  g_return_val_if_fail (lookup != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!code->valid)
    return FALSE;
  if (lookup->product == NULL)
    return code->gtin != NULL || code->product_key != NULL || code->drug_id != NULL;
  if (code->serial != NULL && lookup->unit == NULL)
    return TRUE;
  return code->lot != NULL && lookup->batch == NULL;
}

/* Members the answer may leave out (json-glib's getters complain). */
static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
set_if_absent (JsonObject *o,
               const char *member,
               const char *value)
{
  if (value != NULL && !json_object_has_member (o, member))
    json_object_set_string_member (o, member, value);
}

static gboolean
apply (SuyuanStore *store,
       const char  *type,
       JsonObject  *o,
       GError     **error)
{
  return o == NULL || suyuan_store_apply_entity (store, type, o, error);
}

/* The server's lookup JSON as entities, children naming their parents. */
static gboolean
cache_answer (SuyuanStore *store,
              JsonObject  *answer,
              GError     **error)
{
  JsonObject *product = object_member (answer, "product");
  JsonObject *batch = object_member (answer, "batch");
  JsonObject *unit = object_member (answer, "unit");
  JsonObject *producer = object_member (answer, "producer");
  JsonArray *alerts = array_member (answer, "alerts");
  JsonArray *events = array_member (answer, "events");
  const char *product_id = product ? json_object_get_string_member_with_default (product, "id", NULL) : NULL;
  const char *batch_id = batch ? json_object_get_string_member_with_default (batch, "id", NULL) : NULL;

  if (product_id == NULL)
    return TRUE;
  if (product != NULL && producer != NULL)
    set_if_absent (product, "producer_id", json_object_get_string_member_with_default (producer, "id", NULL));
  if (batch != NULL)
    set_if_absent (batch, "product_id", product_id);
  if (unit != NULL)
    {
      set_if_absent (unit, "product_id", product_id);
      set_if_absent (unit, "batch_id", batch_id);
    }
  if (!suyuan_store_begin (store, error))
    return FALSE;
  if (!apply (store, "party", producer, error) || !apply (store, "product", product, error)
      || !apply (store, "batch", batch, error) || !apply (store, "unit", unit, error))
    goto failed;
  for (guint i = 0; alerts && i < json_array_get_length (alerts); i++)
    {
      JsonNode *node = json_array_get_element (alerts, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && !apply (store, "alert", json_node_get_object (node), error))
        goto failed;
    }
  for (guint i = 0; events && i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      JsonObject *e = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (e == NULL)
        continue;
      set_if_absent (e, "product_id", product_id);
      set_if_absent (e, "batch_id", batch_id);
      if (!apply (store, "event", e, error))
        goto failed;
    }
  return suyuan_store_commit (store, error);

failed:
  suyuan_store_rollback (store);
  return FALSE;
}

/* The server's answer for @code, or NULL when it could not be had. */
static JsonNode *
ask_server (const SuyuanCode *code,
            const char       *server_url,
            const char       *token,
            guint             timeout_ms)
{
  g_autofree char *escaped = g_uri_escape_string (code->raw, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/lookup?code=%s", server_url, escaped);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  JsonNode *root;

  suyuan_http_set_thread_timeout (timeout_ms);
  reply = suyuan_http_request ("GET", url, token, NULL, NULL, &error);
  suyuan_http_set_thread_timeout (0);
  if (reply == NULL)
    {
      g_debug ("online lookup: %s", error->message);
      return NULL;
    }
  /* json-glib recurses: a hostile server's deep nesting would crash us. */
  if (!suyuan_json_depth_within (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                 SUYUAN_JSON_MAX_DEPTH)
      || !json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                      (gssize) g_bytes_get_size (reply), &error))
    return NULL;
  root = json_parser_get_root (parser);
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_copy (root) : NULL;
}

SuyuanLookup *
suyuan_lookup_online (SuyuanStore        *store,
                      const SuyuanCode   *code,
                      const char         *server_url,
                      const char         *token,
                      guint               timeout_ms,
                      SuyuanLookupSource *source,
                      GError            **error)
{
  g_autoptr(SuyuanLookup) local = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) cache_error = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  *source = SUYUAN_LOOKUP_SOURCE_LOCAL;
  local = suyuan_store_lookup (store, code, error);
  if (local == NULL || !suyuan_lookup_is_partial (local, code))
    return g_steal_pointer (&local);
  *source = SUYUAN_LOOKUP_SOURCE_OFFLINE;
  if (server_url == NULL || *server_url == '\0'
      || (answer = ask_server (code, server_url, token, timeout_ms)) == NULL)
    return g_steal_pointer (&local);
  *source = SUYUAN_LOOKUP_SOURCE_SERVER;
  /* A server answer the store refuses is still the answer; only caching fails. */
  if (!cache_answer (store, json_node_get_object (answer), &cache_error))
    g_warning ("online lookup: could not keep the server's answer: %s", cache_error->message);
  g_clear_pointer (&local, suyuan_lookup_free);
  return suyuan_store_lookup (store, code, error);
}
