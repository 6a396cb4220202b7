/* suyuan-inspect-item-row.c — one product scanned during an inspection.
 * Everything shown came from a scan, the store or a person: plain text only
 * (use-markup off). The row saves nothing itself: it says "changed".
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-item-row.h"
#include "suyuan-save-mark.h"
#include "suyuan-inspect-page.h"
#include "suyuan-photo-window.h"
#include "suyuan-widget-children.h"

#include <glib/gi18n.h>

struct _SuyuanInspectItemRow {
  AdwExpanderRow parent_instance;

  int seq;
  SuyuanLevel level;
  gboolean editable;
  guint n_photos;
  gboolean loading;                /* widgets being set from the model: no writes */
  SuyuanSaveMark save_mark;

  GtkImage *level_icon;
  AdwComboRow *action_row;
  AdwEntryRow *notes_row;
  AdwActionRow *photos_row;
  GtkLabel *save_label;
};

G_DEFINE_FINAL_TYPE (SuyuanInspectItemRow, suyuan_inspect_item_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_LEVEL,
  PROP_EDITABLE,
  PROP_ACTION,
  PROP_NOTES,
  PROP_N_PHOTOS,
  PROP_SAVED,
  PROP_SAVE_TEXT,
  N_PROPS
};

enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
update_photos (SuyuanInspectItemRow *self)
{
  const char *format = g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", self->n_photos);
  g_autofree char *text = g_strdup_printf (format, self->n_photos);

  adw_action_row_set_subtitle (self->photos_row, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHOTOS]);
}

static gboolean
emit_changed (SuyuanInspectItemRow *self,
              int                   action,
              const char           *notes,
              const char           *photo)
{
  gboolean kept = FALSE;

  g_signal_emit (self, signals[CHANGED], 0, action, notes, photo, &kept);
  return kept;
}

static void
on_action_selected (SuyuanInspectItemRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION]);
  if (!self->loading)
    emit_changed (self, (int) adw_combo_row_get_selected (self->action_row),
                  gtk_editable_get_text (GTK_EDITABLE (self->notes_row)), NULL);
}

static void
on_notes_applied (SuyuanInspectItemRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  emit_changed (self, (int) adw_combo_row_get_selected (self->action_row),
                gtk_editable_get_text (GTK_EDITABLE (self->notes_row)), NULL);
}

static gboolean
on_photo (SuyuanPhotoWindow    *window,
          const char           *path,
          SuyuanInspectItemRow *self)
{
  return suyuan_inspect_item_row_attach (self, path);
}

static void
on_camera_clicked (SuyuanInspectItemRow *self)
{
  suyuan_inspect_item_row_take_photo (self);
}

static void
set_item (SuyuanInspectItemRow       *self,
          const SuyuanInspectionItem *item)
{
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  const char *icon, *css, *words;

  self->seq = item->seq;
  self->level = item->level;
  self->n_photos = item->photos->len;
  level_look (item->level, &icon, &css, &words);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 item->summary && item->summary[0] ? item->summary : item->code);
  subtitle = g_strdup_printf ("%d · %s%s%s", item->seq, words,
                              item->findings && item->findings[0] ? " — " : "",
                              item->findings ? item->findings : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_image_set_from_icon_name (self->level_icon, icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->level_icon), css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  words, -1);

  self->loading = TRUE;
  for (int i = 0; i < SUYUAN_N_ACTIONS; i++)
    gtk_string_list_append (actions, suyuan_inspection_action_label (i));
  adw_combo_row_set_model (self->action_row, G_LIST_MODEL (actions));
  adw_combo_row_set_selected (self->action_row, item->action);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), item->notes ? item->notes : "");
  self->loading = FALSE;
  update_photos (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEQ]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  suyuan_inspect_item_row_update_saved (self, item);
}

static void
suyuan_inspect_item_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_INSPECT_ITEM_ROW);
  G_OBJECT_CLASS (suyuan_inspect_item_row_parent_class)->dispose (object);
}

static void
suyuan_inspect_item_row_finalize (GObject *object)
{
  suyuan_save_mark_clear (&SUYUAN_INSPECT_ITEM_ROW (object)->save_mark);
  G_OBJECT_CLASS (suyuan_inspect_item_row_parent_class)->finalize (object);
}

static void
suyuan_inspect_item_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SuyuanInspectItemRow *self = SUYUAN_INSPECT_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int (value, self->seq);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    case PROP_ACTION:
      g_value_set_int (value, (int) adw_combo_row_get_selected (self->action_row));
      break;
    case PROP_NOTES:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->save_mark.saved);
      break;
    case PROP_SAVE_TEXT:
      g_value_set_string (value, self->save_mark.text);
      break;
    case PROP_N_PHOTOS:
      g_value_set_uint (value, self->n_photos);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_inspect_item_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SuyuanInspectItemRow *self = SUYUAN_INSPECT_ITEM_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      self->editable = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_inspect_item_row_class_init (SuyuanInspectItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = suyuan_inspect_item_row_dispose;
  object_class->finalize = suyuan_inspect_item_row_finalize;
  object_class->get_property = suyuan_inspect_item_row_get_property;
  object_class->set_property = suyuan_inspect_item_row_set_property;

  properties[PROP_SEQ] = g_param_spec_int ("seq", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, G_MININT, G_MAXINT, 0, ro);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] = g_param_spec_int ("action", NULL, NULL, 0, G_MAXINT, 0, ro);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, ro);
  properties[PROP_N_PHOTOS] = g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* The item as shown is committed to the store. */
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, ro);
  /* "Saving…", "Not saved" or empty when saved. */
  properties[PROP_SAVE_TEXT] = g_param_spec_string ("save-text", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   g_signal_accumulator_first_wins, NULL, NULL,
                                   G_TYPE_BOOLEAN, 3, G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suyuan/Suyuan/suyuan-inspect-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectItemRow, level_icon);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectItemRow, action_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectItemRow, notes_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectItemRow, photos_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectItemRow, save_label);
  gtk_widget_class_bind_template_callback (widget_class, on_action_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_camera_clicked);
}

static void
suyuan_inspect_item_row_init (SuyuanInspectItemRow *self)
{
  self->loading = TRUE;            /* until set_item () filled it in */
  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
suyuan_inspect_item_row_new (const SuyuanInspectionItem *item,
                             gboolean                    editable)
{
  SuyuanInspectItemRow *self;

  g_return_val_if_fail (item != NULL, NULL);
  self = g_object_new (SUYUAN_TYPE_INSPECT_ITEM_ROW, "editable", editable, NULL);
  set_item (self, item);
  return GTK_WIDGET (self);
}

void
suyuan_inspect_item_row_update_saved (SuyuanInspectItemRow       *self,
                                      const SuyuanInspectionItem *item)
{
  g_return_if_fail (item != NULL);
  suyuan_save_mark_update (&self->save_mark, G_OBJECT (self), properties[PROP_SAVED],
                           properties[PROP_SAVE_TEXT], GTK_WIDGET (self->save_label),
                           suyuan_inspection_item_is_saved (item), item->save_failed);
}

int
suyuan_inspect_item_row_get_seq (SuyuanInspectItemRow *self)
{
  g_return_val_if_fail (SUYUAN_IS_INSPECT_ITEM_ROW (self), -1);
  return self->seq;
}

gboolean
suyuan_inspect_item_row_set (SuyuanInspectItemRow   *self,
                             SuyuanInspectionAction  action,
                             const char             *notes)
{
  g_return_val_if_fail (SUYUAN_IS_INSPECT_ITEM_ROW (self), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  self->loading = TRUE;
  adw_combo_row_set_selected (self->action_row, action);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), notes ? notes : "");
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  /* What the notes' apply button does: both values written at once. */
  return emit_changed (self, (int) action, notes, NULL);
}

gboolean
suyuan_inspect_item_row_attach (SuyuanInspectItemRow *self,
                                const char           *path)
{
  g_return_val_if_fail (SUYUAN_IS_INSPECT_ITEM_ROW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  if (!emit_changed (self, 0, NULL, path))
    return FALSE;
  self->n_photos++;
  update_photos (self);
  return TRUE;
}

GtkWindow *
suyuan_inspect_item_row_take_photo (SuyuanInspectItemRow *self)
{
  GtkWidget *page;
  SuyuanInspection *inspection;
  g_autofree char *name = NULL;
  SuyuanPhotoWindow *window;

  g_return_val_if_fail (SUYUAN_IS_INSPECT_ITEM_ROW (self), NULL);
  page = gtk_widget_get_ancestor (GTK_WIDGET (self), SUYUAN_TYPE_INSPECT_PAGE);
  inspection = page ? suyuan_inspect_page_get_inspection (SUYUAN_INSPECT_PAGE (page)) : NULL;
  /* <inspection uuid>-<seq>-<n>.png: the files say whose they are. */
  name = g_strdup_printf ("%s-%d", inspection ? inspection->uuid : "inspection", self->seq);
  window = suyuan_photo_window_new (suyuan_widget_get_window (GTK_WIDGET (self)), name,
                                    self->n_photos + 1);
  suyuan_photo_window_set_subtitle (window,
                                    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  g_signal_connect_object (window, "photo", G_CALLBACK (on_photo), self, 0);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
