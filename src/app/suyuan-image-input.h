/* suyuan-image-input.h — codes from image files: open, drag and drop, paste.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SUYUAN_TYPE_IMAGE_INPUT (suyuan_image_input_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanImageInput, suyuan_image_input, SUYUAN, IMAGE_INPUT, GObject)

/* Accepts files and images dropped on @window. Signals, on the main thread:
 *   "scanned" (const char *payload): once per code found, in image order
 *   "no-code" (const char *name): the image holds no readable code
 *   "failed" (const char *message): the file is not an image we can read */
SuyuanImageInput *suyuan_image_input_new           (GtkWidget        *window);
/* Shows a file chooser (GtkFileChooserNative) and decodes the chosen image. */
void              suyuan_image_input_choose        (SuyuanImageInput *self);
/* What the chooser and drops call: decodes in a worker thread. */
void              suyuan_image_input_open_file     (SuyuanImageInput *self,
                                                    GFile            *file);
void              suyuan_image_input_open_texture  (SuyuanImageInput *self,
                                                    GdkTexture       *texture);
/* Decodes the image on the clipboard, if there is one. */
void              suyuan_image_input_paste         (SuyuanImageInput *self);
/* Decodes under way (for tests and a busy indicator). */
guint             suyuan_image_input_get_n_busy    (SuyuanImageInput *self);

G_END_DECLS
