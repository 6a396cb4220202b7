/* print-flow.c — one pass both paginates and draws: the body runs first
 * only to count pages, then once per page with drawing switched on for that
 * page alone, so counting and drawing always agree.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "print-flow.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define MARGIN    SUYUAN_PRINT_MARGIN
#define FOOTER    28.0
#define BOTTOM    (SUYUAN_A4_HEIGHT_PT - MARGIN - FOOTER)
#define PAD       4.0
#define FONT      "WenQuanYi Micro Hei, sans"
#define MAX_COLUMNS 8

struct _SuyuanPrintFlow {
  PangoContext *context;
  cairo_t *cr;                     /* NULL while only counting */
  int target;                      /* the page to draw, -1 while counting */
  int page;
  double y;
  const double *widths;            /* the table being laid out */
  const char *const *titles;
  guint n_columns;
  gboolean in_table;               /* a page break repeats the table's header */
};

static PangoLayout *
text_layout (SuyuanPrintFlow *flow,
             const char      *text,
             double           size,
             gboolean         bold,
             double           width)
{
  PangoLayout *layout = pango_layout_new (flow->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static gboolean
drawing (SuyuanPrintFlow *flow)
{
  return flow->cr != NULL && flow->page == flow->target;
}

static void
show (SuyuanPrintFlow *flow,
      PangoLayout     *layout,
      double           x,
      double           y)
{
  if (!drawing (flow))
    return;
  cairo_move_to (flow->cr, x, y);
  pango_cairo_update_layout (flow->cr, layout);
  pango_cairo_show_layout (flow->cr, layout);
}

static void draw_row (SuyuanPrintFlow *flow, const char *const *cells, gboolean bold);

/* Moves to a new page when @height does not fit on this one; a table
 * carries its header over. */
static void
reserve (SuyuanPrintFlow *flow,
         double           height)
{
  if (flow->y + height <= BOTTOM || flow->y <= MARGIN)
    return;
  flow->page++;
  flow->y = MARGIN;
  if (flow->in_table)
    {
      flow->in_table = FALSE;      /* the header itself never breaks the page */
      draw_row (flow, flow->titles, TRUE);
      flow->in_table = TRUE;
    }
}

static void
draw_row (SuyuanPrintFlow   *flow,
          const char *const *cells,
          gboolean           bold)
{
  PangoLayout *layouts[MAX_COLUMNS];
  double height = 0, x = MARGIN;

  for (guint i = 0; i < flow->n_columns; i++)
    {
      layouts[i] = text_layout (flow, cells[i], 9, bold, flow->widths[i] - 2 * PAD);
      height = MAX (height, layout_height (layouts[i]) + 2 * PAD);
    }
  reserve (flow, height);
  for (guint i = 0; i < flow->n_columns; i++)
    {
      show (flow, layouts[i], x + PAD, flow->y + PAD);
      if (drawing (flow))
        cairo_rectangle (flow->cr, x, flow->y, flow->widths[i], height);
      x += flow->widths[i];
      g_object_unref (layouts[i]);
    }
  if (drawing (flow))
    {
      cairo_set_line_width (flow->cr, 0.6);
      cairo_stroke (flow->cr);
    }
  flow->y += height;
}

void
suyuan_print_title (SuyuanPrintFlow *flow,
                    const char      *text)
{
  g_autoptr(PangoLayout) title = text_layout (flow, text, 20, TRUE, SUYUAN_PRINT_WIDTH);

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  reserve (flow, layout_height (title));
  show (flow, title, MARGIN, flow->y);
  flow->y += layout_height (title) + 16;
}

void
suyuan_print_field (SuyuanPrintFlow *flow,
                    const char      *label,
                    const char      *value)
{
  g_autoptr(PangoLayout) name = text_layout (flow, label, 10.5, TRUE, 120);
  g_autoptr(PangoLayout) text = text_layout (flow, value && value[0] ? value : "—", 10.5, FALSE,
                                             SUYUAN_PRINT_WIDTH - 124);
  double height = MAX (layout_height (name), layout_height (text)) + 3;

  reserve (flow, height);
  show (flow, name, MARGIN, flow->y);
  show (flow, text, MARGIN + 124, flow->y);
  flow->y += height;
}

void
suyuan_print_paragraph (SuyuanPrintFlow *flow,
                        const char      *text,
                        double           size,
                        gboolean         bold,
                        double           space_after)
{
  g_autoptr(PangoLayout) layout = text_layout (flow, text, size, bold, SUYUAN_PRINT_WIDTH);
  double height = layout_height (layout);

  reserve (flow, height);
  show (flow, layout, MARGIN, flow->y);
  flow->y += height + space_after;
}

void
suyuan_print_space (SuyuanPrintFlow *flow,
                    double           height)
{
  flow->y += height;
}

void
suyuan_print_table_begin (SuyuanPrintFlow   *flow,
                          const double      *widths,
                          const char *const *titles,
                          guint              n_columns)
{
  g_return_if_fail (n_columns > 0 && n_columns <= MAX_COLUMNS);
  flow->widths = widths;
  flow->titles = titles;
  flow->n_columns = n_columns;
  /* Never a header alone at the bottom of a page. */
  reserve (flow, 60);
  draw_row (flow, titles, TRUE);
  flow->in_table = TRUE;
}

void
suyuan_print_table_row (SuyuanPrintFlow   *flow,
                        const char *const *cells)
{
  g_return_if_fail (flow->in_table);
  draw_row (flow, cells, FALSE);
}

void
suyuan_print_table_end (SuyuanPrintFlow *flow)
{
  flow->in_table = FALSE;
}

void
suyuan_print_signatures (SuyuanPrintFlow   *flow,
                         const char *const *who,
                         guint              n_who,
                         const char        *note)
{
  reserve (flow, 18 + 36 * n_who + 30);
  flow->y += 18;
  for (guint i = 0; i < n_who; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s ____________________    %s ____________",
                                               who[i], _("Date:"));

      suyuan_print_paragraph (flow, line, 10.5, FALSE, 22);
    }
  if (note != NULL)
    suyuan_print_paragraph (flow, note, 8.5, FALSE, 0);
}

static void
draw_footer (SuyuanPrintFlow      *flow,
             const SuyuanPrintDoc *doc,
             int                   n_pages)
{
  g_autofree char *text = g_strdup_printf (_("Record %s · page %d of %d"), doc->record_id,
                                           flow->target + 1, n_pages);
  g_autoptr(PangoLayout) layout = text_layout (flow, text, 8, FALSE, SUYUAN_PRINT_WIDTH);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  flow->page = flow->target;
  show (flow, layout, MARGIN, SUYUAN_A4_HEIGHT_PT - MARGIN - 10);
}

static void
run (SuyuanPrintFlow      *flow,
     const SuyuanPrintDoc *doc)
{
  flow->page = 0;
  flow->y = MARGIN;
  flow->in_table = FALSE;
  doc->body (flow, doc->data);
}

static void
flow_init (SuyuanPrintFlow *flow)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  *flow = (SuyuanPrintFlow) { .target = -1 };
  flow->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: the same line breaks on screen, in print and in the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (flow->context, options);
  cairo_font_options_destroy (options);
}

int
suyuan_print_count_pages (const SuyuanPrintDoc *doc)
{
  SuyuanPrintFlow flow;

  g_return_val_if_fail (doc != NULL && doc->body != NULL, 0);
  flow_init (&flow);
  run (&flow, doc);
  g_object_unref (flow.context);
  return flow.page + 1;
}

void
suyuan_print_draw_page (const SuyuanPrintDoc *doc,
                        cairo_t              *cr,
                        int                   page)
{
  SuyuanPrintFlow flow;
  int n_pages;

  g_return_if_fail (doc != NULL && doc->body != NULL && cr != NULL);
  flow_init (&flow);
  run (&flow, doc);
  n_pages = flow.page + 1;
  flow.cr = cr;
  flow.target = page;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  run (&flow, doc);
  draw_footer (&flow, doc, n_pages);
  cairo_restore (cr);
  g_object_unref (flow.context);
}

gboolean
suyuan_print_write_pdf (const SuyuanPrintDoc *doc,
                        const char           *path,
                        GError              **error)
{
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  int n_pages = suyuan_print_count_pages (doc);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  /* Written aside and renamed at the end: a failed write leaves no half PDF. */
  surface = cairo_pdf_surface_create (partial, SUYUAN_A4_WIDTH_PT, SUYUAN_A4_HEIGHT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Suyuan " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (int page = 0; page < n_pages; page++)
    {
      suyuan_print_draw_page (doc, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS || g_rename (partial, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the PDF “%s”: %s"), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (errno));
      g_unlink (partial);
      return FALSE;
    }
  return TRUE;
}
