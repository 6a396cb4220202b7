/* inspection-pdf.h — the on-site inspection record (现场检查记录) as A4 pages,
 * for a PDF handed to the business or a print dialog.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inspection.h"
#include "print-flow.h"

G_BEGIN_DECLS

/* Pages needed for @inspection on A4. */
int       suyuan_inspection_count_pages (SuyuanInspection *inspection);
/* Draws page @page (0-based) in A4 points, origin at the top left of the paper. */
void      suyuan_inspection_draw_page   (SuyuanInspection *inspection,
                                         cairo_t          *cr,
                                         int               page);
/* Writes every page to @path (through a partial file, renamed when complete). */
gboolean  suyuan_inspection_write_pdf   (SuyuanInspection *inspection,
                                         const char       *path,
                                         GError          **error);

G_END_DECLS
