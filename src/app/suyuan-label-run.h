/* suyuan-label-run.h — one generated label run, shared by the Labels page and
 * the threads that check it (decode every label back) or write it to a file:
 * reference-counted, so either may finish first.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "label-render.h"

G_BEGIN_DECLS

typedef struct {
  SuyuanLabelJob *job;
  const SuyuanLabelTemplate *tmpl;   /* the stock chosen when last drawn */
  guint failed;                      /* labels that did not read back */
} SuyuanLabelRun;

/* Takes @job. */
SuyuanLabelRun *suyuan_label_run_new   (SuyuanLabelJob *job);
SuyuanLabelRun *suyuan_label_run_ref   (SuyuanLabelRun *run);
void            suyuan_label_run_unref (SuyuanLabelRun *run);

/* Decodes every label in a thread; sets run->failed. */
void      suyuan_label_run_check_async  (SuyuanLabelRun      *run,
                                         gpointer             source,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  suyuan_label_run_check_finish (GAsyncResult        *result,
                                         GError             **error);
/* The run a check or write result is about. */
SuyuanLabelRun *suyuan_label_run_from_result (GAsyncResult *result);

/* Writes the whole run as PDF, or its first page as a 300 dpi PNG, in a thread. */
void      suyuan_label_run_write_async  (SuyuanLabelRun      *run,
                                         const char          *path,
                                         gboolean             png,
                                         gpointer             source,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  suyuan_label_run_write_finish (GAsyncResult        *result,
                                         const char         **path_out,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanLabelRun, suyuan_label_run_unref)

G_END_DECLS
