/* decoder.c — ZBar for QR, EAN/UPC, Code 128 and DataBar; libdmtx for
 * DataMatrix. Each symbol gets its AIM identifier, which ZBar does not give.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder.h"

#include <dmtx.h>
#include <string.h>
#include <zbar.h>

void
suyuan_decode_options_init (SuyuanDecodeOptions *options)
{
  options->time_budget_ms = 500;
  options->try_datamatrix = TRUE;
}

void
suyuan_symbol_free (SuyuanSymbol *symbol)
{
  if (symbol == NULL)
    return;
  g_free (symbol->symbology);
  g_free (symbol->aim);
  g_free (symbol->payload);
  g_free (symbol);
}

static SuyuanSymbol *
symbol_new (const char *symbology,
            const char *aim,
            const char *data,
            gsize       length,
            gboolean    gs1)
{
  SuyuanSymbol *s = g_new0 (SuyuanSymbol, 1);

  s->symbology = g_strdup (symbology);
  s->aim = g_strdup (aim);
  s->payload = g_strndup (data, length);
  s->payload_length = length;
  s->gs1 = gs1;
  return s;
}

static void
zbar_names (zbar_symbol_type_t type,
            gboolean           gs1,
            const char       **name,
            const char       **aim)
{
  switch (type)
    {
    case ZBAR_QRCODE: *name = "qrcode"; *aim = gs1 ? "]Q3" : "]Q1"; break;
    case ZBAR_EAN13: *name = "ean13"; *aim = "]E0"; break;
    case ZBAR_EAN8: *name = "ean8"; *aim = "]E4"; break;
    case ZBAR_UPCA: *name = "upca"; *aim = "]E0"; break;
    case ZBAR_UPCE: *name = "upce"; *aim = "]E0"; break;
    case ZBAR_CODE128: *name = "code128"; *aim = gs1 ? "]C1" : "]C0"; break;
    case ZBAR_DATABAR: *name = "databar"; *aim = "]e0"; break;
    case ZBAR_DATABAR_EXP: *name = "databar-exp"; *aim = "]e0"; break;
    case ZBAR_CODE39: *name = "code39"; *aim = "]A0"; break;
    case ZBAR_I25: *name = "itf"; *aim = "]I0"; break;
    default: *name = zbar_get_symbol_name (type); *aim = "]X0"; break;
    }
}

static void
bounding_box (const zbar_symbol_t *sym,
              SuyuanSymbol        *out)
{
  unsigned n = zbar_symbol_get_loc_size (sym);
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = G_MININT, y1 = G_MININT;

  for (unsigned i = 0; i < n; i++)
    {
      x0 = MIN (x0, zbar_symbol_get_loc_x (sym, i));
      y0 = MIN (y0, zbar_symbol_get_loc_y (sym, i));
      x1 = MAX (x1, zbar_symbol_get_loc_x (sym, i));
      y1 = MAX (y1, zbar_symbol_get_loc_y (sym, i));
    }
  if (n == 0)
    return;
  out->x = x0, out->y = y0, out->width = x1 - x0 + 1, out->height = y1 - y0 + 1;
}

static void
scan_zbar (const guint8 *gray,
           int           width,
           int           height,
           GPtrArray    *out)
{
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();

  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) width, (unsigned) height);
  zbar_image_set_data (image, gray, (unsigned long) width * height, NULL);
  if (zbar_scan_image (scanner, image) > 0)
    {
      for (const zbar_symbol_t *sym = zbar_image_first_symbol (image); sym; sym = zbar_symbol_next (sym))
        {
          gboolean gs1 = (zbar_symbol_get_modifiers (sym) & (1 << ZBAR_MOD_GS1)) != 0;
          const char *name, *aim;
          SuyuanSymbol *s;

          zbar_names (zbar_symbol_get_type (sym), gs1, &name, &aim);
          s = symbol_new (name, aim, zbar_symbol_get_data (sym), zbar_symbol_get_data_length (sym), gs1);
          bounding_box (sym, s);
          g_ptr_array_add (out, s);
        }
    }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
}

static void
scan_dmtx (const guint8 *gray,
           int           width,
           int           height,
           guint         budget_ms,
           GPtrArray    *out)
{
  DmtxImage *image = dmtxImageCreate ((unsigned char *) gray, width, height, DmtxPack8bppK);
  DmtxDecode *decode = dmtxDecodeCreate (image, 1);
  DmtxTime timeout = dmtxTimeAdd (dmtxTimeNow (), budget_ms ? budget_ms : 2000);
  DmtxRegion *region;

  /* libdmtx's y axis points up; our boxes are top-down. */
  dmtxImageSetProp (image, DmtxPropImageFlip, DmtxFlipNone);
  dmtxDecodeSetProp (decode, DmtxPropFnc1, 0x1D);
  while ((region = dmtxRegionFindNext (decode, &timeout)) != NULL)
    {
      DmtxMessage *msg = dmtxDecodeMatrixRegion (decode, region, DmtxUndefined);

      if (msg != NULL)
        {
          const char *data = (const char *) msg->output;
          gsize len = msg->outputIdx;
          gboolean gs1 = len > 0 && data[0] == 0x1D;
          SuyuanSymbol *s = symbol_new ("datamatrix", gs1 ? "]d2" : "]d1",
                                        gs1 ? data + 1 : data, gs1 ? len - 1 : len, gs1);
          DmtxVector2 p00 = { 0, 0 }, p11 = { 1, 1 };

          dmtxMatrix3VMultiplyBy (&p00, region->fit2raw);
          dmtxMatrix3VMultiplyBy (&p11, region->fit2raw);
          s->x = (int) MIN (p00.X, p11.X);
          s->y = height - 1 - (int) MAX (p00.Y, p11.Y);
          s->width = (int) ABS (p11.X - p00.X);
          s->height = (int) ABS (p11.Y - p00.Y);
          g_ptr_array_add (out, s);
          dmtxMessageDestroy (&msg);
        }
      dmtxRegionDestroy (&region);
    }
  dmtxDecodeDestroy (&decode);
  dmtxImageDestroy (&image);
}

GPtrArray *
suyuan_decode_gray (const guint8              *gray,
                    int                        width,
                    int                        height,
                    int                        stride,
                    const SuyuanDecodeOptions *options)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_symbol_free);
  g_autofree guint8 *packed = NULL;
  SuyuanDecodeOptions defaults;

  g_return_val_if_fail (gray != NULL && width > 0 && height > 0 && stride >= width, out);
  if (options == NULL)
    {
      suyuan_decode_options_init (&defaults);
      options = &defaults;
    }
  /* Both libraries want rows without padding. */
  if (stride != width)
    {
      packed = g_malloc ((gsize) width * height);
      for (int y = 0; y < height; y++)
        memcpy (packed + (gsize) y * width, gray + (gsize) y * stride, (gsize) width);
      gray = packed;
    }
  scan_zbar (gray, width, height, out);
  /* libdmtx asserts on frames too small to hold a scan grid. */
  if (options->try_datamatrix && MIN (width, height) >= 16)
    scan_dmtx (gray, width, height, options->time_budget_ms, out);
  return out;
}
