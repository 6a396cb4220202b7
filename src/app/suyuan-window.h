/* suyuan-window.h — the main window: Check, and later Receive, Labels, Records.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "suyuan-application.h"
#include "suyuan-check-page.h"
#include "suyuan-pin-dialog.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_WINDOW (suyuan_window_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanWindow, suyuan_window, SUYUAN, WINDOW, AdwApplicationWindow)

SuyuanWindow    *suyuan_window_new            (SuyuanApplication *app);
SuyuanCheckPage *suyuan_window_get_check_page (SuyuanWindow      *self);
const char      *suyuan_window_get_sync_text  (SuyuanWindow      *self);
/* The admin PIN dialog while one is open (kiosk mode), else NULL. */
SuyuanPinDialog *suyuan_window_get_pin_dialog (SuyuanWindow      *self);

G_END_DECLS
