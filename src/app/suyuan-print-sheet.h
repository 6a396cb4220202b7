/* suyuan-print-sheet.h — one GtkPrintOperation set up for layouts drawn in
 * paper coordinates (labels, inspection records): the print dialog, or a PDF
 * export of exactly what would be printed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*SuyuanDrawSheet) (cairo_t  *cr,
                                 int       page,
                                 gpointer  data);

/* Takes @paper. No margins and the full page: @draw places everything itself,
 * in @unit. With @export_path set, writes that PDF instead of asking. */
gboolean suyuan_print_sheets (GtkWindow        *parent,
                              GtkPaperSize     *paper,
                              GtkUnit           unit,
                              int               n_pages,
                              const char       *job_name,
                              SuyuanDrawSheet   draw,
                              gpointer          data,
                              const char       *export_path,
                              GError          **error);

G_END_DECLS
