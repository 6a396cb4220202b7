/* suyuan-check-page.h — Check (检查): scan a code, see the verdict.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "store.h"
#include "verdict.h"
#include "suyuan-verdict-banner.h"
#include "suyuan-trace-view.h"
#include "suyuan-alert-list.h"
#include "suyuan-camera-view.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_CHECK_PAGE (suyuan_check_page_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanCheckPage, suyuan_check_page, SUYUAN, CHECK_PAGE, GtkWidget)

void  suyuan_check_page_set_store (SuyuanCheckPage *self,
                                   SuyuanStore     *store);
/* Where to ask about codes the store does not know: the store file (the
 * question gets its own connection) and the server (NULL: none). */
void  suyuan_check_page_set_server (SuyuanCheckPage *self,
                                    const char      *store_path,
                                    const char      *server_url);
/* Judges one raw input as if it had been scanned: at once from the store,
 * then again when the server answers for a code the store does not know. */
void  suyuan_check_page_check     (SuyuanCheckPage *self,
                                   const char      *input);
void  suyuan_check_page_focus_entry (SuyuanCheckPage *self);
/* From the preferences: near-expiry thresholds, and what a keyboard-wedge
 * scanner types for GS. */
void  suyuan_check_page_set_verdict_settings (SuyuanCheckPage             *self,
                                              const SuyuanVerdictSettings *settings);
/* Text a hand scanner types for GS in the entry (e.g. "~" or "<GS>"); NULL: none. */
void  suyuan_check_page_set_gs_substitute    (SuyuanCheckPage *self,
                                              const char      *substitute);
SuyuanVerdictBanner *suyuan_check_page_get_banner (SuyuanCheckPage *self);
SuyuanTraceView     *suyuan_check_page_get_trace_view (SuyuanCheckPage *self);
SuyuanAlertList     *suyuan_check_page_get_alert_list (SuyuanCheckPage *self);
/* The level of the last verdict shown. */
SuyuanLevel suyuan_check_page_get_level (SuyuanCheckPage *self);
SuyuanCameraView *suyuan_check_page_get_camera_view (SuyuanCheckPage *self);
/* Shows or hides the live camera (the camera runs only while shown). */
void        suyuan_check_page_show_camera (SuyuanCheckPage *self,
                                           gboolean         show);

G_END_DECLS
