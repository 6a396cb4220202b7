/* suyuan-print-sheet.c — see suyuan-print-sheet.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-print-sheet.h"

typedef struct {
  SuyuanDrawSheet draw;
  gpointer data;
} Sheet;

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page,
           Sheet             *sheet)
{
  sheet->draw (gtk_print_context_get_cairo_context (context), page, sheet->data);
}

gboolean
suyuan_print_sheets (GtkWindow        *parent,
                     GtkPaperSize     *paper,
                     GtkUnit           unit,
                     int               n_pages,
                     const char       *job_name,
                     SuyuanDrawSheet   draw,
                     gpointer          data,
                     const char       *export_path,
                     GError          **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  Sheet sheet = { draw, data };
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (setup, paper);
  gtk_paper_size_free (paper);
  gtk_page_setup_set_top_margin (setup, 0, unit);
  gtk_page_setup_set_bottom_margin (setup, 0, unit);
  gtk_page_setup_set_left_margin (setup, 0, unit);
  gtk_page_setup_set_right_margin (setup, 0, unit);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, unit);
  gtk_print_operation_set_n_pages (op, n_pages);
  gtk_print_operation_set_job_name (op, job_name);
  /* The run is synchronous for export and for the dialog: @sheet outlives it. */
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), &sheet);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (op, export_path);
  result = gtk_print_operation_run (op, export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                    : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
