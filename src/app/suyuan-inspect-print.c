/* suyuan-inspect-print.c — the inspection record through GtkPrintOperation,
 * drawn by the same code as the PDF (inspection-pdf.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-print.h"
#include "inspection-pdf.h"

#include <glib/gi18n.h>

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page,
           SuyuanInspection  *inspection)
{
  suyuan_inspection_draw_page (inspection, gtk_print_context_get_cairo_context (context), page);
}

gboolean
suyuan_inspection_print (GtkWindow         *parent,
                         SuyuanInspection  *inspection,
                         const char        *export_path,
                         GError           **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_paper_size_free (paper);
  /* The record is laid out on the whole sheet, in points. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (op, suyuan_inspection_count_pages (inspection));
  gtk_print_operation_set_job_name (op, _("On-site Inspection Record"));
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), inspection);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (op, export_path);
  result = gtk_print_operation_run (op, export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                    : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

