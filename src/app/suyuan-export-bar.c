/* suyuan-export-bar.c — an export running in the background: how far it is,
 * and a button to cancel it; a toast names the file when it is done. The
 * writing happens in suyuan_export_file_async ()'s worker thread, so the
 * window keeps drawing and taking scans on a store of millions of events.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-export-bar.h"
#include "suyuan-widget-children.h"

#include <glib/gi18n.h>

struct _SuyuanExportBar {
  GtkWidget parent_instance;

  GCancellable *cancellable;      /* while running */
  char *path;                     /* while running */
  double fraction;
  char *message;                  /* how the last export ended */

  GtkLabel *label;
};

G_DEFINE_FINAL_TYPE (SuyuanExportBar, suyuan_export_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_fraction (SuyuanExportBar *self,
              double           fraction)
{
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  SuyuanExportBar *self = data;
  g_autofree char *text = NULL;

  /* Translators: an export under way: events written of all events */
  text = g_strdup_printf (_("Exporting… %u of %u events"), done, total);
  gtk_label_set_text (self->label, text);
  set_fraction (self, total > 0 ? (double) done / total : 1.0);
}

/* The toast is the one the window shows for every page (win.toast). */
static void
finish (SuyuanExportBar *self,
        char            *message)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);
  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
  g_free (self->message);
  self->message = message;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(SuyuanExportBar) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (self->path);
  guint n = 0;

  if (suyuan_export_file_finish (result, &n, &error))
    /* Translators: the export finished: how many events, the file's name */
    finish (self, g_strdup_printf (ngettext ("Exported %u event to “%s”",
                                             "Exported %u events to “%s”", n), n, name));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    finish (self, g_strdup (_("Export cancelled: no file was written")));
  else
    finish (self, g_strdup_printf (_("Export failed: %s"), error->message));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  suyuan_export_bar_cancel (SUYUAN_EXPORT_BAR (widget));
}

/* The window closes: the export stops with it (the worker's reference keeps
 * the bar from being disposed, so this is where it hears of it). */
static void
suyuan_export_bar_unroot (GtkWidget *widget)
{
  g_cancellable_cancel (SUYUAN_EXPORT_BAR (widget)->cancellable);
  GTK_WIDGET_CLASS (suyuan_export_bar_parent_class)->unroot (widget);
}

static void
suyuan_export_bar_dispose (GObject *object)
{
  SuyuanExportBar *self = SUYUAN_EXPORT_BAR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUYUAN_TYPE_EXPORT_BAR);
  suyuan_widget_unparent_children (GTK_WIDGET (self));
  G_OBJECT_CLASS (suyuan_export_bar_parent_class)->dispose (object);
}

static void
suyuan_export_bar_finalize (GObject *object)
{
  SuyuanExportBar *self = SUYUAN_EXPORT_BAR (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->message);
  G_OBJECT_CLASS (suyuan_export_bar_parent_class)->finalize (object);
}

static void
suyuan_export_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SuyuanExportBar *self = SUYUAN_EXPORT_BAR (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, suyuan_export_bar_get_running (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_export_bar_class_init (SuyuanExportBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_export_bar_dispose;
  object_class->finalize = suyuan_export_bar_finalize;
  object_class->get_property = suyuan_export_bar_get_property;
  widget_class->unroot = suyuan_export_bar_unroot;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the last export's toast said. */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suyuan/Suyuan/suyuan-export-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanExportBar, label);
  gtk_widget_class_install_action (widget_class, "export-bar.cancel", NULL, cancel_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_export_bar_init (SuyuanExportBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

gboolean
suyuan_export_bar_start (SuyuanExportBar     *self,
                         SuyuanStore         *store,
                         const char          *path,
                         SuyuanExportFormat   format,
                         GError             **error)
{
  g_return_val_if_fail (SUYUAN_IS_EXPORT_BAR (self), FALSE);
  g_return_val_if_fail (store != NULL && path != NULL, FALSE);
  if (self->cancellable != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("An export is still running: wait for it or cancel it first"));
      return FALSE;
    }
  self->cancellable = g_cancellable_new ();
  self->path = g_strdup (path);
  gtk_label_set_text (self->label, _("Exporting…"));
  set_fraction (self, 0.0);
  /* Closing the window cancels; the app stays until the partial file is gone. */
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
  suyuan_export_file_async (store, path, format, self->cancellable, on_progress, self, on_exported,
                            g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

void
suyuan_export_bar_cancel (SuyuanExportBar *self)
{
  g_return_if_fail (SUYUAN_IS_EXPORT_BAR (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
suyuan_export_bar_get_running (SuyuanExportBar *self)
{
  g_return_val_if_fail (SUYUAN_IS_EXPORT_BAR (self), FALSE);
  return self->cancellable != NULL;
}

double
suyuan_export_bar_get_fraction (SuyuanExportBar *self)
{
  g_return_val_if_fail (SUYUAN_IS_EXPORT_BAR (self), 0.0);
  return self->fraction;
}
