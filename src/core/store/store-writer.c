/* store-writer.c — durable writes off the main thread. One thread, one
 * SQLite connection (WAL: the main connection keeps reading meanwhile), a
 * queue worked in order; finished writes go back to the owner's main
 * context in the same order. A flush drains both, so whoever frees what a
 * write's data points to can do it safely afterwards.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store-writer.h"
#include "store-private.h"

typedef struct {
  SuyuanWriteFunc write;
  SuyuanWriteDone done;
  gpointer data;
  GDestroyNotify destroy;
  gpointer user_data;
  GError *error;
} Job;

struct _SuyuanStoreWriter {
  SuyuanStore *store;           /* the writer thread's own connection */
  GThread *thread;
  GMainContext *context;        /* where done callbacks run */
  GMutex lock;
  GCond cond;
  GQueue todo;                  /* of Job: pushed, not yet written */
  GQueue done;                  /* of Job: written, callback not yet run */
  guint n_writing;              /* 1 while the thread has a job out of todo */
  guint n_pending;              /* pushed and callback not yet run (owner's thread) */
  GSource *idle;                /* delivering done jobs, or NULL */
  gboolean stopping;
};

static void
job_free (Job *job)
{
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_error (&job->error);
  g_free (job);
}

static void
run_job (SuyuanStoreWriter *self,
         Job               *job)
{
  if (!suyuan_store_begin (self->store, &job->error))
    return;
  if (!job->write (self->store, job->data, &job->error)
      || !suyuan_store_commit (self->store, &job->error))
    suyuan_store_rollback (self->store);
}

/* Runs the done callbacks of finished jobs, oldest first; owner's thread. */
static void
deliver (SuyuanStoreWriter *self)
{
  for (;;)
    {
      Job *job;

      g_mutex_lock (&self->lock);
      job = g_queue_pop_head (&self->done);
      g_mutex_unlock (&self->lock);
      if (job == NULL)
        return;
      self->n_pending--;
      if (job->done != NULL)
        job->done (job->data, job->error, job->user_data);
      job_free (job);
    }
}

static gboolean
deliver_cb (gpointer user_data)
{
  SuyuanStoreWriter *self = user_data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->idle, g_source_unref);
  g_mutex_unlock (&self->lock);
  deliver (self);
  return G_SOURCE_REMOVE;
}

static gpointer
writer_thread (gpointer user_data)
{
  SuyuanStoreWriter *self = user_data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      Job *job;

      while (g_queue_is_empty (&self->todo) && !self->stopping)
        g_cond_wait (&self->cond, &self->lock);
      job = g_queue_pop_head (&self->todo);
      if (job == NULL)
        break;
      self->n_writing = 1;
      g_mutex_unlock (&self->lock);

      run_job (self, job);

      g_mutex_lock (&self->lock);
      self->n_writing = 0;
      g_queue_push_tail (&self->done, job);
      if (self->idle == NULL)
        {
          self->idle = g_idle_source_new ();
          g_source_set_priority (self->idle, G_PRIORITY_DEFAULT);
          g_source_set_callback (self->idle, deliver_cb, self, NULL);
          g_source_attach (self->idle, self->context);
        }
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

SuyuanStoreWriter *
suyuan_store_writer_new (SuyuanStore  *store,
                         GError      **error)
{
  const char *path;
  SuyuanStoreWriter *self;
  SuyuanStore *own;

  g_return_val_if_fail (store != NULL, NULL);
  path = sqlite3_db_filename (suyuan_store_get_db (store), "main");
  if (path == NULL || path[0] == '\0')
    {
      g_set_error_literal (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_OPEN,
                           "the store has no file a writer could open");
      return NULL;
    }
  own = suyuan_store_open (path, error);
  if (own == NULL)
    return NULL;
  self = g_new0 (SuyuanStoreWriter, 1);
  self->store = own;
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->todo);
  g_queue_init (&self->done);
  self->thread = g_thread_new ("suyuan-writer", writer_thread, self);
  return self;
}

void
suyuan_store_writer_push (SuyuanStoreWriter *self,
                          SuyuanWriteFunc    write,
                          SuyuanWriteDone    done,
                          gpointer           data,
                          GDestroyNotify     destroy,
                          gpointer           user_data)
{
  Job *job;

  g_return_if_fail (self != NULL && write != NULL);
  job = g_new0 (Job, 1);
  job->write = write;
  job->done = done;
  job->data = data;
  job->destroy = destroy;
  job->user_data = user_data;
  self->n_pending++;
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->todo, job);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
suyuan_store_writer_flush (SuyuanStoreWriter *self)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  while (!g_queue_is_empty (&self->todo) || self->n_writing > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  deliver (self);
}

guint
suyuan_store_writer_get_n_pending (SuyuanStoreWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pending;
}

void
suyuan_store_writer_free (SuyuanStoreWriter *self)
{
  if (self == NULL)
    return;
  suyuan_store_writer_flush (self);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  if (self->idle != NULL)
    g_source_destroy (self->idle);
  g_clear_pointer (&self->idle, g_source_unref);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  suyuan_store_close (self->store);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
