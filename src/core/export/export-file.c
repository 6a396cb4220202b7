/* export-file.c — an export written to a file in a worker thread, with
 * progress and cancel, so the app's window keeps drawing on a large store.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "export-private.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>

/* The caller's main context hears of progress at most this often. */
#define PROGRESS_INTERVAL_US (250 * 1000)

typedef struct {
  char *store_path;
  char *path;
  SuyuanExportFormat format;
  SuyuanExportProgress progress;
  gpointer progress_data;
  gint64 last_progress;           /* worker thread only */
  guint n_events;
} ExportJob;

typedef struct {
  GTask *task;                    /* owned: keeps the job and its source alive */
  guint done;
  guint total;
} ProgressReport;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->store_path);
  g_free (job->path);
  g_free (job);
}

static gboolean
report_progress (gpointer data)
{
  ProgressReport *report = data;
  ExportJob *job = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task) && !g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    job->progress (report->done, report->total, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  g_object_unref (report->task);
  g_free (report);
}

/* In the worker: pass it on to the caller's context, not too often. */
static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  GTask *task = data;
  ExportJob *job = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  if (job->progress == NULL || (now - job->last_progress < PROGRESS_INTERVAL_US && done < total))
    return;
  job->last_progress = now;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, report_progress, report,
                              progress_report_free);
}

static gboolean
write_file (ExportJob     *job,
            GTask         *task,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(SuyuanStore) store = NULL;
  g_autofree char *part_path = g_strconcat (job->path, ".part", NULL);
  g_autoptr(GFile) part = g_file_new_for_path (part_path);
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  gboolean ok;

  /* Its own connection: SQLite's are not shared between threads here, and
   * WAL lets the window's connection write meanwhile. */
  store = suyuan_store_open (job->store_path, error);
  if (store == NULL)
    return FALSE;
  out = g_file_replace (part, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 64 * 1024);
  ok = suyuan_export_write (store, job->format, buffered, cancellable, on_progress, task, &job->n_events, error)
       && g_output_stream_close (buffered, cancellable, error)
       && g_file_move (part, file, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error);
  if (!ok)
    {
      /* Half a file must not pass for an export: it goes. */
      g_output_stream_close (buffered, NULL, NULL);
      g_file_delete (part, NULL, NULL);
    }
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (write_file (job, task, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
suyuan_export_file_async (SuyuanStore          *store,
                          const char           *path,
                          SuyuanExportFormat    format,
                          GCancellable         *cancellable,
                          SuyuanExportProgress  progress,
                          gpointer              progress_data,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *store_path;
  ExportJob *job;

  g_return_if_fail (store != NULL && path != NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, suyuan_export_file_async);
  store_path = sqlite3_db_filename (suyuan_store_get_db (store), "main");
  if (store_path == NULL || store_path[0] == '\0')
    {
      g_task_return_new_error (task, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_OPEN,
                               _("This store is kept in memory only; it cannot be exported in the background"));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->store_path = g_strdup (store_path);
  job->path = g_strdup (path);
  job->format = format;
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, export_job_free);
  /* Not return-on-cancel: a cancel is reported once the worker has removed
   * its partial file. */
  g_task_run_in_thread (task, export_thread);
}

gboolean
suyuan_export_file_finish (GAsyncResult  *result,
                           guint         *n_events,
                           GError       **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = ((ExportJob *) g_task_get_task_data (task))->n_events;
  return TRUE;
}
