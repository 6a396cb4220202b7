/* decoder-zbar.c — ZBar for QR, EAN/UPC, Code 128, DataBar and ITF-14, with
 * the AIM identifier ZBar does not give. Only the symbologies a trace code
 * uses are on: Code 39 and Codabar have weak checks and read noise as codes;
 * Interleaved 2 of 5 only at ITF-14's 14 digits (decoder-check.c adds the
 * check digit).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder-private.h"

#include <zbar.h>

static const zbar_symbol_type_t enabled[] = {
  ZBAR_QRCODE, ZBAR_EAN13, ZBAR_EAN8, ZBAR_UPCE, ZBAR_CODE128, ZBAR_DATABAR, ZBAR_DATABAR_EXP,
  ZBAR_I25,
};

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
    case ZBAR_I25: *name = "itf"; *aim = "]I1"; break;
    default: *name = zbar_get_symbol_name (type); *aim = "]X0"; break;
    }
}

static void
bounding_box (const zbar_symbol_t *sym,
              SuyuanSymbol        *out)
{
  unsigned n = zbar_symbol_get_loc_size (sym);
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = G_MININT, y1 = G_MININT;

  if (n == 0)
    return;
  for (unsigned i = 0; i < n; i++)
    {
      x0 = MIN (x0, zbar_symbol_get_loc_x (sym, i));
      y0 = MIN (y0, zbar_symbol_get_loc_y (sym, i));
      x1 = MAX (x1, zbar_symbol_get_loc_x (sym, i));
      y1 = MAX (y1, zbar_symbol_get_loc_y (sym, i));
    }
  out->x = x0, out->y = y0, out->width = x1 - x0 + 1, out->height = y1 - y0 + 1;
}

static gboolean
plausible (const zbar_symbol_t *sym,
           gboolean             strict)
{
  zbar_symbol_type_t type = zbar_symbol_get_type (sym);

  if (zbar_symbol_get_data_length (sym) == 0)
    return FALSE;
  if (type == ZBAR_QRCODE)
    return TRUE;  /* Reed-Solomon already vouches for it */
  /* Short codes from a single scan line are how noise turns into EAN-8/UPC-E. */
  if ((type == ZBAR_EAN8 || type == ZBAR_UPCE || type == ZBAR_I25)
      && zbar_symbol_get_quality (sym) < 2)
    return FALSE;
  return !strict || zbar_symbol_get_quality (sym) >= 2;
}

void
suyuan_zbar_scan (const SuyuanGray *img,
                  gboolean          strict,
                  GPtrArray        *out)
{
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();

  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (enabled); i++)
    zbar_image_scanner_set_config (scanner, enabled[i], ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scanner, ZBAR_I25, ZBAR_CFG_MIN_LEN, 14);
  zbar_image_scanner_set_config (scanner, ZBAR_I25, ZBAR_CFG_MAX_LEN, 14);
  /* The bytes, not ZBar's charset guess (it reads Shift_JIS as GBK). */
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) img->width, (unsigned) img->height);
  zbar_image_set_data (image, img->data, (unsigned long) img->width * img->height, NULL);
  if (zbar_scan_image (scanner, image) > 0)
    {
      for (const zbar_symbol_t *sym = zbar_image_first_symbol (image); sym; sym = zbar_symbol_next (sym))
        {
          gboolean gs1 = (zbar_symbol_get_modifiers (sym) & (1 << ZBAR_MOD_GS1)) != 0;
          const char *name, *aim;
          SuyuanSymbol *s;

          if (!plausible (sym, strict))
            continue;
          zbar_names (zbar_symbol_get_type (sym), gs1, &name, &aim);
          if (zbar_symbol_get_type (sym) == ZBAR_QRCODE)
            {
              gsize len;
              g_autofree char *text = suyuan_qr_bytes_to_text (zbar_symbol_get_data (sym),
                                                               zbar_symbol_get_data_length (sym), &len);

              s = suyuan_symbol_new (name, aim, text, len, gs1);
            }
          else
            s = suyuan_symbol_new (name, aim, zbar_symbol_get_data (sym),
                                   zbar_symbol_get_data_length (sym), gs1);
          bounding_box (sym, s);
          suyuan_gray_map_box (img, s);
          g_ptr_array_add (out, s);
        }
    }
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
}
