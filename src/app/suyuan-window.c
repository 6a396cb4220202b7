/* suyuan-window.c — pages in a view stack, sync state always in sight.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-window.h"
#include "suyuan-labels-page.h"

#include <glib/gi18n.h>

struct _SuyuanWindow {
  AdwApplicationWindow parent_instance;

  AdwViewStack *stack;
  SuyuanCheckPage *check_page;
  SuyuanLabelsPage *labels_page;
  GtkLabel *sync_label;
  GtkButton *sync_button;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (SuyuanWindow, suyuan_window, ADW_TYPE_APPLICATION_WINDOW)

static void
on_sync_started (SuyuanApplication *app,
                 SuyuanWindow      *self)
{
  gtk_label_set_text (self->sync_label, _("Syncing…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), FALSE);
}

static void
on_sync_finished (SuyuanApplication *app,
                  gint64             n_changes,
                  const char        *error_message,
                  SuyuanWindow      *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), TRUE);
  if (error_message != NULL)
    {
      g_autofree char *toast = g_strdup_printf (_("Sync failed: %s. Records are kept and sent later."), error_message);

      gtk_label_set_text (self->sync_label, _("Offline"));
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (toast));
      return;
    }
  text = g_strdup_printf (_("Synced %s"), time);
  gtk_label_set_text (self->sync_label, text);
}

SuyuanWindow *
suyuan_window_new (SuyuanApplication *app)
{
  SuyuanWindow *self = g_object_new (SUYUAN_TYPE_WINDOW, "application", app, NULL);

  suyuan_check_page_set_store (self->check_page, suyuan_application_get_store (app));
  suyuan_labels_page_set_store (self->labels_page, suyuan_application_get_store (app));
  if (suyuan_application_get_server (app) == NULL)
    {
      gtk_label_set_text (self->sync_label, _("No server"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), FALSE);
    }
  g_signal_connect_object (app, "sync-started", G_CALLBACK (on_sync_started), self, 0);
  g_signal_connect_object (app, "sync-finished", G_CALLBACK (on_sync_finished), self, 0);
  suyuan_check_page_focus_entry (self->check_page);
  return self;
}

SuyuanCheckPage *
suyuan_window_get_check_page (SuyuanWindow *self)
{
  return self->check_page;
}

SuyuanLabelsPage *
suyuan_window_get_labels_page (SuyuanWindow *self)
{
  return self->labels_page;
}

const char *
suyuan_window_get_sync_text (SuyuanWindow *self)
{
  return gtk_label_get_text (self->sync_label);
}

static void
suyuan_window_class_init (SuyuanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SUYUAN_TYPE_CHECK_PAGE);
  g_type_ensure (SUYUAN_TYPE_LABELS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, check_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, labels_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, toasts);
}

static void
suyuan_window_init (SuyuanWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
