/* suyuan-receipt-print.c — the purchase-inspection record through
 * GtkPrintOperation, drawn by the same code as its PDF (receipt-pdf.c).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-receipt-print.h"
#include "receipt-pdf.h"
#include "suyuan-print-sheet.h"

#include <glib/gi18n.h>

static void
draw_sheet (cairo_t  *cr,
            int       page,
            gpointer  record)
{
  suyuan_receipt_record_draw_page (record, cr, page);
}

gboolean
suyuan_receipt_record_print (GtkWindow   *parent,
                             JsonObject  *record,
                             const char  *export_path,
                             GError     **error)
{
  /* The record is laid out on the whole A4 sheet, in points. */
  return suyuan_print_sheets (parent, gtk_paper_size_new (GTK_PAPER_NAME_A4), GTK_UNIT_POINTS,
                              suyuan_receipt_record_count_pages (record), _("Purchase inspection record"),
                              draw_sheet, record, export_path, error);
}
