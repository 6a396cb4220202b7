/* decoder-preprocess.c — grey image transforms that make hard photos
 * readable: scaling, inversion, local threshold, quiet-zone padding, rotation.
 * Each result remembers how its pixels map back to the original frame.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder-private.h"

#include <math.h>
#include <string.h>

SuyuanGray *
suyuan_gray_new (int width,
                 int height)
{
  SuyuanGray *img = g_new0 (SuyuanGray, 1);

  img->data = g_malloc ((gsize) width * height);
  img->width = width;
  img->height = height;
  img->m[0] = img->m[4] = 1.0;
  return img;
}

SuyuanGray *
suyuan_gray_copy_frame (const guint8 *gray,
                        int           width,
                        int           height,
                        int           stride)
{
  SuyuanGray *img = suyuan_gray_new (width, height);

  for (int y = 0; y < height; y++)
    memcpy (img->data + (gsize) y * width, gray + (gsize) y * stride, (gsize) width);
  return img;
}

void
suyuan_gray_free (SuyuanGray *img)
{
  if (img == NULL)
    return;
  g_free (img->data);
  g_free (img);
}

/* result->m = parent->m · (a b c; d e f): the child's pixel in parent pixels. */
static SuyuanGray *
derive (const SuyuanGray *parent,
        int               width,
        int               height,
        const double      t[6])
{
  SuyuanGray *img = suyuan_gray_new (width, height);
  const double *p = parent->m;

  img->m[0] = p[0] * t[0] + p[1] * t[3];
  img->m[1] = p[0] * t[1] + p[1] * t[4];
  img->m[2] = p[0] * t[2] + p[1] * t[5] + p[2];
  img->m[3] = p[3] * t[0] + p[4] * t[3];
  img->m[4] = p[3] * t[1] + p[4] * t[4];
  img->m[5] = p[3] * t[2] + p[4] * t[5] + p[5];
  return img;
}

void
suyuan_gray_map_box (const SuyuanGray *img,
                     SuyuanSymbol     *s)
{
  const double *m = img->m;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (int i = 0; i < 4; i++)
    {
      double x = s->x + ((i & 1) ? s->width : 0);
      double y = s->y + ((i & 2) ? s->height : 0);
      double fx = m[0] * x + m[1] * y + m[2];
      double fy = m[3] * x + m[4] * y + m[5];

      x0 = MIN (x0, fx), y0 = MIN (y0, fy), x1 = MAX (x1, fx), y1 = MAX (y1, fy);
    }
  s->x = (int) floor (x0), s->y = (int) floor (y0);
  s->width = (int) ceil (x1 - x0), s->height = (int) ceil (y1 - y0);
}

/* Box average: also smooths sensor noise and JPEG blocks. */
SuyuanGray *
suyuan_gray_downscale (const SuyuanGray *img,
                       int               f)
{
  const double t[6] = { f, 0, 0, 0, f, 0 };
  SuyuanGray *out = derive (img, MAX (img->width / f, 1), MAX (img->height / f, 1), t);

  for (int y = 0; y < out->height; y++)
    for (int x = 0; x < out->width; x++)
      {
        guint sum = 0, n = 0;

        for (int dy = 0; dy < f && y * f + dy < img->height; dy++)
          for (int dx = 0; dx < f && x * f + dx < img->width; dx++, n++)
            sum += img->data[(gsize) (y * f + dy) * img->width + x * f + dx];
        out->data[(gsize) y * out->width + x] = (guint8) (sum / MAX (n, 1));
      }
  return out;
}

/* Bilinear: thin bars of small symbols get more than one pixel each. */
SuyuanGray *
suyuan_gray_upscale2 (const SuyuanGray *img)
{
  const double t[6] = { 0.5, 0, 0, 0, 0.5, 0 };
  SuyuanGray *out = derive (img, img->width * 2, img->height * 2, t);
  int w = img->width, h = img->height;

  for (int y = 0; y < out->height; y++)
    {
      int y0 = MIN (y / 2, h - 1), y1 = MIN (y0 + (y & 1), h - 1);

      for (int x = 0; x < out->width; x++)
        {
          int x0 = MIN (x / 2, w - 1), x1 = MIN (x0 + (x & 1), w - 1);
          guint v = img->data[(gsize) y0 * w + x0] + img->data[(gsize) y0 * w + x1]
                    + img->data[(gsize) y1 * w + x0] + img->data[(gsize) y1 * w + x1];

          out->data[(gsize) y * out->width + x] = (guint8) ((v + 2) / 4);
        }
    }
  return out;
}

SuyuanGray *
suyuan_gray_invert (const SuyuanGray *img)
{
  const double t[6] = { 1, 0, 0, 0, 1, 0 };
  SuyuanGray *out = derive (img, img->width, img->height, t);

  for (gsize i = 0; i < (gsize) img->width * img->height; i++)
    out->data[i] = 255 - img->data[i];
  return out;
}

/* Each pixel against the mean of its @window neighbourhood (integral image):
 * evens out shadows, glare and low contrast across the frame. */
SuyuanGray *
suyuan_gray_threshold (const SuyuanGray *img,
                       int               window,
                       int               offset)
{
  const double t[6] = { 1, 0, 0, 0, 1, 0 };
  int w = img->width, h = img->height, r = window / 2;
  SuyuanGray *out = derive (img, w, h, t);
  guint32 *sum = g_new0 (guint32, (gsize) (w + 1) * (h + 1));

  for (int y = 0; y < h; y++)
    {
      guint32 row = 0;

      for (int x = 0; x < w; x++)
        {
          row += img->data[(gsize) y * w + x];
          sum[(gsize) (y + 1) * (w + 1) + x + 1] = sum[(gsize) y * (w + 1) + x + 1] + row;
        }
    }
  for (int y = 0; y < h; y++)
    {
      int ya = MAX (y - r, 0), yb = MIN (y + r + 1, h);

      for (int x = 0; x < w; x++)
        {
          int xa = MAX (x - r, 0), xb = MIN (x + r + 1, w);
          guint32 s = sum[(gsize) yb * (w + 1) + xb] - sum[(gsize) ya * (w + 1) + xb]
                      - sum[(gsize) yb * (w + 1) + xa] + sum[(gsize) ya * (w + 1) + xa];
          int mean = (int) (s / (guint32) ((yb - ya) * (xb - xa)));

          out->data[(gsize) y * w + x] = img->data[(gsize) y * w + x] + offset < mean ? 0 : 255;
        }
    }
  g_free (sum);
  return out;
}

/* A white border: symbols printed or cropped to the edge lack a quiet zone. */
SuyuanGray *
suyuan_gray_pad (const SuyuanGray *img,
                 int               border)
{
  const double t[6] = { 1, 0, -border, 0, 1, -border };
  SuyuanGray *out = derive (img, img->width + 2 * border, img->height + 2 * border, t);

  memset (out->data, 255, (gsize) out->width * out->height);
  for (int y = 0; y < img->height; y++)
    memcpy (out->data + (gsize) (y + border) * out->width + border,
            img->data + (gsize) y * img->width, (gsize) img->width);
  return out;
}

/* About the centre, on a canvas big enough for the whole frame, white outside:
 * ZBar's scan lines are horizontal and vertical, so bars at 45° are missed. */
SuyuanGray *
suyuan_gray_rotate (const SuyuanGray *img,
                    double            degrees)
{
  double a = degrees * G_PI / 180.0, c = cos (a), s = sin (a);
  int w = img->width, h = img->height;
  int ow = (int) ceil (fabs (w * c) + fabs (h * s)), oh = (int) ceil (fabs (w * s) + fabs (h * c));
  double cx = w / 2.0, cy = h / 2.0, ocx = ow / 2.0, ocy = oh / 2.0;
  /* source = R(-a) · (out - centre_out) + centre_in */
  const double t[6] = { c, s, cx - c * ocx - s * ocy, -s, c, cy + s * ocx - c * ocy };
  SuyuanGray *out = derive (img, ow, oh, t);

  for (int y = 0; y < oh; y++)
    for (int x = 0; x < ow; x++)
      {
        double sx = t[0] * x + t[1] * y + t[2], sy = t[3] * x + t[4] * y + t[5];
        int ix = (int) floor (sx), iy = (int) floor (sy);
        double fx = sx - ix, fy = sy - iy;
        guint8 v = 255;

        if (ix >= 0 && iy >= 0 && ix + 1 < w && iy + 1 < h)
          {
            const guint8 *p = img->data + (gsize) iy * w + ix;

            v = (guint8) ((p[0] * (1 - fx) + p[1] * fx) * (1 - fy)
                          + (p[w] * (1 - fx) + p[w + 1] * fx) * fy + 0.5);
          }
        out->data[(gsize) y * ow + x] = v;
      }
  return out;
}

SuyuanGray *
suyuan_gray_crop (const SuyuanGray *img,
                  int               x,
                  int               y,
                  int               width,
                  int               height)
{
  const double t[6] = { 1, 0, x, 0, 1, y };
  SuyuanGray *out;

  width = MIN (width, img->width - x);
  height = MIN (height, img->height - y);
  out = derive (img, width, height, t);
  for (int row = 0; row < height; row++)
    memcpy (out->data + (gsize) row * width, img->data + (gsize) (y + row) * img->width + x, (gsize) width);
  return out;
}
