/* suyuan-label-run.c — see suyuan-label-run.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-label-run.h"

static void
run_clear (SuyuanLabelRun *run)
{
  g_clear_pointer (&run->job, suyuan_label_job_free);
}

SuyuanLabelRun *
suyuan_label_run_new (SuyuanLabelJob *job)
{
  SuyuanLabelRun *run = g_atomic_rc_box_new0 (SuyuanLabelRun);

  run->job = job;
  return run;
}

SuyuanLabelRun *
suyuan_label_run_ref (SuyuanLabelRun *run)
{
  return g_atomic_rc_box_acquire (run);
}

void
suyuan_label_run_unref (SuyuanLabelRun *run)
{
  g_atomic_rc_box_release_full (run, (GDestroyNotify) run_clear);
}

SuyuanLabelRun *
suyuan_label_run_from_result (GAsyncResult *result)
{
  return g_task_get_task_data (G_TASK (result));
}

static void
check_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SuyuanLabelRun *run = task_data;
  GError *error = NULL;

  if (!suyuan_label_verify (run->job, run->tmpl, NULL, NULL, &run->failed, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
suyuan_label_run_check_async (SuyuanLabelRun      *run,
                              gpointer             source,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_task_data (task, suyuan_label_run_ref (run), (GDestroyNotify) suyuan_label_run_unref);
  g_task_run_in_thread (task, check_in_thread);
}

gboolean
suyuan_label_run_check_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SuyuanLabelRun *run = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  gboolean png = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "png"));
  GError *error = NULL;
  gboolean ok;

  ok = png ? suyuan_label_write_png (run->job, run->tmpl, 0, 300, path, &error)
           : suyuan_label_write_pdf (run->job, run->tmpl, path, NULL, NULL, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
suyuan_label_run_write_async (SuyuanLabelRun      *run,
                              const char          *path,
                              gboolean             png,
                              gpointer             source,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, NULL, callback, user_data);

  g_task_set_task_data (task, suyuan_label_run_ref (run), (GDestroyNotify) suyuan_label_run_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "png", GINT_TO_POINTER (png));
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
suyuan_label_run_write_finish (GAsyncResult  *result,
                               const char   **path_out,
                               GError       **error)
{
  if (path_out != NULL)
    *path_out = g_object_get_data (G_OBJECT (result), "path");
  return g_task_propagate_boolean (G_TASK (result), error);
}
