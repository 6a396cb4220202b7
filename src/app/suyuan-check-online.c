/* suyuan-check-online.c — one GTask per question: the worker opens its own
 * store connection (SQLite handles are not shared between threads), asks
 * through suyuan_lookup_online, which caches the server's answer, and hands
 * back plain lookup structs the main thread judges and shows.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-check-online.h"
#include "sync-client.h"

typedef struct {
  char *store_path;
  char *server_url;
  char *input;
  SuyuanLookupSource source;
} Question;

static void
question_free (Question *q)
{
  g_free (q->store_path);
  g_free (q->server_url);
  g_free (q->input);
  g_free (q);
}

static void
ask_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Question *q = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (q->store_path, &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (q->input, -1);
  g_autofree char *token = NULL;
  SuyuanLookup *lookup;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The device token as sync uses it ($SUYUAN_TOKEN, else the private
   * file); without one the server may still answer public lookups. */
  if (!suyuan_sync_default_token (&token, NULL))
    g_clear_pointer (&token, g_free);
  lookup = suyuan_lookup_online (store, code, q->server_url, token, SUYUAN_ONLINE_LOOKUP_TIMEOUT_MS,
                                 &q->source, &error);
  if (lookup == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, lookup, (GDestroyNotify) suyuan_lookup_free);
}

void
suyuan_check_online_lookup (GObject             *source_object,
                            const char          *store_path,
                            const char          *server_url,
                            const char          *input,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, NULL, callback, user_data);
  Question *q = g_new0 (Question, 1);

  q->store_path = g_strdup (store_path);
  q->server_url = g_strdup (server_url);
  q->input = g_strdup (input);
  q->source = SUYUAN_LOOKUP_SOURCE_OFFLINE;
  g_task_set_task_data (task, q, (GDestroyNotify) question_free);
  g_task_set_source_tag (task, suyuan_check_online_lookup);
  g_task_run_in_thread (task, ask_thread);
}

SuyuanLookup *
suyuan_check_online_lookup_finish (GAsyncResult        *result,
                                   SuyuanLookupSource  *source,
                                   GError             **error)
{
  Question *q;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  q = g_task_get_task_data (G_TASK (result));
  *source = q->source;
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
suyuan_check_online_get_input (GAsyncResult *result)
{
  Question *q = g_task_get_task_data (G_TASK (result));

  return q->input;
}
