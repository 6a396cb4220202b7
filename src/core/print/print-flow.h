/* print-flow.h — A4 records laid out top to bottom with Pango: a title,
 * "label value" fields, paragraphs and tables that go on over page breaks,
 * a footer with the record's id and page numbers, and the PDF file. The
 * inspection and purchase-inspection records are drawn with it.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define SUYUAN_A4_WIDTH_PT  595.276
#define SUYUAN_A4_HEIGHT_PT 841.890
#define SUYUAN_PRINT_MARGIN 56.0             /* about 20 mm */
#define SUYUAN_PRINT_WIDTH  (SUYUAN_A4_WIDTH_PT - 2 * SUYUAN_PRINT_MARGIN)

typedef struct _SuyuanPrintFlow SuyuanPrintFlow;

/* Lays out the whole record on @flow. It runs once to count pages and again
 * for each page drawn, so it must lay out the same way every time. */
typedef void (*SuyuanPrintBody) (SuyuanPrintFlow *flow,
                                 gpointer         data);

/* A document: its body, title (PDF metadata) and the id in its footer. */
typedef struct {
  SuyuanPrintBody body;
  gpointer data;
  const char *title;
  const char *record_id;
} SuyuanPrintDoc;

int       suyuan_print_count_pages (const SuyuanPrintDoc *doc);
/* Draws page @page (0-based) in A4 points, origin at the top left. */
void      suyuan_print_draw_page   (const SuyuanPrintDoc *doc,
                                    cairo_t              *cr,
                                    int                   page);
/* Writes every page to @path (through a partial file, renamed when complete). */
gboolean  suyuan_print_write_pdf   (const SuyuanPrintDoc *doc,
                                    const char           *path,
                                    GError              **error);

/* What a body calls, in reading order. All text is plain, never markup. */
void      suyuan_print_title       (SuyuanPrintFlow *flow,
                                    const char      *text);
void      suyuan_print_field       (SuyuanPrintFlow *flow,
                                    const char      *label,
                                    const char      *value);
void      suyuan_print_paragraph   (SuyuanPrintFlow *flow,
                                    const char      *text,
                                    double           size,
                                    gboolean         bold,
                                    double           space_after);
void      suyuan_print_space       (SuyuanPrintFlow *flow,
                                    double           height);
/* Starts a table of @n_columns (@widths in points, summing to
 * SUYUAN_PRINT_WIDTH; @titles repeated on every page it spans). */
void      suyuan_print_table_begin (SuyuanPrintFlow   *flow,
                                    const double      *widths,
                                    const char *const *titles,
                                    guint              n_columns);
void      suyuan_print_table_row   (SuyuanPrintFlow   *flow,
                                    const char *const *cells);
void      suyuan_print_table_end   (SuyuanPrintFlow   *flow);
/* Signature lines "label ______  Date: ______", kept together on one page. */
void      suyuan_print_signatures  (SuyuanPrintFlow   *flow,
                                    const char *const *who,
                                    guint              n_who,
                                    const char        *note);

G_END_DECLS
