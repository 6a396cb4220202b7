/* suyuan-receive-rows.c — a shipment waiting to be received. Everything
 * shown came from the store: plain text only (use-markup off).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-receive-rows.h"

#include <glib/gi18n.h>

GtkWidget *
suyuan_receive_shipment_row_new (const SuyuanShipment *shipment)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (shipment->time, NULL);

  when = dt ? g_date_time_format (dt, _("%Y-%m-%d %H:%M")) : g_strdup (shipment->time);
  /* Translators: a shipment: when it left, how many product lines and items */
  subtitle = g_strdup_printf (_("Shipped %s · %u products, %u items"), when, shipment->n_lines, shipment->n_items);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shipment->supplier_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "touch-target");
  return row;
}
