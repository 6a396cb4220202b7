/* suyuan-inspect-rows.c — a business to inspect, as the Inspect page lists
 * it. Everything shown came from the store: plain text only (use-markup off).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-rows.h"

#include <glib/gi18n.h>

GtkWidget *
suyuan_inspect_business_row_new (const SuyuanInspectionTask *business)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), business->party_name);
  if (business->due_date != NULL)
    subtitle = g_strdup_printf (_("Licence %s · due %s"), business->licence_no ? business->licence_no : "—",
                                business->due_date);
  else
    subtitle = g_strdup_printf (_("Licence %s"), business->licence_no ? business->licence_no : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "touch-target");
  return row;
}
