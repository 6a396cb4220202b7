/* suyuan-camera.h — a camera pipeline that scans continuously and feeds a preview.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>
#include "suyuan-camera-pipeline.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_CAMERA (suyuan_camera_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanCamera, suyuan_camera, SUYUAN, CAMERA, GObject)

/* Signals, all emitted on the main context of the thread that created it:
 *   "frame" (GBytes *rgb, int width, int height, int stride): latest preview frame
 *   "scanned" (const char *payload, const char *symbology): a code came into view
 *   "failed" (const char *message): the pipeline stopped with an error */
SuyuanCamera *suyuan_camera_new              (void);
/* Frames come from $SUYUAN_CAMERA_PIPELINE if set, else from @device. */
void          suyuan_camera_set_device       (SuyuanCamera *self,
                                              GstDevice    *device);
/* Fails with G_IO_ERROR_NOT_FOUND when there is no source at all. */
gboolean      suyuan_camera_start            (SuyuanCamera *self,
                                              GError      **error);
void          suyuan_camera_stop             (SuyuanCamera *self);
gboolean      suyuan_camera_is_running       (SuyuanCamera *self);
/* FALSE keeps the preview but stops decoding (TRUE by default). */
void          suyuan_camera_set_scanning     (SuyuanCamera *self,
                                              gboolean      scanning);
/* Frames run through the decoder so far (for tests and diagnostics). */
guint         suyuan_camera_get_n_decoded    (SuyuanCamera *self);

G_END_DECLS
