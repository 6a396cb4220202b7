/* label-render.h — drawing labels with cairo: QR code plus the Chinese lines
 * the law asks for; PDF and PNG output; decoding them back to check.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "label-job.h"
#include "label-template.h"

G_BEGIN_DECLS

/* Quiet zone the QR specification asks for, and the smallest module we draw. */
#define SUYUAN_LABEL_QUIET_MODULES 4
#define SUYUAN_LABEL_MIN_MODULE_MM 0.33

/* Called every so often; return FALSE to stop. */
typedef gboolean (*SuyuanLabelProgress) (guint    done,
                                         guint    total,
                                         gpointer user_data);

typedef struct _SuyuanLabelPainter SuyuanLabelPainter;

/* Fails when the code does not fit the template with modules big enough to scan. */
SuyuanLabelPainter *suyuan_label_painter_new       (const SuyuanLabelJob      *job,
                                                    const SuyuanLabelTemplate *tmpl,
                                                    GError                   **error);
void                suyuan_label_painter_free      (SuyuanLabelPainter *painter);
double              suyuan_label_painter_module_mm (SuyuanLabelPainter *painter);
/* @cr in millimetres with the origin at the cell's top-left corner. */
void                suyuan_label_painter_draw_cell (SuyuanLabelPainter *painter,
                                                    cairo_t            *cr,
                                                    guint               index);
/* The QR code of @payload as an A8 mask, one pixel per module; any thread. */
cairo_surface_t    *suyuan_label_qr_mask_new       (const char *payload);
/* Lends @n masks, for labels @first onwards, encoded ahead (e.g. in another
 * thread); the caller keeps them alive until it lends others or none. */
void                suyuan_label_painter_set_prepared (SuyuanLabelPainter *painter,
                                                       guint               first,
                                                       guint               n,
                                                       cairo_surface_t   **masks);
/* @cr in millimetres with the origin at the page's top-left corner. */
void                suyuan_label_painter_draw_page (SuyuanLabelPainter *painter,
                                                    cairo_t            *cr,
                                                    guint               page);

gboolean  suyuan_label_write_pdf (const SuyuanLabelJob      *job,
                                  const SuyuanLabelTemplate *tmpl,
                                  const char                *path,
                                  SuyuanLabelProgress        progress,
                                  gpointer                   user_data,
                                  GError                   **error);
/* One page (sheet or roll label) at @dpi. */
gboolean  suyuan_label_write_png (const SuyuanLabelJob      *job,
                                  const SuyuanLabelTemplate *tmpl,
                                  guint                      page,
                                  double                     dpi,
                                  const char                *path,
                                  GError                   **error);
/* Rasterises every label at printer resolution, decodes it and compares it
 * with its payload; @n_failed gets the number that did not read back. */
gboolean  suyuan_label_verify    (const SuyuanLabelJob      *job,
                                  const SuyuanLabelTemplate *tmpl,
                                  SuyuanLabelProgress        progress,
                                  gpointer                   user_data,
                                  guint                     *n_failed,
                                  GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanLabelPainter, suyuan_label_painter_free)

G_END_DECLS
