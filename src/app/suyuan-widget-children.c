/* suyuan-widget-children.c — tearing down widgets that hold children directly.
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
