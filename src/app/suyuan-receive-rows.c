/* suyuan-receive-rows.c — see suyuan-receive-rows.h. Everything shown came
 * from the store or a scan: plain text only (rows are use-markup=FALSE).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-receive-rows.h"

#include <glib/gi18n.h>

static char *
format_date (guint32 date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (date == 0)
    return g_strdup ("—");
  dt = g_date_time_new_local (date / 10000, date / 100 % 100, date % 100, 0, 0, 0);
  /* Translators: a date as your locale writes it (strftime); zh_CN: %Y年%-m月%-d日 */
  return dt ? g_date_time_format (dt, _("%Y-%m-%d")) : g_strdup ("—");
}

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

static void
append_flags (GString *words,
              guint    flags)
{
  static const struct { guint flag; const char *text; } names[] = {
    { SUYUAN_RECEIPT_FLAG_EXPIRED, N_("Expired") },
    { SUYUAN_RECEIPT_FLAG_NEAR_EXPIRY, N_("Near expiry") },
    { SUYUAN_RECEIPT_FLAG_UNQUALIFIED, N_("Failed sampling") },
    { SUYUAN_RECEIPT_FLAG_RECALLED, N_("Recalled") },
    { SUYUAN_RECEIPT_FLAG_HELD, N_("Held") },
    { SUYUAN_RECEIPT_FLAG_DUPLICATED, N_("Duplicated code") },
    { SUYUAN_RECEIPT_FLAG_OTHER, N_("Must not be accepted") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].flag)
      g_string_append_printf (words, " · %s", _(names[i].text));
}

static const char *
state_icon (const SuyuanReceiptLine *line)
{
  if (line->rejected)
    return "action-unavailable-symbolic";
  if (line->level == SUYUAN_LEVEL_STOP)
    return "process-stop-symbolic";
  if (line->flags != 0 || suyuan_receipt_line_state (line) != SUYUAN_RECEIPT_MATCHED)
    return "dialog-warning-symbolic";
  return "emblem-ok-symbolic";
}

static const char *
state_class (const SuyuanReceiptLine *line)
{
  if (line->rejected)
    return "receipt-rejected";
  if (line->level == SUYUAN_LEVEL_STOP)
    return "receipt-stop";
  if (line->flags != 0 || suyuan_receipt_line_state (line) != SUYUAN_RECEIPT_MATCHED)
    return "receipt-warn";
  return "receipt-ok";
}

GtkWidget *
suyuan_receive_row_new (const SuyuanReceiptLine *line,
                        guint                    index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count, *reject, *icon;
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *expiry = format_date (line->expiry);
  g_autofree char *count_text = NULL;
  g_autofree char *head = NULL;
  SuyuanReceiptState state = suyuan_receipt_line_state (line);

  title = line->spec ? g_strdup_printf ("%s  %s", line->product_name, line->spec) : g_strdup (line->product_name);
  if (state == SUYUAN_RECEIPT_MATCHED)
    g_string_append (words, _("Matched"));
  else if (state == SUYUAN_RECEIPT_MISSING)
    g_string_append_printf (words, _("Missing %u"), line->expected - line->received);
  else if (line->expected == 0)
    g_string_append (words, _("Not in the shipment"));
  else
    g_string_append_printf (words, _("Extra %u"), line->received - line->expected);
  append_flags (words, line->flags);
  if (line->rejected)
    g_string_append_printf (words, " · %s: %s", _("Rejected"), line->reject_reason);
  /* Translators: a tally line starts with the lot and the expiry date */
  head = g_strdup_printf (_("Lot %s · expires %s"), line->lot ? line->lot : "—", expiry);
  g_string_prepend (words, " · ");
  g_string_prepend (words, head);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), words->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  icon = gtk_image_new_from_icon_name (state_icon (line));
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  count_text = line->expected ? g_strdup_printf ("%u / %u", line->received, line->expected)
                              : g_strdup_printf ("%u", line->received);
  count = gtk_label_new (count_text);
  gtk_widget_add_css_class (count, "receipt-count");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  reject = gtk_button_new_with_label (line->rejected ? _("Accept") : _("Reject…"));
  gtk_widget_set_valign (reject, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reject, "touch-target");
  /* Only goods that must not come in get the loud button. */
  if (!line->rejected && line->level == SUYUAN_LEVEL_STOP)
    gtk_widget_add_css_class (reject, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reject), "receive.reject");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (reject), "i", (gint32) index);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reject);

  gtk_widget_add_css_class (row, state_class (line));
  g_object_set_data_full (G_OBJECT (row), "receive-text",
                          g_strdup_printf ("%s | %s | %s", title, words->str, count_text), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  g_object_get_data (G_OBJECT (row), "receive-text"), -1);
  return row;
}

char *
suyuan_receive_row_dup_text (GtkListBoxRow *row)
{
  return g_strdup (g_object_get_data (G_OBJECT (row), "receive-text"));
}
