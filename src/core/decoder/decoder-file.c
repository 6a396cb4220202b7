/* decoder-file.c — decoding image files: gdk-pixbuf loads, we convert to grey.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

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

GPtrArray *
suyuan_decode_file (const char                *path,
                    const SuyuanDecodeOptions *options,
                    GError                   **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, error);
  g_autofree guint8 *gray = NULL;
  int width;

  if (pixbuf == NULL)
    return NULL;
  width = gdk_pixbuf_get_width (pixbuf);
  gray = to_gray (pixbuf);
  return suyuan_decode_gray (gray, width, gdk_pixbuf_get_height (pixbuf), width, options);
}
