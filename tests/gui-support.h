/* gui-support.h — driving real windows under Xvfb: waiting, typing as a
 * keyboard-wedge scanner does (xdotool), and screenshots.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*GuiCondition) (gpointer data);

/* Iterates the main context until @cond holds or @timeout_ms passes. */
gboolean  gui_wait_until      (GuiCondition cond,
                               gpointer     data,
                               guint        timeout_ms);
void      gui_wait_ms         (guint        ms);
/* Types @text and Return into @window through the X server, as a scanner would. */
void      gui_scanner_type    (GtkWindow   *window,
                               const char  *text);
/* Types @text through the X server, one key every @delay_ms ("\n" is Return). */
void      gui_xdotool_type    (GtkWindow   *window,
                               const char  *text,
                               guint        delay_ms);
/* Presses @keys (xdotool syntax, e.g. "ctrl+q") in @window through the X server. */
void      gui_key             (GtkWindow   *window,
                               const char  *keys);
/* Whether @widget is mapped (a GuiCondition). */
gboolean  gui_widget_mapped   (gpointer     widget);
/* Gives @window a new default size and maps it anew (without a window
 * manager a mapped X window keeps its size); aborts unless it comes out
 * @width wide, within the client-side decoration's margins. */
void      gui_resize_window   (GtkWindow   *window,
                               int          width,
                               int          height);
/* Saves what @window shows now to $SUYUAN_SCREENSHOT_DIR/@name.png; returns the path. */
char     *gui_screenshot      (GtkWindow   *window,
                               const char  *name);

G_END_DECLS
