/* suyuan-photo-window.h — takes a photo of a finding with the camera (or
 * picks a file when there is none) for an inspection item.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "suyuan-camera-view.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_PHOTO_WINDOW (suyuan_photo_window_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanPhotoWindow, suyuan_photo_window, SUYUAN, PHOTO_WINDOW, AdwWindow)

/* Signal "photo" (const char *path) → gboolean: a photo was taken or chosen;
 * return TRUE when it was attached, and the window closes.
 *
 * Photos are saved as $XDG_DATA_HOME/suyuan/photos/@name-N.png, N counting
 * from @first_number past the files already there. */
SuyuanPhotoWindow *suyuan_photo_window_new             (GtkWindow         *parent,
                                                        const char        *name,
                                                        guint              first_number);
/* What the photo is of (the item), shown under the title. */
void               suyuan_photo_window_set_subtitle    (SuyuanPhotoWindow *self,
                                                        const char        *subtitle);
SuyuanCameraView  *suyuan_photo_window_get_camera_view (SuyuanPhotoWindow *self);
/* What the shutter does: saves the frame on screen in a worker thread, then
 * emits "photo". FALSE (and the window says why) when there is no frame. */
gboolean           suyuan_photo_window_take            (SuyuanPhotoWindow *self);
gboolean           suyuan_photo_window_is_saving       (SuyuanPhotoWindow *self);
/* The folder photos go to. */
char              *suyuan_photo_window_dir             (void);
/* What the window says now ("" when all is well). */
const char        *suyuan_photo_window_get_status      (SuyuanPhotoWindow *self);

G_END_DECLS
