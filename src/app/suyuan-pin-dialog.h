/* suyuan-pin-dialog.h — asks for the admin PIN before leaving kiosk mode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SUYUAN_TYPE_PIN_DIALOG (suyuan_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanPinDialog, suyuan_pin_dialog, SUYUAN, PIN_DIALOG, AdwMessageDialog)

/* Emits "checked" (gboolean right) when the user answers; nothing on cancel. */
SuyuanPinDialog *suyuan_pin_dialog_new    (GtkWindow       *parent,
                                           const char      *stored_hash);
/* Types @pin and presses Unlock, as a user would (for tests and scripts). */
void             suyuan_pin_dialog_submit (SuyuanPinDialog *self,
                                           const char      *pin);

G_END_DECLS
