/* suyuan-label-print.c — label runs through GtkPrintOperation: the print
 * dialog, or a PDF export of exactly what would be printed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-label-print.h"

#include <glib/gi18n.h>

static void
draw_page (GtkPrintOperation  *op,
           GtkPrintContext    *context,
           int                 page,
           SuyuanLabelPainter *painter)
{
  suyuan_label_painter_draw_page (painter, gtk_print_context_get_cairo_context (context), (guint) page);
}

gboolean
suyuan_label_print (GtkWindow                 *parent,
                    SuyuanLabelPainter        *painter,
                    const SuyuanLabelJob      *job,
                    const SuyuanLabelTemplate *tmpl,
                    const char                *export_path,
                    GError                   **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *paper;
  GtkPrintOperationResult result;

  paper = g_str_has_prefix (tmpl->id, "a4") ? gtk_paper_size_new (GTK_PAPER_NAME_A4)
        : gtk_paper_size_new_custom (tmpl->id, _(tmpl->title), tmpl->page_width, tmpl->page_height, GTK_UNIT_MM);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_paper_size_free (paper);
  /* The layout is in paper coordinates: no margins, full page, millimetres. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_MM);
  gtk_print_operation_set_n_pages (op, (int) suyuan_label_template_n_pages (tmpl, job->count));
  gtk_print_operation_set_job_name (op, job->name ? job->name : "Suyuan");
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), painter);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (op, export_path);
  result = gtk_print_operation_run (op, export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                    : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
