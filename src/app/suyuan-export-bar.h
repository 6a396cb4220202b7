/* suyuan-export-bar.h — an export running in the background: how far it is,
 * and a button to cancel it; a toast names the file when it is done.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "export.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_EXPORT_BAR (suyuan_export_bar_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanExportBar, suyuan_export_bar, SUYUAN, EXPORT_BAR, GtkWidget)

/* Starts writing the export of @store to @path in a worker thread. FALSE,
 * with @error set, while another export is still running. */
gboolean  suyuan_export_bar_start       (SuyuanExportBar     *self,
                                         SuyuanStore         *store,
                                         const char          *path,
                                         SuyuanExportFormat   format,
                                         GError             **error);
/* As the Cancel button: the partial file is removed. */
void      suyuan_export_bar_cancel      (SuyuanExportBar     *self);
/* The "running" and "fraction" (0–1) properties. */
gboolean  suyuan_export_bar_get_running  (SuyuanExportBar    *self);
double    suyuan_export_bar_get_fraction (SuyuanExportBar    *self);

G_END_DECLS
