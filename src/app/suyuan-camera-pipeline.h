/* suyuan-camera-pipeline.h — where camera frames come from and where they go.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* The video sources GStreamer knows (GstDevice, class Video/Source). */
GList      *suyuan_camera_list_devices          (void);
/* Whether $SUYUAN_CAMERA_PIPELINE replaces the camera: a gst-launch source
 * description, e.g. "filesrc location=f.png ! pngdec ! imagefreeze is-live=true". */
gboolean    suyuan_camera_has_pipeline_override (void);
/* The whole pipeline, from $SUYUAN_CAMERA_PIPELINE or else @device, ending in
 * appsinks "gray" (GRAY8) and "preview" (RGB). Fails with G_IO_ERROR_NOT_FOUND
 * when there is neither. */
GstElement *suyuan_camera_pipeline_new          (GstDevice *device,
                                                 GError   **error);

G_END_DECLS
