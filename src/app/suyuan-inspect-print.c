/* suyuan-inspect-print.c — the inspection record through GtkPrintOperation,
 * drawn by the same code as the PDF (inspection-pdf.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-print.h"
#include "inspection-pdf.h"
#include "suyuan-print-sheet.h"

#include <glib/gi18n.h>

static void
draw_sheet (cairo_t  *cr,
            int       page,
            gpointer  inspection)
{
  suyuan_inspection_draw_page (inspection, cr, page);
}

gboolean
suyuan_inspection_print (GtkWindow         *parent,
                         SuyuanInspection  *inspection,
                         const char        *export_path,
                         GError           **error)
{
  /* The record is laid out on the whole A4 sheet, in points. */
  return suyuan_print_sheets (parent, gtk_paper_size_new (GTK_PAPER_NAME_A4), GTK_UNIT_POINTS,
                              suyuan_inspection_count_pages (inspection), _("On-site Inspection Record"),
                              draw_sheet, inspection, export_path, error);
}
