/* server-epcis-jobs.c — EPCIS capture jobs: POST /capture answers at once and
 * the document is captured on a thread of its own, so the server keeps
 * answering meanwhile (100,000 items take seconds). Each job's state is
 * saved in the server store as the JSON GET /capture/{id} answers with.
 * POST /api/v1/epcis/capture uses the same thread, its request paused until
 * the capture ended.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-rest.h"
#include "server-epcis.h"
#include "server-mirror.h"
#include "server-reply.h"

#include <string.h>

/* Jobs waiting for the capture thread at most: each holds its document (up
 * to --max-body) in memory until it runs. */
#define MAX_WAITING 16

typedef struct {
  ServerContext *ctx;
  char *id;
  char *created_at;
  ServerPrincipal *who;    /* a copy: the request's is gone when the job runs */
  GBytes *body;
  SoupServerMessage *msg;  /* a paused request waiting for the outcome, or NULL */
  ServerEpcisCaptured counts;
  GError *error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->msg);
  g_clear_error (&job->error);
  g_free (job->id);
  g_free (job->created_at);
  server_principal_free (job->who);
  g_bytes_unref (job->body);
  g_free (job);
}

/* Now in UTC, to the millisecond, as EPCIS writes times. */
static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

/* The problem a failed capture reports: the standard's exception for it. */
static void
add_problem (JsonBuilder *b,
             guint        status,
             const char  *title)
{
  const char *exception = status == SOUP_STATUS_BAD_REQUEST ? "ValidationException"
                          : status == SOUP_STATUS_FORBIDDEN ? "SecurityException"
                          : "ImplementationException";
  g_autofree char *type = g_strconcat ("epcisException:", exception, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_end_object (b);
}

/* The job as the REST binding describes it (CaptureJob); @title NULL: no
 * error so far. */
static char *
job_json (const char *id,
          const char *created_at,
          const char *finished_at,
          guint       status,
          const char *title)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "captureID");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "createdAt");
  json_builder_add_string_value (b, created_at);
  if (finished_at != NULL)
    {
      json_builder_set_member_name (b, "finishedAt");
      json_builder_add_string_value (b, finished_at);
    }
  json_builder_set_member_name (b, "running");
  json_builder_add_boolean_value (b, finished_at == NULL);
  json_builder_set_member_name (b, "success");
  json_builder_add_boolean_value (b, title == NULL);
  /* A document is stored whole or not at all. */
  json_builder_set_member_name (b, "captureErrorBehaviour");
  json_builder_add_string_value (b, "rollback");
  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  if (title != NULL)
    add_problem (b, status, title);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Runs the capture on @store and @mirror and saves how it ended (a job of
 * a paused request keeps it for the answer). */
static void
capture (Job         *job,
         ServerStore *store,
         SuyuanStore *mirror)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *finished_at = NULL;
  g_autofree char *json = NULL;
  guint status = SOUP_STATUS_OK;

  if (store == NULL || mirror == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no database connection");
  else
    server_epcis_capture (store, mirror, job->who, job->body, &job->counts, &error);
  if (job->msg != NULL)
    {
      job->error = g_steal_pointer (&error);
      return;
    }
  if (error != NULL && (status = server_epcis_capture_status (error)) == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    g_warning ("capture job %s: %s", job->id, error->message);
  finished_at = now_utc ();
  json = job_json (job->id, job->created_at, finished_at, status,
                   error == NULL ? NULL
                   : status == SOUP_STATUS_INTERNAL_SERVER_ERROR ? "storage error" : error->message);
  g_clear_error (&error);
  if (store == NULL || !server_store_job_save (store, job->id, job->who->name, FALSE, json, &error))
    g_warning ("capture job %s: its outcome was not saved: %s", job->id, error ? error->message : "no database");
}

/* Back on the main loop: the paused request gets its answer. */
static gboolean
answer (gpointer data)
{
  Job *job = data;

  server_epcis_reply_capture (job->msg, job->ctx->store, &job->counts, job->error);
  soup_server_message_unpause (job->msg);
  job_free (job);
  return G_SOURCE_REMOVE;
}

/* The capture thread: jobs one after another, in the order they came, on
 * database connections of its own. */
static void
run_job (gpointer data,
         gpointer pool_data)
{
  static ServerStore *store;
  static SuyuanStore *mirror;
  g_autoptr(GError) error = NULL;
  Job *job = data;

  if (store == NULL && (store = server_store_open (job->ctx->db_path, &error)) == NULL)
    g_warning ("capture jobs: %s", error->message);
  g_clear_error (&error);
  if (mirror == NULL && job->ctx->mirror_path != NULL
      && (mirror = server_mirror_open (job->ctx->mirror_path, &error)) == NULL)
    g_warning ("capture jobs: %s", error->message);
  g_clear_error (&error);
  capture (job, store, mirror);
  /* What it stored reaches the lookup mirror now, as record uploads do. */
  if (store != NULL && mirror != NULL)
    {
      server_mirror_set_busy (TRUE);
      if (!server_mirror_catch_up (mirror, store, &error))
        g_warning ("capture jobs: lookup mirror: %s", error->message);
      server_mirror_set_busy (FALSE);
    }
  if (job->msg != NULL)
    g_main_context_invoke (NULL, answer, job);
  else
    job_free (job);
}

static GThreadPool *
capture_thread (void)
{
  static GThreadPool *pool;

  if (pool == NULL)
    pool = g_thread_pool_new (run_job, NULL, 1, FALSE, NULL);
  return pool;
}

static GThreadPool *saver_thread (void);

static gboolean
queue_full (GError **error)
{
  if (g_thread_pool_unprocessed (capture_thread ()) + g_thread_pool_unprocessed (saver_thread ()) < MAX_WAITING)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%d captures are waiting already: send it again later",
               MAX_WAITING);
  return TRUE;
}

static ServerPrincipal *
principal_copy (const ServerPrincipal *who)
{
  ServerPrincipal *copy = g_new0 (ServerPrincipal, 1);

  copy->name = g_strdup (who->name);
  copy->role = who->role;
  copy->region = g_strdup (who->region);
  copy->party = g_strdup (who->party);
  return copy;
}

/* Back on the main loop once the job's first state is saved: 202 and its
 * Location, and the job goes to the capture thread. */
static gboolean
accepted (gpointer data)
{
  Job *job = data;
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&job->msg);
  g_autofree char *location = g_strconcat ("/capture/", job->id, NULL);
  char *json;

  if (job->error != NULL)
    {
      g_warning ("capture job %s: %s", job->id, job->error->message);
      server_epcis_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "ImplementationException", "storage error");
      soup_server_message_unpause (msg);
      job_free (job);
      return G_SOURCE_REMOVE;
    }
  json = job_json (job->id, job->created_at, NULL, 0, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_ACCEPTED, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  /* The job as it starts, for clients that read the body. */
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
  server_epcis_rest_headers (msg);
  soup_server_message_unpause (msg);
  g_thread_pool_push (capture_thread (), job, NULL);
  return G_SOURCE_REMOVE;
}

/* The job saver thread: a job's first state is written on a connection of
 * its own while the request waits, so the main loop never waits for the
 * capture thread's write lock (SQLite has one writer at a time). */
static void
save_job (gpointer data,
          gpointer pool_data)
{
  static ServerStore *store;
  Job *job = data;
  g_autofree char *json = job_json (job->id, job->created_at, NULL, 0, NULL);

  if (store == NULL)
    store = server_store_open (job->ctx->db_path, &job->error);
  if (store != NULL)
    server_store_job_save (store, job->id, job->who->name, TRUE, json, &job->error);
  g_main_context_invoke (NULL, accepted, job);
}

static GThreadPool *
saver_thread (void)
{
  static GThreadPool *pool;

  if (pool == NULL)
    pool = g_thread_pool_new (save_job, NULL, 1, FALSE, NULL);
  return pool;
}

static Job *
job_new (ServerContext         *ctx,
         const ServerPrincipal *who,
         GBytes                *body)
{
  Job *job = g_new0 (Job, 1);

  job->ctx = ctx;
  job->who = principal_copy (who);
  job->body = g_bytes_ref (body);
  return job;
}

/* Queues @body's capture (refused with 503 while the queue is full) and
 * pauses @msg until its thread answers. A standard-binding job gets an id
 * and is saved first; our own endpoint's request just waits. */
static void
enqueue (ServerContext         *ctx,
         SoupServerMessage     *msg,
         const ServerPrincipal *who,
         GBytes                *body,
         gboolean               standard)
{
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (ctx != NULL && ctx->db_path != NULL && msg != NULL && who != NULL && body != NULL);

  if (queue_full (&error))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "10");
      if (standard)
        server_epcis_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "ImplementationException", error->message);
      else
        server_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, error->message);
      return;
    }
  job = job_new (ctx, who, body);
  if (standard)
    {
      job->id = g_uuid_string_random ();
      job->created_at = now_utc ();
    }
  job->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  g_thread_pool_push (standard ? saver_thread () : capture_thread (), job, NULL);
}

void
server_capture_job_accept (ServerContext         *ctx,
                           SoupServerMessage     *msg,
                           const ServerPrincipal *who,
                           GBytes                *body)
{
  enqueue (ctx, msg, who, body, TRUE);
}

void
server_capture_in_thread (ServerContext         *ctx,
                          SoupServerMessage     *msg,
                          const ServerPrincipal *who,
                          GBytes                *body)
{
  enqueue (ctx, msg, who, body, FALSE);
}

static void
collect (gint64      seq,
         const char *json,
         gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (json));
}

void
server_capture_jobs_recover (ServerStore *store)
{
  g_autoptr(GPtrArray) running = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = now_utc ();

  if (!server_store_job_foreach (store, NULL, TRUE, 0, G_MAXUINT, collect, running, &error))
    {
      g_warning ("capture jobs: %s", error->message);
      return;
    }
  for (guint i = 0; i < running->len; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (running->pdata[i], NULL);
      JsonObject *o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = o ? json_object_get_string_member_with_default (o, "captureID", NULL) : NULL;
      g_autofree char *json = NULL;

      if (id == NULL)
        continue;
      json = job_json (id, json_object_get_string_member_with_default (o, "createdAt", now), now,
                       SOUP_STATUS_INTERNAL_SERVER_ERROR,
                       "the server stopped before this capture finished and nothing of it was stored: "
                       "send the document again");
      /* The job exists: saving keeps its owner. */
      if (!server_store_job_save (store, id, "", FALSE, json, &error))
        g_warning ("capture job %s: %s", id, error->message);
      g_clear_error (&error);
    }
}
