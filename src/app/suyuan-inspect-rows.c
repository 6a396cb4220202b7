/* suyuan-inspect-rows.c — rows of the Inspect page. Everything shown here
 * came from a scan, the store or a person: plain text only (use-markup off).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-rows.h"
#include "suyuan-widget-children.h"
#include "suyuan-inspect-page.h"
#include "suyuan-photo-window.h"

#include <glib/gi18n.h>

typedef struct {
  int seq;
  gboolean loading;                /* widgets being set from the model: no writes */
  guint n_photos;
  AdwComboRow *action_row;
  AdwEntryRow *notes_row;
  AdwActionRow *photos_row;
  SuyuanInspectItemChanged changed;
  gpointer user_data;
} ItemRow;

static ItemRow *
item_row (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "suyuan-item-row");
}

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

static void
level_look (SuyuanLevel  level,
            const char **icon,
            const char **css,
            const char **words)
{
  switch (level)
    {
    case SUYUAN_LEVEL_OK:
      *icon = "emblem-ok-symbolic", *css = "success", *words = _("OK");
      break;
    case SUYUAN_LEVEL_WARN:
      *icon = "dialog-warning-symbolic", *css = "warning", *words = _("Warning");
      break;
    case SUYUAN_LEVEL_STOP:
      *icon = "dialog-error-symbolic", *css = "error", *words = _("Must not be sold");
      break;
    case SUYUAN_LEVEL_UNKNOWN:
    default:
      *icon = "dialog-question-symbolic", *css = "dim-label", *words = _("Unknown code");
      break;
    }
}

static void
update_photos (ItemRow *data)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", data->n_photos),
                                           data->n_photos);

  adw_action_row_set_subtitle (data->photos_row, text);
}

static void
write_action (ItemRow *data)
{
  if (data->loading)
    return;
  data->changed (data->user_data, data->seq, (int) adw_combo_row_get_selected (data->action_row),
                 gtk_editable_get_text (GTK_EDITABLE (data->notes_row)), NULL);
}

static gboolean
on_photo (SuyuanPhotoWindow *window,
          const char        *path,
          GtkWidget         *row)
{
  return suyuan_inspect_item_row_attach (row, path);
}

GtkWindow *
suyuan_inspect_item_row_take_photo (GtkWidget *row)
{
  ItemRow *data = item_row (row);
  GtkWidget *page = gtk_widget_get_ancestor (row, SUYUAN_TYPE_INSPECT_PAGE);
  SuyuanInspection *inspection = page ? suyuan_inspect_page_get_inspection (SUYUAN_INSPECT_PAGE (page)) : NULL;
  /* <inspection uuid>-<seq>-<n>.png: the files say whose they are. */
  g_autofree char *name = g_strdup_printf ("%s-%d", inspection ? inspection->uuid : "inspection", data->seq);
  SuyuanPhotoWindow *window;

  window = suyuan_photo_window_new (suyuan_widget_get_window (row), name, data->n_photos + 1);
  suyuan_photo_window_set_subtitle (window, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_signal_connect_object (window, "photo", G_CALLBACK (on_photo), row, 0);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
on_attach_clicked (GtkWidget *button,
                   GtkWidget *row)
{
  suyuan_inspect_item_row_take_photo (row);
}

GtkWidget *
suyuan_inspect_item_row_new (const SuyuanInspectionItem *item,
                             gboolean                    editable,
                             SuyuanInspectItemChanged    changed,
                             gpointer                    user_data)
{
  GtkWidget *row = adw_expander_row_new ();
  ItemRow *data = g_new0 (ItemRow, 1);
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  const char *icon, *css, *words;
  GtkWidget *image, *button;

  data->seq = item->seq;
  data->changed = changed;
  data->user_data = user_data;
  data->n_photos = item->photos->len;
  g_object_set_data_full (G_OBJECT (row), "suyuan-item-row", data, g_free);

  level_look (item->level, &icon, &css, &words);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 item->summary && item->summary[0] ? item->summary : item->code);
  subtitle = g_strdup_printf ("%d · %s%s%s", item->seq, words,
                              item->findings && item->findings[0] ? " — " : "",
                              item->findings ? item->findings : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  image = gtk_image_new_from_icon_name (icon);
  gtk_widget_add_css_class (image, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), image);

  for (int i = 0; i < SUYUAN_N_ACTIONS; i++)
    gtk_string_list_append (actions, suyuan_inspection_action_label (i));
  data->action_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->action_row), _("Action"));
  adw_combo_row_set_model (data->action_row, G_LIST_MODEL (actions));
  adw_combo_row_set_selected (data->action_row, item->action);
  g_signal_connect_swapped (data->action_row, "notify::selected", G_CALLBACK (write_action), data);

  data->notes_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->notes_row), _("Notes"));
  adw_entry_row_set_show_apply_button (data->notes_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (data->notes_row), item->notes ? item->notes : "");
  g_signal_connect_swapped (data->notes_row, "apply", G_CALLBACK (write_action), data);

  data->photos_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->photos_row), _("Photos"));
  update_photos (data);
  button = gtk_button_new_from_icon_name ("camera-photo-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Take or attach a photo"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_attach_clicked), row);
  adw_action_row_add_suffix (data->photos_row, button);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (data->action_row));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (data->notes_row));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (data->photos_row));
  gtk_widget_set_sensitive (GTK_WIDGET (data->action_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (data->notes_row), editable);
  gtk_widget_set_sensitive (button, editable);
  return row;
}

int
suyuan_inspect_item_row_get_seq (GtkWidget *row)
{
  return item_row (row)->seq;
}

gboolean
suyuan_inspect_item_row_set (GtkWidget              *row,
                             SuyuanInspectionAction  action,
                             const char             *notes)
{
  ItemRow *data = item_row (row);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  data->loading = TRUE;
  adw_combo_row_set_selected (data->action_row, action);
  gtk_editable_set_text (GTK_EDITABLE (data->notes_row), notes ? notes : "");
  data->loading = FALSE;
  /* What the notes' apply button does: both values written at once. */
  return data->changed (data->user_data, data->seq, (int) action, notes, NULL);
}

gboolean
suyuan_inspect_item_row_attach (GtkWidget  *row,
                                const char *path)
{
  ItemRow *data = item_row (row);

  if (!data->changed (data->user_data, data->seq, 0, NULL, path))
    return FALSE;
  data->n_photos++;
  update_photos (data);
  return TRUE;
}
