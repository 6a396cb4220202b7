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
/* Says that --server or $SUYUAN_SERVER (@source) chose @url for this run,
 * so the address entered here waits until it is not set. */
void                     suyuan_preferences_window_set_server_override (SuyuanPreferencesWindow *self,
                                                                        const char              *url,
                                                                        const char              *source);
const char              *suyuan_preferences_window_get_server_note (SuyuanPreferencesWindow *self);
/* What the PIN row's apply button does; FALSE (and a toast) when @pin is unfit. */
gboolean                 suyuan_preferences_window_set_pin (SuyuanPreferencesWindow *self,
                                                            const char              *pin);
/* The resolver row's text: where printed codes point, or the placeholder warning. */
const char              *suyuan_preferences_window_get_resolver_text (SuyuanPreferencesWindow *self);

void                     suyuan_preferences_window_set_resolver (SuyuanPreferencesWindow *self,
                                                                 const char              *resolver);
/* The Server group's words for what the terminal holds: the scope ("Scope:
 * whole province"), its units ("120 units on this terminal"), and the note
 * that the last sync found the scope changed (NULL when it is hidden). */
const char              *suyuan_preferences_window_get_scope_text (SuyuanPreferencesWindow *self);
const char              *suyuan_preferences_window_get_units_text (SuyuanPreferencesWindow *self);
const char              *suyuan_preferences_window_get_scope_changed_text
                                                           (SuyuanPreferencesWindow *self);
G_END_DECLS
