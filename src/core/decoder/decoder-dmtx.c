/* decoder-dmtx.c — libdmtx for DataMatrix, GS1 separators kept as 0x1D.
 * libdmtx searches slowly where there is no symbol, so it runs to a deadline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder-private.h"

#include <dmtx.h>
#include <string.h>

static DmtxTime
to_dmtx_time (gint64 deadline)
{
  gint64 left_ms = MAX ((deadline - g_get_monotonic_time ()) / 1000, 1);

  return dmtxTimeAdd (dmtxTimeNow (), (long) left_ms);
}

/* libdmtx's error correction sometimes "corrects" a distorted symbol into
 * other bytes, and it passes ECI designators through. Control characters are
 * the tell: real content carries at most GS, RS, EOT (ISO/IEC 15434) and
 * line breaks. Better to read nothing than something wrong. */
static gboolean
plausible (const guint8 *data,
           gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if ((data[i] < 0x20 && (data[i] == 0 || !strchr ("\t\n\r\x04\x1d\x1e", data[i])))
        || data[i] == 0x7F)
      return FALSE;
  return TRUE;
}

void
suyuan_dmtx_scan (const SuyuanGray *img,
                  gint64            deadline,
                  GPtrArray        *out)
{
  DmtxImage *image;
  DmtxDecode *decode;
  DmtxTime timeout;
  DmtxRegion *region;

  /* libdmtx asserts on frames too small to hold its scan grid. */
  if (MIN (img->width, img->height) < 16 || g_get_monotonic_time () >= deadline)
    return;
  image = dmtxImageCreate (img->data, img->width, img->height, DmtxPack8bppK);
  decode = dmtxDecodeCreate (image, 1);
  timeout = to_dmtx_time (deadline);
  /* libdmtx's y axis points up; our boxes are top-down. */
  dmtxImageSetProp (image, DmtxPropImageFlip, DmtxFlipNone);
  dmtxDecodeSetProp (decode, DmtxPropFnc1, 0x1D);
  /* Printed symbols have strong edges; skipping weak ones (default 10) makes
   * the search faster, and read more of the corpus within the same budget
   * (40 reads as many as 25 in half the time). */
  dmtxDecodeSetProp (decode, DmtxPropEdgeThresh, 40);
  while ((region = dmtxRegionFindNext (decode, &timeout)) != NULL)
    {
      DmtxMessage *msg = dmtxDecodeMatrixRegion (decode, region, DmtxUndefined);

      if (msg != NULL && msg->outputIdx > 0 && plausible (msg->output, msg->outputIdx))
        {
          const char *data = (const char *) msg->output;
          gsize len = msg->outputIdx;
          gboolean gs1 = data[0] == 0x1D;
          SuyuanSymbol *s = suyuan_symbol_new ("datamatrix", gs1 ? "]d2" : "]d1",
                                               gs1 ? data + 1 : data, gs1 ? len - 1 : len, gs1);
          double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

          /* All four corners: the symbol may be rotated in the image. */
          for (int c = 0; c < 4; c++)
            {
              DmtxVector2 p = { c & 1, c >> 1 };

              dmtxMatrix3VMultiplyBy (&p, region->fit2raw);
              x0 = MIN (x0, p.X), x1 = MAX (x1, p.X), y0 = MIN (y0, p.Y), y1 = MAX (y1, p.Y);
            }
          s->x = (int) x0;
          s->y = img->height - 1 - (int) y1;
          s->width = (int) (x1 - x0);
          s->height = (int) (y1 - y0);
          suyuan_gray_map_box (img, s);
          g_ptr_array_add (out, s);
        }
      if (msg != NULL)
        dmtxMessageDestroy (&msg);
      dmtxRegionDestroy (&region);
    }
  dmtxDecodeDestroy (&decode);
  dmtxImageDestroy (&image);
}
