/* suyuan-window.h — the main window: Check, and later Receive, Labels, Records.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "suyuan-application.h"
#include "suyuan-check-page.h"
#include "suyuan-image-input.h"
#include "suyuan-scan-feedback.h"
#include "suyuan-wedge-input.h"
#include "suyuan-labels-page.h"
#include "suyuan-pin-dialog.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_WINDOW (suyuan_window_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanWindow, suyuan_window, SUYUAN, WINDOW, AdwApplicationWindow)

SuyuanWindow    *suyuan_window_new            (SuyuanApplication *app);
SuyuanCheckPage *suyuan_window_get_check_page (SuyuanWindow      *self);
SuyuanLabelsPage *suyuan_window_get_labels_page (SuyuanWindow     *self);
const char      *suyuan_window_get_sync_text  (SuyuanWindow      *self);
/* Shows the sync state anew ("Synced 10:42 · 3 waiting"): call it after
 * adding records to the outbox. */
void             suyuan_window_update_sync_state (SuyuanWindow   *self);
/* Every scan (hand scanner, camera, image, win.scan) comes here. It emits
 * "scan" (const char *payload) → gboolean: a page that handles scans itself
 * returns TRUE and calls suyuan_window_feedback(); otherwise the Check page
 * judges it, with beep and flash. */
void             suyuan_window_scanned        (SuyuanWindow      *self,
                                               const char        *payload);
/* Beep and flash @target; the alarm for STOP. */
void             suyuan_window_feedback       (SuyuanWindow      *self,
                                               GtkWidget         *target,
                                               SuyuanLevel        level);
void             suyuan_window_toast          (SuyuanWindow      *self,
                                               const char        *text);
SuyuanScanFeedback *suyuan_window_get_scan_feedback (SuyuanWindow *self);
SuyuanWedgeInput   *suyuan_window_get_wedge_input   (SuyuanWindow *self);
SuyuanImageInput   *suyuan_window_get_image_input   (SuyuanWindow *self);
/* The admin PIN dialog while one is open (kiosk mode), else NULL. */
SuyuanPinDialog *suyuan_window_get_pin_dialog (SuyuanWindow      *self);

G_END_DECLS
