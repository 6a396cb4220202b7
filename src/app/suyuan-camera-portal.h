/* suyuan-camera-portal.h — the camera inside a Flatpak sandbox: the camera
 * portal's permission, then PipeWire (pipewiresrc) instead of /dev/video*.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* TRUE inside a Flatpak sandbox (/.flatpak-info exists), where cameras are
 * reached through the portal; outside, GStreamer's devices (v4l2) are used. */
gboolean  suyuan_camera_portal_in_sandbox (void);
/* Asks the portal for the camera once per run (the user may be asked) and
 * calls @done on the main context when it answered, granted or not. */
void      suyuan_camera_portal_request    (GFunc    done,
                                           gpointer user_data);
/* The cameras PipeWire offers through the granted portal remote; NULL before
 * the portal granted access or when it refused. */
GList    *suyuan_camera_portal_devices    (void);

G_END_DECLS
