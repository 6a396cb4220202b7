/* suyuan-label-print.c — label runs through GtkPrintOperation: the print
 * dialog, or a PDF export of exactly what would be printed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-label-print.h"
#include "suyuan-print-sheet.h"

#include <glib/gi18n.h>

static void
draw_sheet (cairo_t  *cr,
            int       page,
            gpointer  painter)
{
  suyuan_label_painter_draw_page (painter, cr, (guint) page);
}

gboolean
suyuan_label_print (GtkWindow                 *parent,
                    SuyuanLabelPainter        *painter,
                    const SuyuanLabelJob      *job,
                    const SuyuanLabelTemplate *tmpl,
                    const char                *export_path,
                    GError                   **error)
{
  GtkPaperSize *paper = g_str_has_prefix (tmpl->id, "a4") ? gtk_paper_size_new (GTK_PAPER_NAME_A4)
    : gtk_paper_size_new_custom (tmpl->id, _(tmpl->title), tmpl->page_width, tmpl->page_height, GTK_UNIT_MM);

  /* The layout is in paper coordinates: millimetres on the whole sheet. */
  return suyuan_print_sheets (parent, paper, GTK_UNIT_MM, (int) suyuan_label_template_n_pages (tmpl, job->count),
                              job->name ? job->name : "Suyuan", draw_sheet, painter, export_path, error);
}
