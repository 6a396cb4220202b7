/* suyuan-widget-children.c — tearing down widgets that hold children directly,
 * and the window a widget sits in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "suyuan-widget-children.h"

void
suyuan_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

GtkWindow *
suyuan_widget_get_window (GtkWidget *widget)
{
  GtkNative *native;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  native = gtk_widget_get_native (widget);
  return GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL;
}
