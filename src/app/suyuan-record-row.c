/* suyuan-record-row.c — a Records row: its record's UUID and kind as
 * properties (the page opens the record from them), the sync state as an
 * icon with words for screen readers.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-record-row.h"

#include <glib/gi18n.h>

struct _SuyuanRecordRow {
  AdwActionRow parent_instance;

  char *uuid;
  char *kind;
  gboolean synced;

  GtkImage *sync_icon;
};

G_DEFINE_FINAL_TYPE (SuyuanRecordRow, suyuan_record_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_UUID,
  PROP_KIND,
  PROP_SYNCED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_icon (SuyuanRecordRow *self)
{
  const char *words = self->synced ? _("Synced") : _("Waiting to sync");

  gtk_image_set_from_icon_name (self->sync_icon, self->synced ? "emblem-ok-symbolic"
                                                              : "emblem-synchronizing-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_icon), words);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
}

static void
suyuan_record_row_finalize (GObject *object)
{
  SuyuanRecordRow *self = SUYUAN_RECORD_ROW (object);

  g_free (self->uuid);
  g_free (self->kind);
  G_OBJECT_CLASS (suyuan_record_row_parent_class)->finalize (object);
}

static void
suyuan_record_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SuyuanRecordRow *self = SUYUAN_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_SYNCED:
      g_value_set_boolean (value, self->synced);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_record_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SuyuanRecordRow *self = SUYUAN_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_free (self->uuid);
      self->uuid = g_value_dup_string (value);
      break;
    case PROP_KIND:
      g_free (self->kind);
      self->kind = g_value_dup_string (value);
      break;
    case PROP_SYNCED:
      if (self->synced == g_value_get_boolean (value))
        return;
      self->synced = g_value_get_boolean (value);
      update_icon (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
suyuan_record_row_class_init (SuyuanRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = suyuan_record_row_finalize;
  object_class->get_property = suyuan_record_row_get_property;
  object_class->set_property = suyuan_record_row_set_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCED] = g_param_spec_boolean ("synced", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordRow, sync_icon);
}

static void
suyuan_record_row_init (SuyuanRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_icon (self);
}

GtkWidget *
suyuan_record_row_new (const char *uuid,
                       const char *kind,
                       gboolean    synced)
{
  return g_object_new (SUYUAN_TYPE_RECORD_ROW, "uuid", uuid, "kind", kind, "synced", synced, NULL);
}

const char *
suyuan_record_row_get_uuid (SuyuanRecordRow *self)
{
  g_return_val_if_fail (SUYUAN_IS_RECORD_ROW (self), NULL);
  return self->uuid;
}

const char *
suyuan_record_row_get_kind (SuyuanRecordRow *self)
{
  g_return_val_if_fail (SUYUAN_IS_RECORD_ROW (self), NULL);
  return self->kind;
}

gboolean
suyuan_record_row_get_synced (SuyuanRecordRow *self)
{
  g_return_val_if_fail (SUYUAN_IS_RECORD_ROW (self), FALSE);
  return self->synced;
}
