/* suyuan-window.c — pages in a view stack, sync state always in sight.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-window.h"
#include "suyuan-camera-view.h"
#include "suyuan-image-input.h"
#include "suyuan-scan-feedback.h"
#include "suyuan-wedge-input.h"
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

  SuyuanWedgeInput *wedge_input;
  SuyuanScanFeedback *feedback;
  SuyuanImageInput *image_input;
};

G_DEFINE_FINAL_TYPE (SuyuanWindow, suyuan_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SCAN, N_SIGNALS };
static guint signals[N_SIGNALS];

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

void
suyuan_window_scanned (SuyuanWindow *self,
                       const char   *payload)
{
  gboolean handled = FALSE;

  g_return_if_fail (SUYUAN_IS_WINDOW (self));
  g_return_if_fail (payload != NULL);
  /* A page that takes scans itself (e.g. receiving) claims them first. */
  g_signal_emit (self, signals[SCAN], 0, payload, &handled);
  if (handled)
    return;
  adw_view_stack_set_visible_child_name (self->stack, "check");
  suyuan_check_page_check (self->check_page, payload);
  suyuan_window_feedback (self, GTK_WIDGET (suyuan_check_page_get_banner (self->check_page)),
                          suyuan_check_page_get_level (self->check_page));
}

void
suyuan_window_feedback (SuyuanWindow *self,
                        GtkWidget    *target,
                        SuyuanLevel   level)
{
  g_return_if_fail (SUYUAN_IS_WINDOW (self));
  suyuan_scan_feedback_give (self->feedback, target, level);
}

void
suyuan_window_toast (SuyuanWindow *self,
                     const char   *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (SUYUAN_IS_WINDOW (self));
  /* Toast titles are markup; texts may carry file names. */
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
}

SuyuanImageInput *
suyuan_window_get_image_input (SuyuanWindow *self)
{
  return self->image_input;
}

static void
on_image_no_code (SuyuanImageInput *input,
                  const char       *name,
                  SuyuanWindow     *self)
{
  g_autofree char *text = g_strdup_printf (_("No code found in “%s”"), name);

  suyuan_window_toast (self, text);
}

static void
on_image_failed (SuyuanImageInput *input,
                 const char       *message,
                 SuyuanWindow     *self)
{
  suyuan_window_toast (self, message);
}

static void
scan_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  suyuan_window_scanned (SUYUAN_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_image_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  suyuan_image_input_choose (SUYUAN_WINDOW (widget)->image_input);
}

static void
paste_image_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  suyuan_image_input_paste (SUYUAN_WINDOW (widget)->image_input);
}

SuyuanScanFeedback *
suyuan_window_get_scan_feedback (SuyuanWindow *self)
{
  return self->feedback;
}

SuyuanWedgeInput *
suyuan_window_get_wedge_input (SuyuanWindow *self)
{
  return self->wedge_input;
}

static void
on_input_scanned (GObject          *input,
                  const char       *payload,
                  SuyuanWindow     *self)
{
  suyuan_window_scanned (self, payload);
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
suyuan_window_dispose (GObject *object)
{
  SuyuanWindow *self = SUYUAN_WINDOW (object);

  g_clear_object (&self->wedge_input);
  g_clear_object (&self->feedback);
  g_clear_object (&self->image_input);
  G_OBJECT_CLASS (suyuan_window_parent_class)->dispose (object);
}

static void
suyuan_window_class_init (SuyuanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = suyuan_window_dispose;
  signals[SCAN] = g_signal_new ("scan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  /* Every scan source (camera, image, scripts) ends in win.scan. */
  gtk_widget_class_install_action (widget_class, "win.scan", "s", scan_activated);
  gtk_widget_class_install_action (widget_class, "win.open-image", NULL, open_image_activated);
  gtk_widget_class_install_action (widget_class, "win.paste-image", NULL, paste_image_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.paste-image", NULL);

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
  self->feedback = suyuan_scan_feedback_new ();
  self->wedge_input = suyuan_wedge_input_new (GTK_WIDGET (self));
  g_signal_connect_object (self->wedge_input, "scanned", G_CALLBACK (on_input_scanned), self, 0);
  self->image_input = suyuan_image_input_new (GTK_WIDGET (self));
  g_signal_connect_object (self->image_input, "scanned", G_CALLBACK (on_input_scanned), self, 0);
  g_signal_connect_object (self->image_input, "no-code", G_CALLBACK (on_image_no_code), self, 0);
  g_signal_connect_object (self->image_input, "failed", G_CALLBACK (on_image_failed), self, 0);
}
