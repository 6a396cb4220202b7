/* label-check.c — decoding every cell of a rasterised label PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "label-check.h"
#include "decoder.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#define DPI 200

static void
check_cell (GdkPixbuf                 *page,
            const SuyuanLabelTemplate *tmpl,
            guint                      index,
            const char                *payload)
{
  const double px_per_mm = DPI / 25.4;
  const guint8 *pixels = gdk_pixbuf_read_pixels (page);
  int stride = gdk_pixbuf_get_rowstride (page), channels = gdk_pixbuf_get_n_channels (page);
  int w = (int) (tmpl->cell_width * px_per_mm), h = (int) (tmpl->cell_height * px_per_mm);
  g_autofree guint8 *gray = NULL;
  g_autoptr(GPtrArray) symbols = NULL;
  SuyuanDecodeOptions options;
  double x, y;
  int cx, cy;

  suyuan_label_template_cell_origin (tmpl, index, &x, &y);
  cx = (int) (x * px_per_mm);
  cy = (int) (y * px_per_mm);
  w = MIN (w, gdk_pixbuf_get_width (page) - cx);
  h = MIN (h, gdk_pixbuf_get_height (page) - cy);
  gray = g_malloc ((gsize) w * h);
  for (int r = 0; r < h; r++)
    for (int c = 0; c < w; c++)
      gray[r * w + c] = pixels[(cy + r) * stride + (cx + c) * channels];
  suyuan_decode_options_init (&options);
  options.try_datamatrix = FALSE;
  symbols = suyuan_decode_gray (gray, w, h, w, &options);
  g_assert_cmpuint (symbols->len, ==, 1);
  g_assert_cmpstr (((SuyuanSymbol *) symbols->pdata[0])->payload, ==, payload);
}

void
label_check_pdf_page (const char                *pdf,
                      const SuyuanLabelTemplate *tmpl,
                      const SuyuanLabelJob      *job)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page1", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", G_STRINGIFY (DPI), "-f", "1", "-l", "1", "-singlefile", "-png",
                         pdf, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) page = NULL;
  guint n = MIN (job->payloads->len, (guint) (tmpl->columns * tmpl->rows));
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  page = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  /* The page is the template's paper size, not whatever a driver chose. */
  g_assert_cmpint (ABS (gdk_pixbuf_get_width (page) - (int) (tmpl->page_width * DPI / 25.4)), <=, 2);
  g_assert_cmpint (ABS (gdk_pixbuf_get_height (page) - (int) (tmpl->page_height * DPI / 25.4)), <=, 2);
  for (guint i = 0; i < n; i++)
    check_cell (page, tmpl, i, job->payloads->pdata[i]);
}
