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
          DmtxVector2 p00 = { 0, 0 }, p11 = { 1, 1 };

          dmtxMatrix3VMultiplyBy (&p00, region->fit2raw);
          dmtxMatrix3VMultiplyBy (&p11, region->fit2raw);
          s->x = (int) MIN (p00.X, p11.X);
          s->y = img->height - 1 - (int) MAX (p00.Y, p11.Y);
          s->width = (int) ABS (p11.X - p00.X);
          s->height = (int) ABS (p11.Y - p00.Y);
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
