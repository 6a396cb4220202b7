/* server-records.c — POST /api/v1/records: what terminals recorded, stored
 * once per terminal-made UUID however often it arrives.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-master-data.h"
#include "server-data-rules.h"
#include "server-budget.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "server-store-reports.h"

/* Who may upload which kind of record (docs/api.md, "Tokens and roles"). */
static const struct { const char *kind; guint roles; } record_kinds[] = {
  { "inspection", SERVER_ROLE_INSPECTOR | SERVER_ROLE_ADMIN },
  { "receipt", SERVER_ROLE_RETAILER | SERVER_ROLE_INSPECTOR | SERVER_ROLE_ADMIN },
  { "event", SERVER_ROLES_ALL },
  { "scan", SERVER_ROLES_ALL },
  { "code-registration", SERVER_ROLE_PRODUCER | SERVER_ROLE_ADMIN },
};

static void
server_record_free (ServerRecord *r)
{
  g_free (r->uuid);
  g_free (r->kind);
  g_free (r->created_at);
  g_free (r->data);
  g_free (r->refusal);
  g_free (r);
}

/* The roles that may upload @kind; 0 for a kind the server does not know. */
static guint
kind_roles (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    if (g_strcmp0 (kind, record_kinds[i].kind) == 0)
      return record_kinds[i].roles;
  return 0;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A record, or NULL with *why saying what is wrong with it. */
static ServerRecord *
parse_record (ServerContext         *ctx,
              const ServerPrincipal *who,
              JsonNode              *node,
              const char           **uuid_out,
              const char           **why)
{
  JsonObject *o;
  JsonNode *data;
  const char *uuid, *kind, *created_at;
  ServerRecord *r;

  *uuid_out = NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return (*why = "not an object", NULL);
  o = json_node_get_object (node);
  uuid = string_member (o, "uuid");
  if (uuid == NULL || !g_uuid_string_is_valid (uuid))
    return (*why = "uuid is not a UUID", NULL);
  *uuid_out = uuid;
  kind = string_member (o, "kind");
  if (kind_roles (kind) == 0)
    return (*why = "unknown kind", NULL);
  if ((kind_roles (kind) & who->role) == 0)
    return (*why = "forbidden: this token's role may not upload this kind", NULL);
  created_at = string_member (o, "created_at");
  if (created_at == NULL || strlen (created_at) > 64 || !g_utf8_validate (created_at, -1, NULL))
    return (*why = "created_at missing or too long", NULL);
  data = json_object_get_member (o, "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return (*why = "data is not an object", NULL);
  /* Refused rather than acknowledged and never applied. */
  if (!server_data_check_object (kind, json_node_get_object (data), 0, NULL))
    return (*why = "data holds a number that is not finite or out of range", NULL);

  r = g_new0 (ServerRecord, 1);
  r->uuid = g_strdup (uuid);
  r->kind = g_strdup (kind);
  r->created_at = g_strdup (created_at);
  r->data = json_to_string (data, FALSE);
  return r;
}

static void
add_rejected (JsonBuilder *b,
              const char  *uuid,
              const char  *why)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  if (uuid)
    json_builder_add_string_value (b, uuid);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, why);
  json_builder_end_object (b);
}

typedef struct {
  const ServerPrincipal *who;
  guint64 units_left;     /* of this request's budget */
} Upload;

/* Runs in the upload's transaction, record after record, so master data sent
 * earlier in the same upload is known to the registrations after it. */
static gboolean
register_hook (ServerStore        *store,
               const ServerRecord *record,
               gpointer            user_data,
               GError            **error)
{
  Upload *upload = user_data;
  const ServerPrincipal *who = upload->who;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *owner = NULL;
  JsonObject *data;
  guint64 units;

  if (g_strcmp0 (record->kind, "event") == 0 && server_master_data_is (record->data))
    return server_master_data_apply (store, record, who, error);
  /* Check scans and inspections, for the console and its risk warnings;
   * the place is the token's party where it has one. */
  if (server_store_is_report_kind (record->kind))
    return server_store_add_report (store, record, who->name, who->party, error);
  if (g_strcmp0 (record->kind, "code-registration") != 0)
    return TRUE;
  root = json_from_string (record->data, NULL);
  data = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  owner = data ? server_store_product_owner (store, string_member (data, "product_id"),
                                             string_member (data, "gtin")) : NULL;
  /* A producer registers codes only for products its own party makes. */
  if (who->role == SERVER_ROLE_PRODUCER && (owner == NULL || g_strcmp0 (owner, who->party) != 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "forbidden: not a product of this token's party");
      return FALSE;
    }
  /* Budgets, before any work: one request, one token a day. */
  units = server_registration_units (record);
  /* (A range too long for any registration says so below.) */
  if (units <= SERVER_MAX_REGISTERED_UNITS && units > upload->units_left)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "budget: at most %d units per request; send the rest in another request",
                   SERVER_MAX_UNITS_PER_REQUEST);
      return FALSE;
    }
  if (units <= SERVER_MAX_REGISTERED_UNITS && !server_budget_allows (who->name, units))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "budget: this token has registered all the units it may register today");
      return FALSE;
    }
  /* The event names the producer: the token's party, or for an admin the product's. */
  if (!server_register_codes (store, record, who->role == SERVER_ROLE_PRODUCER || owner == NULL ? who->party : owner,
                              error))
    return FALSE;
  upload->units_left -= units;
  server_budget_spend (who->name, units);
  return TRUE;
}

/* One upload, stored off the main loop so /health, lookups and change pages
 * keep answering while a large registration is written. */
typedef struct {
  ServerContext *ctx;
  SoupServerMessage *msg;
  const ServerPrincipal *who;   /* the message's: it lives as long as the message */
  GBytes *body;
  guint status;
  char *error;                  /* the reply is {"error": …} when set */
  JsonBuilder *reply;           /* else this */
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  g_bytes_unref (job->body);
  g_free (job->error);
  g_clear_object (&job->reply);
  g_free (job);
}

static void
job_fail (Job        *job,
          guint       status,
          const char *message)
{
  job->status = status;
  job->error = g_strdup (message);
}

static void
store_upload (Job         *job,
              ServerStore *store)
{
  const ServerPrincipal *who = job->who;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) server_record_free);
  g_autoptr(JsonBuilder) rejected = json_builder_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root, *list;
  JsonArray *array;
  Upload upload = { who, SERVER_MAX_UNITS_PER_REQUEST };

  if (server_data_holds_nul (job->body))
    {
      job_fail (job, SOUP_STATUS_BAD_REQUEST, "text may not hold \\u0000 (NUL)");
      return;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (job->body, NULL), (gssize) g_bytes_get_size (job->body), NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (list = json_object_get_member (json_node_get_object (root), "records")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (list))
    {
      job_fail (job, SOUP_STATUS_BAD_REQUEST, "body must be {\"records\": [...]}");
      return;
    }
  array = json_node_get_array (list);
  if (json_array_get_length (array) > SERVER_API_MAX_RECORDS)
    {
      job_fail (job, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "at most 1000 records per request");
      return;
    }

  json_builder_begin_array (rejected);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *uuid, *why = NULL;
      ServerRecord *r = parse_record (job->ctx, who, json_array_get_element (array, i), &uuid, &why);

      if (r != NULL)
        g_ptr_array_add (records, r);
      else
        add_rejected (rejected, uuid, why);
    }

  if (!server_store_add_records (store, records, who->name, register_hook, &upload, &error))
    {
      g_warning ("records: %s", error->message);
      job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "acknowledged");
  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      ServerRecord *r = records->pdata[i];

      if (r->refusal == NULL)
        json_builder_add_string_value (b, r->uuid);
      else
        add_rejected (rejected, r->uuid, r->refusal);
    }
  json_builder_end_array (b);
  json_builder_end_array (rejected);
  json_builder_set_member_name (b, "rejected");
  json_builder_add_value (b, json_builder_get_root (rejected));
  json_builder_end_object (b);
  job->status = SOUP_STATUS_OK;
  job->reply = g_steal_pointer (&b);
}

/* Back on the main loop: the reply goes out. */
static gboolean
job_done (gpointer data)
{
  Job *job = data;

  if (job->error != NULL)
    server_reply_error (job->msg, job->status, job->error);
  else
    server_reply_json (job->msg, job->status, job->reply);
  soup_server_message_unpause (job->msg);
  job_free (job);
  return G_SOURCE_REMOVE;
}

/* The one writer thread: uploads are stored one after another, in the
 * order they came, on a database connection of its own. */
static void
run_job (gpointer data,
         gpointer pool_data)
{
  static ServerStore *writer;
  static SuyuanStore *mirror;
  g_autoptr(GError) error = NULL;
  Job *job = data;

  if (writer == NULL && (writer = server_store_open (job->ctx->db_path, &error)) == NULL)
    g_warning ("records: %s", error->message);
  if (writer != NULL)
    store_upload (job, writer);
  else
    job_fail (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
  /* What it stored reaches the lookup mirror here, before the answer, not
   * on the main loop at the next lookup. */
  g_clear_error (&error);
  if (writer != NULL && job->ctx->mirror_path != NULL && mirror == NULL
      && (mirror = server_mirror_open (job->ctx->mirror_path, &error)) == NULL)
    g_warning ("records: %s", error->message);
  if (writer != NULL && mirror != NULL)
    {
      server_mirror_set_busy (TRUE);
      if (!server_mirror_catch_up (mirror, writer, &error))
        g_warning ("records: lookup mirror: %s", error->message);
      server_mirror_set_busy (FALSE);
    }
  g_main_context_invoke (NULL, job_done, job);
}

void
server_handle_records (ServerContext         *ctx,
                       SoupServerMessage     *msg,
                       GHashTable            *query,
                       const ServerPrincipal *who)
{
  static GThreadPool *pool;
  Job *job = g_new0 (Job, 1);

  job->ctx = ctx;
  job->msg = g_object_ref (msg);
  job->who = who;
  job->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  /* Without a database to open a second connection to, in line. */
  if (ctx->db_path == NULL)
    {
      store_upload (job, ctx->store);
      if (job->error != NULL)
        server_reply_error (msg, job->status, job->error);
      else
        server_reply_json (msg, job->status, job->reply);
      job_free (job);
      return;
    }
  if (pool == NULL)
    pool = g_thread_pool_new (run_job, NULL, 1, FALSE, NULL);
  soup_server_message_pause (msg);
  g_thread_pool_push (pool, job, NULL);
}
