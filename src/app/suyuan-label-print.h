/* suyuan-label-print.h — printing a label run with GtkPrintOperation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "label-render.h"

G_BEGIN_DECLS

/* Paper size from @tmpl, no margins, millimetres. With @export_path the
 * operation exports that PDF instead of showing the print dialog. */
gboolean  suyuan_label_print (GtkWindow                 *parent,
                              SuyuanLabelPainter        *painter,
                              const SuyuanLabelJob      *job,
                              const SuyuanLabelTemplate *tmpl,
                              const char                *export_path,
                              GError                   **error);

G_END_DECLS
