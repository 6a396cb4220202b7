/* decoder-private.h — the parts of the decoder: grey images and their
 * transforms, the zxing-cpp, ZBar and libdmtx passes. Not installed, not public.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "decoder.h"

G_BEGIN_DECLS

/* A grey image with rows packed (stride == width), and the affine map from
 * its pixels back to the original frame: frame = m · (x, y, 1). */
typedef struct {
  guint8 *data;
  int width, height;
  double m[6];
} SuyuanGray;

SuyuanGray *suyuan_gray_new        (int width, int height);
SuyuanGray *suyuan_gray_copy_frame (const guint8 *gray, int width, int height, int stride);
void        suyuan_gray_free       (SuyuanGray *img);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanGray, suyuan_gray_free)

/* decoder-preprocess.c: each returns a new image mapped to the same frame. */
SuyuanGray *suyuan_gray_downscale  (const SuyuanGray *img, int factor);
SuyuanGray *suyuan_gray_upscale2   (const SuyuanGray *img);
SuyuanGray *suyuan_gray_invert     (const SuyuanGray *img);
SuyuanGray *suyuan_gray_threshold  (const SuyuanGray *img, int window, int offset);
SuyuanGray *suyuan_gray_pad        (const SuyuanGray *img, int border);
SuyuanGray *suyuan_gray_rotate     (const SuyuanGray *img, double degrees);
SuyuanGray *suyuan_gray_crop       (const SuyuanGray *img, int x, int y, int width, int height);
/* Maps a box in @img's pixels to the frame (the bounding box of its corners). */
void        suyuan_gray_map_box    (const SuyuanGray *img, SuyuanSymbol *s);

/* decoder-zbar.c. @strict (for transformed images, where noise can fake bars):
 * linear symbols must be seen on at least two scan lines. */
void        suyuan_zbar_scan       (const SuyuanGray *img, gboolean strict, GPtrArray *out);

/* decoder-dmtx.c: stops at @deadline (g_get_monotonic_time () µs). */
void        suyuan_dmtx_scan       (const SuyuanGray *img, gint64 deadline, GPtrArray *out);

/* decoder-zxing.cpp: every symbology we read. @strict as for ZBar. */
void        suyuan_zxing_scan      (const SuyuanGray *img, gboolean strict, GPtrArray *out);

/* decoder-check.c: whether a result from any engine may be reported. */
gboolean    suyuan_symbol_check    (const SuyuanSymbol *s);

/* decoder-charset.c: QR byte-mode data as UTF-8 text (newly allocated). */
char         *suyuan_qr_bytes_to_text (const char *data, gsize len, gsize *out_len);

SuyuanSymbol *suyuan_symbol_new    (const char *symbology, const char *aim,
                                    const char *data, gsize length, gboolean gs1);

G_END_DECLS
