/* suyuan-preferences-window.h — the preferences, bound to GSettings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SUYUAN_TYPE_PREFERENCES_WINDOW (suyuan_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanPreferencesWindow, suyuan_preferences_window, SUYUAN, PREFERENCES_WINDOW, AdwPreferencesWindow)

SuyuanPreferencesWindow *suyuan_preferences_window_new     (GtkWindow               *parent,
                                                            GSettings               *settings);
/* What the PIN row's apply button does; FALSE (and a toast) when @pin is unfit. */
gboolean                 suyuan_preferences_window_set_pin (SuyuanPreferencesWindow *self,
                                                            const char              *pin);
/* The resolver row's text: where printed codes point, or the placeholder warning. */
const char              *suyuan_preferences_window_get_resolver_text (SuyuanPreferencesWindow *self);

G_END_DECLS
