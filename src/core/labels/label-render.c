/* label-render.c — one label: QR code with its quiet zone on the left, the
 * human-readable lines on the right, everything in millimetres.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-render.h"
#include "date-text.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#define N_LINES 8
#define LINE_SERIAL 7
#define MIN_FONT_MM 1.6   /* about 4.5 pt: the smallest print still legible */

struct _SuyuanLabelPainter {
  const SuyuanLabelJob *job;
  const SuyuanLabelTemplate *tmpl;
  PangoContext *context;
  PangoLayout *lines[N_LINES];
  double inset_x, inset_y, qr_side, text_x, text_width, text_height, line_height, font_size;
  int qr_modules;             /* of the largest code in the job */
  char *cached_payload;       /* per batch every label holds the same code */
  cairo_surface_t *cached_qr;
  cairo_surface_t **prepared;  /* masks for labels prepared_first … + n_prepared - 1 */
  guint prepared_first, n_prepared;
};

static QRcode *
encode (const char *payload)
{
  /* Level M: survives smudges on thermal labels and still fits 40 × 30 mm. */
  return QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
}

/* The printed lines are Chinese whatever the UI language: GB 7718 labelling
 * asks for Chinese, so these are not translated. */
static char *
line_text (const SuyuanLabelJob *job,
           guint                 line)
{
  g_autofree char *production = suyuan_date_dup_text (job->production);
  g_autofree char *expiry = suyuan_date_dup_text (job->expiry);
  gboolean drug = g_strcmp0 (job->category, "drug") == 0 || g_strcmp0 (job->category, "vaccine") == 0;

  switch (line)
    {
    case 0: return g_strdup (job->name);
    case 1: return g_strdup_printf ("规格：%s", job->spec ? job->spec : "—");
    case 2: return g_strdup_printf ("批号：%s", job->lot);
    case 3: return g_strdup_printf ("生产日期：%s", production);
    case 4:
      if (job->shelf_life_days > 0 && !drug)
        return g_strdup_printf ("保质期%d天 至%s", job->shelf_life_days, expiry);
      return g_strdup_printf ("%s：%s", drug ? "有效期至" : "保质期至", expiry);
    case 5: return g_strdup_printf ("生产者：%s", job->producer ? job->producer : "—");
    case 6: return g_strdup_printf ("%s：%s", drug ? "批准文号" : "许可证号", job->licence_no ? job->licence_no : "—");
    default: return g_strdup ("");
    }
}

/* Sets @line at @size (mm), shrunk to fit one line down to four fifths of
 * it; beyond that it wraps. Nothing is ever cut: a producer's name or a
 * licence number missing its end is a wrong label. */
static void
set_line (SuyuanLabelPainter *painter,
          guint               line,
          const char         *text,
          double              size)
{
  PangoLayout *layout = painter->lines[line];
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("WenQuanYi Micro Hei, sans");
  int width;

  if (line == 0)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, -1);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_get_size (layout, &width, NULL);
  if (width > painter->text_width * PANGO_SCALE)
    {
      size = MAX (size * 0.8, size * painter->text_width * PANGO_SCALE / width);
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
    }
  pango_layout_set_width (layout, (int) (painter->text_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
}

/* The longest text line @line will hold on any label of the job. */
static char *
measured_text (const SuyuanLabelJob *job,
               guint                 line)
{
  if (line != LINE_SERIAL)
    return line_text (job, line);
  if (job->mode == SUYUAN_LABEL_PER_ITEM && job->serials->len > 0)
    return g_strdup_printf ("序列号：%s", (char *) job->serials->pdata[job->serials->len - 1]);
  return g_strdup ("按批赋码");
}

/* Lays out every line at @size; returns the height they take, in mm. */
static double
lay_out (SuyuanLabelPainter *painter,
         double              size)
{
  const SuyuanLabelJob *job = painter->job;
  double total = 0;

  for (guint i = 0; i < N_LINES; i++)
    {
      g_autofree char *text = measured_text (job, i);
      int height;

      set_line (painter, i, text, size);
      /* On narrow rolls the expiry date matters more than the shelf life. */
      if (i == 4 && pango_layout_get_line_count (painter->lines[i]) > 1)
        {
          g_autofree char *expiry = suyuan_date_dup_text (job->expiry);
          g_autofree char *compact = g_strdup_printf ("保质期至%s", expiry);

          set_line (painter, i, compact, size);
        }
      pango_layout_get_size (painter->lines[i], NULL, &height);
      total += (double) height / PANGO_SCALE;
    }
  return total;
}

SuyuanLabelPainter *
suyuan_label_painter_new (const SuyuanLabelJob      *job,
                          const SuyuanLabelTemplate *tmpl,
                          GError                   **error)
{
  g_autoptr(SuyuanLabelPainter) painter = g_new0 (SuyuanLabelPainter, 1);
  cairo_font_options_t *options = cairo_font_options_create ();
  double module;

  painter->job = job;
  painter->tmpl = tmpl;
  /* Serials grow, so the last payload is the longest. */
  for (guint i = 0; i < job->payloads->len; i += MAX (1, job->payloads->len - 1))
    {
      QRcode *qr = encode (job->payloads->pdata[i]);

      if (qr == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The code is too long for a QR code"));
          return NULL;
        }
      painter->qr_modules = MAX (painter->qr_modules, qr->width);
      QRcode_free (qr);
    }
  suyuan_label_template_insets (tmpl, &painter->inset_x, &painter->inset_y);
  painter->qr_side = MIN (tmpl->cell_height - 2 * painter->inset_y, tmpl->cell_width * 0.48 - painter->inset_x);
  module = painter->qr_side / (painter->qr_modules + 2 * SUYUAN_LABEL_QUIET_MODULES);
  if (module < SUYUAN_LABEL_MIN_MODULE_MM)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The code needs %d modules, too many to print readably on “%s”; choose larger labels"),
                   painter->qr_modules, _(tmpl->title));
      return NULL;
    }
  painter->text_x = painter->inset_x + painter->qr_side;
  painter->text_width = tmpl->cell_width - painter->text_x - painter->inset_x;
  painter->text_height = tmpl->cell_height - 2 * painter->inset_y;
  painter->line_height = MIN (painter->text_height / N_LINES, 4.5);

  painter->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: text sized in millimetres must scale linearly. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (painter->context, options);
  pango_context_set_round_glyph_positions (painter->context, FALSE);
  cairo_font_options_destroy (options);
  for (guint i = 0; i < N_LINES; i++)
    painter->lines[i] = pango_layout_new (painter->context);
  /* Smaller type until everything fits, wrapped lines included; a label
   * too small for its required text is refused, never printed cut. */
  painter->font_size = painter->line_height * 0.72;
  for (;;)
    {
      double height = lay_out (painter, painter->font_size);

      if (height <= painter->text_height)
        break;
      if (painter->font_size <= MIN_FONT_MM)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The product’s text does not fit on “%s” without cutting it; choose larger labels"),
                       _(tmpl->title));
          return NULL;
        }
      painter->font_size = MAX (MIN_FONT_MM, painter->font_size * MAX (0.8, painter->text_height / height));
    }
  return g_steal_pointer (&painter);
}

void
suyuan_label_painter_free (SuyuanLabelPainter *painter)
{
  if (painter == NULL)
    return;
  for (guint i = 0; i < N_LINES; i++)
    g_clear_object (&painter->lines[i]);
  g_clear_object (&painter->context);
  g_free (painter->cached_payload);
  g_clear_pointer (&painter->cached_qr, cairo_surface_destroy);
  g_free (painter);
}

double
suyuan_label_painter_module_mm (SuyuanLabelPainter *painter)
{
  return painter->qr_side / (painter->qr_modules + 2 * SUYUAN_LABEL_QUIET_MODULES);
}

/* One byte per module, opaque where dark: a bilevel mask, which cairo writes
 * to PDF as a compact stencil image and scales without blurring. Safe to call
 * from any thread. */
cairo_surface_t *
suyuan_label_qr_mask_new (const char *payload)
{
  QRcode *qr = encode (payload);
  cairo_surface_t *surface;
  guchar *data;
  int stride;

  g_return_val_if_fail (qr != NULL, NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, qr->width, qr->width);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      data[y * stride + x] = (qr->data[y * qr->width + x] & 1) ? 0xff : 0;
  cairo_surface_mark_dirty (surface);
  QRcode_free (qr);
  return surface;
}

void
suyuan_label_painter_set_prepared (SuyuanLabelPainter *painter,
                                   guint               first,
                                   guint               n,
                                   cairo_surface_t   **masks)
{
  painter->prepared_first = first;
  painter->n_prepared = n;
  painter->prepared = masks;
}

static cairo_surface_t *
qr_mask (SuyuanLabelPainter *painter,
         guint               index,
         const char         *payload)
{
  if (index >= painter->prepared_first && index - painter->prepared_first < painter->n_prepared)
    return painter->prepared[index - painter->prepared_first];
  if (g_strcmp0 (painter->cached_payload, payload) == 0)
    return painter->cached_qr;
  g_clear_pointer (&painter->cached_qr, cairo_surface_destroy);
  g_free (painter->cached_payload);
  painter->cached_payload = g_strdup (payload);
  painter->cached_qr = suyuan_label_qr_mask_new (payload);
  return painter->cached_qr;
}

static void
draw_qr (SuyuanLabelPainter *painter,
         cairo_t            *cr,
         guint               index)
{
  cairo_surface_t *mask = qr_mask (painter, index, painter->job->payloads->pdata[index]);
  int width = cairo_image_surface_get_width (mask);
  /* Every code in a run gets the same module size, from the largest code. */
  double module = suyuan_label_painter_module_mm (painter);
  double top = (painter->tmpl->cell_height - painter->qr_side) / 2;
  double left = painter->inset_x;
  double offset = (painter->qr_modules - width) / 2.0 + SUYUAN_LABEL_QUIET_MODULES;
  cairo_pattern_t *pattern;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, left, top, painter->qr_side, painter->qr_side);
  cairo_fill (cr);
  cairo_translate (cr, left + offset * module, top + offset * module);
  cairo_scale (cr, module, module);
  cairo_set_source_rgb (cr, 0, 0, 0);
  pattern = cairo_pattern_create_for_surface (mask);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
}

void
suyuan_label_painter_draw_cell (SuyuanLabelPainter *painter,
                                cairo_t            *cr,
                                guint               index)
{
  const SuyuanLabelJob *job = painter->job;
  double y = painter->inset_y, total = 0, gap;
  int height;

  g_return_if_fail (index < job->payloads->len);
  draw_qr (painter, cr, index);
  if (job->mode == SUYUAN_LABEL_PER_ITEM)
    {
      g_autofree char *serial = g_strdup_printf ("序列号：%s", (char *) job->serials->pdata[index]);

      pango_layout_set_text (painter->lines[LINE_SERIAL], serial, -1);
    }
  else
    pango_layout_set_text (painter->lines[LINE_SERIAL], "按批赋码", -1);

  for (guint i = 0; i < N_LINES; i++)
    {
      pango_layout_get_size (painter->lines[i], NULL, &height);
      total += (double) height / PANGO_SCALE;
    }
  /* What room is left goes between the lines, so short text stays airy. */
  gap = MIN (painter->line_height * 0.3, (painter->text_height - total) / (N_LINES - 1));
  y += MAX (0, (painter->text_height - total - gap * (N_LINES - 1)) / 2);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < N_LINES; i++)
    {
      pango_cairo_update_layout (cr, painter->lines[i]);
      pango_layout_get_size (painter->lines[i], NULL, &height);
      cairo_move_to (cr, painter->text_x, y);
      pango_cairo_show_layout (cr, painter->lines[i]);
      y += (double) height / PANGO_SCALE + gap;
    }
  cairo_restore (cr);
}

void
suyuan_label_painter_draw_page (SuyuanLabelPainter *painter,
                                cairo_t            *cr,
                                guint               page)
{
  guint per_page = suyuan_label_template_per_page (painter->tmpl);

  for (guint i = 0; i < per_page; i++)
    {
      guint index = page * per_page + i;
      double x, y;

      if (index >= painter->job->payloads->len)
        break;
      suyuan_label_template_cell_origin (painter->tmpl, i, &x, &y);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      suyuan_label_painter_draw_cell (painter, cr, index);
      cairo_restore (cr);
    }
}
