/* inspection-pdf.c — lays out the inspection record on A4: heading, the
 * business, each item with verdict and action, the result and signature
 * lines. One pass both paginates and draws, so counting and drawing agree.
 * All text goes through Pango as plain text: scanned codes are never markup.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection-pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#define MARGIN    56.0             /* about 20 mm */
#define FOOTER    28.0
#define CONTENT_W (SUYUAN_A4_WIDTH_PT - 2 * MARGIN)
#define BOTTOM    (SUYUAN_A4_HEIGHT_PT - MARGIN - FOOTER)
#define PAD       4.0
#define FONT      "WenQuanYi Micro Hei, sans"

/* Item table columns: no., code and product, verdict, action, notes. */
static const double column_widths[] = { 26, 170, 130, 76, CONTENT_W - 26 - 170 - 130 - 76 };
#define N_COLUMNS G_N_ELEMENTS (column_widths)

typedef struct {
  SuyuanInspection *inspection;
  PangoContext *context;
  cairo_t *cr;                     /* NULL while only counting */
  int target;                      /* the page to draw, -1 while counting */
  int page;
  int n_pages;
  double y;
} Flow;

static PangoLayout *
text_layout (Flow       *flow,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
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
drawing (Flow *flow)
{
  return flow->cr != NULL && flow->page == flow->target;
}

static void
show (Flow        *flow,
      PangoLayout *layout,
      double       x,
      double       y)
{
  if (!drawing (flow))
    return;
  cairo_move_to (flow->cr, x, y);
  pango_cairo_update_layout (flow->cr, layout);
  pango_cairo_show_layout (flow->cr, layout);
}

static void draw_table_header (Flow *flow);

/* Moves to a new page when @height does not fit on this one. */
static void
reserve (Flow    *flow,
         double   height,
         gboolean in_table)
{
  if (flow->y + height <= BOTTOM || flow->y <= MARGIN)
    return;
  flow->page++;
  flow->y = MARGIN;
  if (in_table)
    draw_table_header (flow);
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  if (time == NULL)
    return g_strdup (iso ? iso : "—");
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static void
draw_row (Flow              *flow,
          const char *const *cells,
          gboolean           bold,
          gboolean           in_table)
{
  PangoLayout *layouts[N_COLUMNS];
  double height = 0, x = MARGIN;

  for (gsize i = 0; i < N_COLUMNS; i++)
    {
      layouts[i] = text_layout (flow, cells[i], 9, bold, column_widths[i] - 2 * PAD);
      height = MAX (height, layout_height (layouts[i]) + 2 * PAD);
    }
  reserve (flow, height, in_table);
  for (gsize i = 0; i < N_COLUMNS; i++)
    {
      show (flow, layouts[i], x + PAD, flow->y + PAD);
      if (drawing (flow))
        cairo_rectangle (flow->cr, x, flow->y, column_widths[i], height);
      x += column_widths[i];
      g_object_unref (layouts[i]);
    }
  if (drawing (flow))
    {
      cairo_set_line_width (flow->cr, 0.6);
      cairo_stroke (flow->cr);
    }
  flow->y += height;
}

static void
draw_table_header (Flow *flow)
{
  const char *const cells[N_COLUMNS] = {
    _("No."), _("Code and product"), _("Verdict"), _("Action"), _("Notes"),
  };

  draw_row (flow, cells, TRUE, FALSE);
}

static void
draw_paragraph (Flow       *flow,
                const char *text,
                double      size,
                gboolean    bold,
                double      space_after)
{
  g_autoptr(PangoLayout) layout = text_layout (flow, text, size, bold, CONTENT_W);
  double height = layout_height (layout);

  reserve (flow, height, FALSE);
  show (flow, layout, MARGIN, flow->y);
  flow->y += height + space_after;
}

static void
draw_field (Flow       *flow,
            const char *label,
            const char *value)
{
  g_autoptr(PangoLayout) name = text_layout (flow, label, 10.5, TRUE, 120);
  g_autoptr(PangoLayout) text = text_layout (flow, value && value[0] ? value : "—", 10.5, FALSE, CONTENT_W - 124);
  double height = MAX (layout_height (name), layout_height (text)) + 3;

  reserve (flow, height, FALSE);
  show (flow, name, MARGIN, flow->y);
  show (flow, text, MARGIN + 124, flow->y);
  flow->y += height;
}

static const char *
level_label (SuyuanLevel level)
{
  switch (level)
    {
    case SUYUAN_LEVEL_OK: return _("Verdict: OK");
    case SUYUAN_LEVEL_WARN: return _("Verdict: warning");
    case SUYUAN_LEVEL_STOP: return _("Verdict: stop");
    case SUYUAN_LEVEL_UNKNOWN:
    default: return _("Verdict: unknown code");
    }
}

static void
draw_item (Flow                 *flow,
           SuyuanInspectionItem *item)
{
  g_autofree char *no = g_strdup_printf ("%d", item->seq);
  g_autofree char *what = g_strdup_printf ("%s\n%s", item->summary && item->summary[0] ? item->summary : "—", item->code);
  g_autofree char *verdict = g_strdup_printf ("%s%s%s", level_label (item->level),
                                              item->findings && item->findings[0] ? "\n" : "",
                                              item->findings ? item->findings : "");
  g_autofree char *photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", item->photos->len),
                                             item->photos->len);
  g_autofree char *action = g_strdup_printf ("%s%s%s", suyuan_inspection_action_label (item->action),
                                             item->photos->len ? "\n" : "", item->photos->len ? photos : "");
  const char *const cells[N_COLUMNS] = { no, what, verdict, action, item->notes ? item->notes : "" };

  draw_row (flow, cells, FALSE, TRUE);
}

static void
draw_signatures (Flow *flow)
{
  g_autofree char *inspector = g_strdup_printf ("%s ____________________    %s ____________",
                                                _("Inspector (signature):"), _("Date:"));
  g_autofree char *business = g_strdup_printf ("%s ____________________    %s ____________",
                                               _("Person in charge of the business (signature):"), _("Date:"));

  reserve (flow, 110, FALSE);
  flow->y += 18;
  draw_paragraph (flow, inspector, 10.5, FALSE, 22);
  draw_paragraph (flow, business, 10.5, FALSE, 22);
  draw_paragraph (flow, _("This record is kept on the terminal and sent to the regulator. It cannot be changed: corrections are issued as new records referring to this one."),
                  8.5, FALSE, 0);
}

static void
draw_footer (Flow *flow)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (!drawing (flow))
    return;
  text = g_strdup_printf (_("Record %s · page %d of %d"), flow->inspection->uuid,
                          flow->page + 1, flow->n_pages);
  layout = text_layout (flow, text, 8, FALSE, CONTENT_W);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  show (flow, layout, MARGIN, SUYUAN_A4_HEIGHT_PT - MARGIN - 10);
}

static void
run_flow (Flow *flow)
{
  SuyuanInspection *inspection = flow->inspection;
  g_autofree char *started = format_time (inspection->started_at);
  g_autofree char *finished = format_time (inspection->finished_at);
  g_autofree char *heading = g_strdup_printf (_("Items checked (%u)"), inspection->items->len);
  g_autofree char *result = g_strdup_printf (_("Result: %s"), suyuan_inspection_result_label (inspection->result));
  g_autoptr(PangoLayout) title = text_layout (flow, _("On-site Inspection Record"), 20, TRUE, CONTENT_W);

  flow->page = 0;
  flow->y = MARGIN;
  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  show (flow, title, MARGIN, flow->y);
  flow->y += layout_height (title) + 16;

  draw_field (flow, _("Business:"), inspection->party_name);
  draw_field (flow, _("Licence no.:"), inspection->licence_no);
  if (inspection->task_id != NULL)
    draw_field (flow, _("Task:"), inspection->task_id);
  draw_field (flow, _("Inspector:"), inspection->inspector);
  draw_field (flow, _("Started:"), started);
  draw_field (flow, _("Finished:"), finished);
  if (inspection->corrects != NULL)
    draw_field (flow, _("Corrects record:"), inspection->corrects);
  flow->y += 12;

  draw_paragraph (flow, heading, 12, TRUE, 6);
  if (inspection->items->len == 0)
    draw_paragraph (flow, _("No products were scanned."), 10.5, FALSE, 0);
  else
    {
      reserve (flow, 60, FALSE);
      draw_table_header (flow);
      for (guint i = 0; i < inspection->items->len; i++)
        draw_item (flow, inspection->items->pdata[i]);
    }
  flow->y += 16;
  draw_paragraph (flow, result, 14, TRUE, 0);
  draw_signatures (flow);
}

static void
flow_init (Flow             *flow,
           SuyuanInspection *inspection)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  *flow = (Flow) { .inspection = inspection, .target = -1 };
  flow->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: the same line breaks on screen, in print and in the PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (flow->context, options);
  cairo_font_options_destroy (options);
}

int
suyuan_inspection_count_pages (SuyuanInspection *inspection)
{
  Flow flow;

  flow_init (&flow, inspection);
  run_flow (&flow);
  g_object_unref (flow.context);
  return flow.page + 1;
}

void
suyuan_inspection_draw_page (SuyuanInspection *inspection,
                             cairo_t          *cr,
                             int               page)
{
  Flow flow;

  flow_init (&flow, inspection);
  run_flow (&flow);
  flow.n_pages = flow.page + 1;
  flow.cr = cr;
  flow.target = page;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  run_flow (&flow);
  flow.page = page;
  draw_footer (&flow);
  cairo_restore (cr);
  g_object_unref (flow.context);
}

gboolean
suyuan_inspection_write_pdf (SuyuanInspection *inspection,
                             const char       *path,
                             GError          **error)
{
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  int n_pages = suyuan_inspection_count_pages (inspection);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  /* Written aside and renamed at the end: a failed write leaves no half PDF. */
  surface = cairo_pdf_surface_create (partial, SUYUAN_A4_WIDTH_PT, SUYUAN_A4_HEIGHT_PT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("On-site Inspection Record"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Suyuan " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (int page = 0; page < n_pages; page++)
    {
      suyuan_inspection_draw_page (inspection, cr, page);
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
