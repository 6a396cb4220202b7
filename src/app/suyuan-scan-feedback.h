/* suyuan-scan-feedback.h — a beep and a flash on every scan; an alarm on STOP.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "verdict.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_SCAN_FEEDBACK (suyuan_scan_feedback_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanScanFeedback, suyuan_scan_feedback, SUYUAN, SCAN_FEEDBACK, GObject)

SuyuanScanFeedback *suyuan_scan_feedback_new   (void);
/* Flashes @target (CSS class "scan-flash", or "scan-flash-stop") and plays the
 * scan beep, or the alarm for @level STOP. Sound is best effort: with no audio
 * device nothing fails and nothing waits. */
void                suyuan_scan_feedback_give  (SuyuanScanFeedback *self,
                                                GtkWidget          *target,
                                                SuyuanLevel         level);
/* Sound on or off (on by default); the flash is always given. */
void                suyuan_scan_feedback_set_sound (SuyuanScanFeedback *self,
                                                    gboolean            sound);
gboolean            suyuan_scan_feedback_get_sound (SuyuanScanFeedback *self);
/* Follows the "sound" key of @settings live. */
void                suyuan_scan_feedback_bind_settings (SuyuanScanFeedback *self,
                                                        GSettings          *settings);
/* How many sounds were started (played or not): for tests. */
guint               suyuan_scan_feedback_get_n_sounds (SuyuanScanFeedback *self);

G_END_DECLS
