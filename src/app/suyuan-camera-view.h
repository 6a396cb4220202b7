/* suyuan-camera-view.h — live camera preview that scans what it sees.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "suyuan-camera.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_CAMERA_VIEW (suyuan_camera_view_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanCameraView, suyuan_camera_view, SUYUAN, CAMERA_VIEW, GtkWidget)

/* The camera runs while the view is mapped and active; each code that comes into view
 * activates "win.scan" with its text. */
SuyuanCamera *suyuan_camera_view_get_camera (SuyuanCameraView *self);
/* Whether the camera should run (while mapped); TRUE by default. */
void          suyuan_camera_view_set_active (SuyuanCameraView *self,
                                             gboolean          active);
/* "preview", "no-camera" or "failed". */
const char   *suyuan_camera_view_get_state  (SuyuanCameraView *self);
/* FALSE: a preview only, codes in view are not scanned (TRUE by default). */
void          suyuan_camera_view_set_scanning (SuyuanCameraView *self,
                                               gboolean          scanning);
/* The frame on screen now, or NULL when the preview shows none. */
GdkTexture   *suyuan_camera_view_get_texture  (SuyuanCameraView *self);
/* Frames shown so far. */
guint         suyuan_camera_view_get_n_frames (SuyuanCameraView *self);

/* Where the chosen camera is kept ("camera-device"): the view prefers it and
 * saves the user's choice. The app's settings by default; NULL: not kept. */
void          suyuan_camera_view_set_settings (SuyuanCameraView *self,
                                               GSettings        *settings);
/* The name "camera-device" gives @device: its device path, else its name. */
char         *suyuan_camera_view_device_id    (GstDevice        *device);

G_END_DECLS
