/* decoder-file.c — decoding image files: gdk-pixbuf loads, we convert to grey.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#define CHUNK (64 * 1024)

typedef struct {
  gint64 width, height;
  gboolean too_large;
} Header;

/* Rec. 601 luma in integers. */
static guint8 *
to_gray (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *gray = g_malloc ((gsize) width * height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * rowstride;

      for (int x = 0; x < width; x++)
        {
          const guint8 *p = row + x * channels;
          guint v = channels >= 3 ? (299u * p[0] + 587u * p[1] + 114u * p[2]) / 1000u : p[0];

          /* Transparent pixels count as white paper. */
          if (channels == 4)
            v = (v * p[3] + 255u * (255u - p[3])) / 255u;
          gray[(gsize) y * width + x] = (guint8) v;
        }
    }
  return gray;
}

gboolean
suyuan_decode_size_ok (gint64   width,
                       gint64   height,
                       GError **error)
{
  g_autofree char *size = NULL;

  if (width > 0 && height > 0 && width <= SUYUAN_DECODE_MAX_PIXELS / height)
    return TRUE;
  size = g_strdup_printf ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT, width, height);
  g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY,
               _("The image is %s pixels; at most %d million pixels are read. "
                 "Photograph the code closer or crop the image."),
               size, SUYUAN_DECODE_MAX_PIXELS / (1000 * 1000));
  return FALSE;
}

/* The loader reports the header's size before it decodes a pixel. */
static void
size_prepared (GdkPixbufLoader *loader,
               int              width,
               int              height,
               Header          *header)
{
  header->width = width;
  header->height = height;
  header->too_large = !suyuan_decode_size_ok (width, height, NULL);
  /* A size of 0 × 0 makes the loader stop before it allocates the image
   * (what gdk_pixbuf_get_file_info does). */
  if (header->too_large)
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* Fed a chunk at a time, so a too large image stops at its header. */
static GdkPixbuf *
load_checked (const char  *path,
              GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree guchar *buf = NULL;
  Header header = { 0 };
  FILE *in = g_fopen (path, "rb");
  gboolean read_error;
  gsize n;

  if (in == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared), &header);
  buf = g_malloc (CHUNK);
  while ((n = fread (buf, 1, CHUNK, in)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, buf, n, header.too_large ? NULL : error)
          || header.too_large)
        break;
    }
  read_error = ferror (in) != 0;
  fclose (in);
  if (header.too_large)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_clear_error (error);
      suyuan_decode_size_ok (header.width, header.height, error);
      return NULL;
    }
  if (read_error || (error != NULL && *error != NULL))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Cannot read “%s”"), path);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error) || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                     _("“%s” is not an image this terminal can read"), path);
      return NULL;
    }
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

GPtrArray *
suyuan_decode_file (const char                *path,
                    const SuyuanDecodeOptions *options,
                    GError                   **error)
{
  g_autoptr(GdkPixbuf) pixbuf = load_checked (path, error);
  g_autofree guint8 *gray = NULL;
  int width;

  if (pixbuf == NULL)
    return NULL;
  width = gdk_pixbuf_get_width (pixbuf);
  gray = to_gray (pixbuf);
  return suyuan_decode_gray (gray, width, gdk_pixbuf_get_height (pixbuf), width, options);
}
