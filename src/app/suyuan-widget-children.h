/* suyuan-widget-children.h — tearing down widgets that hold children directly,
 * and the window a widget sits in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Unparents every child of @widget. GTK 4.8's gtk_widget_dispose_template()
 * leaves a template's unnamed top child and rows added at run time in place,
 * and GTK warns when a widget is finalized with children left. */
void       suyuan_widget_unparent_children (GtkWidget *widget);
/* The window @widget is shown in, as a dialog's parent (borrowed), or NULL.
 * Only a GtkWindow: a page reports to the app window by signal or action
 * (win.toast …), never by reaching for it. */
GtkWindow *suyuan_widget_get_window        (GtkWidget *widget);

G_END_DECLS
