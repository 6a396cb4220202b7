/* label-output.c — label runs to PDF and PNG, and reading them back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-render.h"
#include "decoder.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define POINTS_PER_MM (72.0 / 25.4)
#define VERIFY_PX_PER_MM 8.0   /* 203 dpi, the usual thermal label printer */
#define PROGRESS_EVERY 200

/* QR encoding is the costliest step: a second thread encodes the next
 * chunk of labels while this one draws the current chunk. */
#define CHUNK_LABELS 256

typedef struct {
  const GPtrArray *payloads;
  guint first, n;
  cairo_surface_t **masks;
} Chunk;

static gpointer
encode_chunk (gpointer data)
{
  Chunk *chunk = data;

  for (guint i = 0; i < chunk->n; i++)
    chunk->masks[i] = suyuan_label_qr_mask_new (chunk->payloads->pdata[chunk->first + i]);
  return chunk;
}

static GThread *
start_chunk (Chunk          *chunk,
             const GPtrArray *payloads,
             guint           first,
             guint           n)
{
  chunk->payloads = payloads;
  chunk->first = first;
  chunk->n = MIN (n, payloads->len - first);
  chunk->masks = g_new0 (cairo_surface_t *, chunk->n);
  return g_thread_new ("suyuan-qr", encode_chunk, chunk);
}

static void
chunk_clear (Chunk *chunk)
{
  for (guint i = 0; chunk->masks && i < chunk->n; i++)
    cairo_surface_destroy (chunk->masks[i]);
  g_clear_pointer (&chunk->masks, g_free);
}

static gboolean
cairo_failed (cairo_status_t status,
              const char    *path,
              GError       **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return FALSE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
               path, cairo_status_to_string (status));
  return TRUE;
}

gboolean
suyuan_label_write_pdf (const SuyuanLabelJob      *job,
                        const SuyuanLabelTemplate *tmpl,
                        const char                *path,
                        SuyuanLabelProgress        progress,
                        gpointer                   user_data,
                        GError                   **error)
{
  g_autoptr(SuyuanLabelPainter) painter = suyuan_label_painter_new (job, tmpl, error);
  guint n_pages = suyuan_label_template_n_pages (tmpl, job->payloads->len);
  guint per_page = suyuan_label_template_per_page (tmpl);
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean cancelled = FALSE;
  Chunk chunks[2] = { { 0 } };
  GThread *next;
  guint chunk_pages;

  if (painter == NULL)
    return FALSE;
  /* Written aside and renamed at the end: a stopped run leaves no half PDF. */
  surface = cairo_pdf_surface_create (partial, tmpl->page_width * POINTS_PER_MM,
                                      tmpl->page_height * POINTS_PER_MM);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->name ? job->name : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Suyuan " PACKAGE_VERSION);
  cr = cairo_create (surface);
  cairo_scale (cr, POINTS_PER_MM, POINTS_PER_MM);
  chunk_pages = MAX (1, CHUNK_LABELS / per_page);
  next = start_chunk (&chunks[0], job->payloads, 0, chunk_pages * per_page);
  for (guint page = 0; page < n_pages && !cancelled; page++)
    {
      if (page % chunk_pages == 0)
        {
          Chunk *current = g_thread_join (next);
          guint following = (page + chunk_pages) * per_page;

          next = NULL;
          chunk_clear (current == &chunks[0] ? &chunks[1] : &chunks[0]);
          if (following < job->payloads->len)
            next = start_chunk (current == &chunks[0] ? &chunks[1] : &chunks[0], job->payloads,
                                following, chunk_pages * per_page);
          suyuan_label_painter_set_prepared (painter, current->first, current->n, current->masks);
        }
      suyuan_label_painter_draw_page (painter, cr, page);
      cairo_show_page (cr);
      if (progress != NULL && ((page + 1) * per_page % PROGRESS_EVERY < per_page || page + 1 == n_pages))
        cancelled = !progress (MIN ((page + 1) * per_page, job->payloads->len), job->payloads->len, user_data);
    }
  if (next != NULL)
    g_thread_join (next);
  suyuan_label_painter_set_prepared (painter, 0, 0, NULL);
  chunk_clear (&chunks[0]);
  chunk_clear (&chunks[1]);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (cancelled || cairo_failed (status, path, error))
    {
      g_unlink (partial);
      if (cancelled)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped before all labels were written"));
      return FALSE;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved = errno;

      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static cairo_surface_t *
raster (double width_mm,
        double height_mm,
        double px_per_mm,
        cairo_t **cr_out)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) (width_mm * px_per_mm + 0.5),
                                                         (int) (height_mm * px_per_mm + 0.5));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, px_per_mm, px_per_mm);
  *cr_out = cr;
  return surface;
}

gboolean
suyuan_label_write_png (const SuyuanLabelJob      *job,
                        const SuyuanLabelTemplate *tmpl,
                        guint                      page,
                        double                     dpi,
                        const char                *path,
                        GError                   **error)
{
  g_autoptr(SuyuanLabelPainter) painter = suyuan_label_painter_new (job, tmpl, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (painter == NULL)
    return FALSE;
  surface = raster (tmpl->page_width, tmpl->page_height, dpi / 25.4, &cr);
  suyuan_label_painter_draw_page (painter, cr, page);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return !cairo_failed (status, path, error);
}

static gboolean
reads_back (SuyuanLabelPainter        *painter,
            const SuyuanLabelTemplate *tmpl,
            guint                      index,
            const char                *payload)
{
  cairo_t *cr;
  cairo_surface_t *surface = raster (tmpl->cell_width, tmpl->cell_height, VERIFY_PX_PER_MM, &cr);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autofree guint8 *gray = g_malloc ((gsize) width * height);
  g_autoptr(GPtrArray) symbols = NULL;
  SuyuanDecodeOptions options;
  const guint8 *data;
  int stride;
  gboolean found = FALSE;

  suyuan_label_painter_draw_cell (painter, cr, index);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      gray[y * width + x] = data[y * stride + x * 4 + 1];   /* green of xRGB: black and white only */
  cairo_surface_destroy (surface);

  suyuan_decode_options_init (&options);
  options.try_datamatrix = FALSE;
  symbols = suyuan_decode_gray (gray, width, height, width, &options);
  for (guint i = 0; i < symbols->len && !found; i++)
    {
      const SuyuanSymbol *symbol = symbols->pdata[i];

      found = g_strcmp0 (symbol->symbology, "qrcode") == 0 && g_strcmp0 (symbol->payload, payload) == 0;
    }
  return found;
}

gboolean
suyuan_label_verify (const SuyuanLabelJob      *job,
                     const SuyuanLabelTemplate *tmpl,
                     SuyuanLabelProgress        progress,
                     gpointer                   user_data,
                     guint                     *n_failed,
                     GError                   **error)
{
  g_autoptr(SuyuanLabelPainter) painter = suyuan_label_painter_new (job, tmpl, error);
  guint failed = 0;

  if (painter == NULL)
    return FALSE;
  for (guint i = 0; i < job->payloads->len; i++)
    {
      if (!reads_back (painter, tmpl, i, job->payloads->pdata[i]))
        failed++;
      if (progress != NULL && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == job->payloads->len)
          && !progress (i + 1, job->payloads->len, user_data))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped before all labels were checked"));
          return FALSE;
        }
    }
  *n_failed = failed;
  return TRUE;
}
