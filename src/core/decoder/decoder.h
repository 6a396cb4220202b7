/* decoder.h — finding and reading barcodes in grey frames (zxing-cpp, ZBar, libdmtx).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *symbology;      /* "qrcode", "datamatrix", "ean13", "code128", "databar-exp", "itf" … */
  char *aim;            /* AIM symbology identifier, e.g. "]Q3", "]d2", "]C1", "]E0", "]I1" */
  char *payload;        /* decoded text; GS1 separators as 0x1D, no leading FNC1 */
  gsize payload_length; /* payload may hold any byte but NUL-terminated too */
  gboolean gs1;         /* the symbol carries GS1 data (FNC1 first) */
  int x, y, width, height;  /* bounding box in the frame's pixels */
} SuyuanSymbol;

/* The engines a frame may go through (SuyuanDecodeOptions.engines). */
typedef enum {
  SUYUAN_ENGINE_ZXING = 1 << 0,
  SUYUAN_ENGINE_ZBAR  = 1 << 1,
  SUYUAN_ENGINE_DMTX  = 1 << 2,
  SUYUAN_ENGINE_ALL   = 0x7,
} SuyuanEngine;

typedef struct {
  guint time_budget_ms;     /* per frame, default 100; 0 = no limit; hard photos get more passes within it */
  gboolean try_datamatrix;  /* libdmtx is slow on frames with no DataMatrix */
  guint engines;            /* SuyuanEngine bits, default all: for measuring one alone */
} SuyuanDecodeOptions;

void        suyuan_decode_options_init (SuyuanDecodeOptions *options);
/* @gray: 8-bit luminance, @stride bytes per row. Returns a GPtrArray of
 * SuyuanSymbol (empty when nothing was found), each symbol once. */
GPtrArray  *suyuan_decode_gray   (const guint8              *gray,
                                  int                        width,
                                  int                        height,
                                  int                        stride,
                                  const SuyuanDecodeOptions *options);
/* Photos from any phone fit; a hostile 20000 × 20000 image (2 GB and many
 * seconds to decode) does not. */
#define SUYUAN_DECODE_MAX_PIXELS (100 * 1000 * 1000)

/* TRUE when a @width × @height image may be decoded; otherwise FALSE with a
 * translated GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY saying how large it is. Every image is
 * checked before its pixels are decoded (files, pasted images). */
gboolean    suyuan_decode_size_ok (gint64                     width,
                                   gint64                     height,
                                   GError                   **error);
/* Loads an image file (gdk-pixbuf: PNG, JPEG …) and decodes it; the size
 * in its header is checked before any pixel is. */
GPtrArray  *suyuan_decode_file   (const char                *path,
                                  const SuyuanDecodeOptions *options,
                                  GError                   **error);
void        suyuan_symbol_free   (SuyuanSymbol *symbol);

G_END_DECLS
