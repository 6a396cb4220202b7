/* suyuan-window.c — pages in a view stack, sync state always in sight.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-window.h"
#include "suyuan-sync-status.h"
#include "suyuan-camera-view.h"
#include "suyuan-image-input.h"
#include "suyuan-scan-feedback.h"
#include "suyuan-receive-page.h"
#include "suyuan-records-page.h"
#include "suyuan-inspect-page.h"
#include "suyuan-wedge-input.h"
#include "suyuan-labels-page.h"
#include "suyuan-pin-dialog.h"

#include <glib/gi18n.h>

struct _SuyuanWindow {
  AdwApplicationWindow parent_instance;

  AdwViewStack *stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkLabel *sync_label;
  guint switcher_idle;
  AdwHeaderBar *header_bar;
  SuyuanCheckPage *check_page;
  SuyuanLabelsPage *labels_page;
  GtkButton *sync_button;
  GtkMenuButton *menu_button;
  GtkButton *leave_kiosk_button;
  AdwToastOverlay *toasts;

  SuyuanWedgeInput *wedge_input;
  SuyuanScanFeedback *feedback;
  SuyuanImageInput *image_input;
  SuyuanPinDialog *pin_dialog;   /* weak: the one asking now */
  gboolean close_after_unlock;
  SuyuanReceivePage *receive_page;
  SuyuanRecordsPage *records_page;
  SuyuanInspectPage *inspect_page;
};

G_DEFINE_FINAL_TYPE (SuyuanWindow, suyuan_window, ADW_TYPE_APPLICATION_WINDOW)

enum { SCAN, N_SIGNALS };
static guint signals[N_SIGNALS];
/* Sync state stays in sight at every width, under the title. */
static void
set_sync_text (SuyuanWindow *self,
               const char   *text)
{
  adw_view_switcher_title_set_subtitle (self->switcher_title, text);
  gtk_label_set_text (self->sync_label, text);
}

/* Wide, the page switcher sits in the header and the sync state at its
 * start; narrow, the sync state reads under the title and the pages are in
 * the bar at the bottom. A kiosk has one page: no switcher at all. */
static void
update_switcher (SuyuanWindow *self)
{
  gboolean title_visible = adw_view_switcher_title_get_title_visible (self->switcher_title);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean kiosk = app != NULL && suyuan_application_get_kiosk (SUYUAN_APPLICATION (app));

  self->switcher_idle = 0;
  if (adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title) == kiosk)
    adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !kiosk);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, title_visible && !kiosk);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), !title_visible);
}

static gboolean
update_switcher_idle (gpointer data)
{
  update_switcher (data);
  return G_SOURCE_REMOVE;
}

/* Told while the header is being allocated: change widgets after it. */
static void
on_title_visible (SuyuanWindow *self)
{
  if (self->switcher_idle == 0)
    self->switcher_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_switcher_idle, self, NULL);
}

/* A toast to be read to its end at every width: its words wrap instead of
 * being cut off on a handheld. A plain label: no markup to escape. */
static void
toast_wrapped (SuyuanWindow *self,
               const char   *text)
{
  AdwToast *toast = adw_toast_new ("");
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  /* A wrapping label asks for its whole line unless told a narrower one. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_add_css_class (label, "heading");
  adw_toast_set_custom_title (toast, label);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
on_sync_started (SuyuanApplication *app,
                 SuyuanWindow      *self)
{
  set_sync_text (self, _("Syncing…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), FALSE);
}

static void
on_sync_finished (SuyuanApplication *app,
                  gint64             n_changes,
                  const char        *error_message,
                  SuyuanWindow      *self)
{
  suyuan_window_update_sync_state (self);
  /* The message says what happened and what to do; keep it at hand too. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), error_message ? error_message : _("Sync now"));
  if (error_message != NULL)
    suyuan_window_toast (self, error_message);
  else if (suyuan_application_get_scope_changed (app))
    /* Units the user saw may be gone: say why, and that their records stay. */
    toast_wrapped (self, suyuan_sync_scope_changed_text ());
  suyuan_receive_page_refresh (self->receive_page);
  /* Records sent are marked so. */
  suyuan_records_page_refresh (self->records_page);
}

static SuyuanApplication *
get_app (SuyuanWindow *self)
{
  return SUYUAN_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

void
suyuan_window_update_sync_state (SuyuanWindow *self)
{
  SuyuanApplication *app = get_app (self);
  g_autofree char *text = NULL;

  g_return_if_fail (SUYUAN_IS_WINDOW (self));
  if (app == NULL)
    return;
  text = suyuan_application_get_sync_status (app);
  set_sync_text (self, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), suyuan_application_get_server (app) != NULL);
}

static gboolean
is_kiosk (SuyuanWindow *self)
{
  SuyuanApplication *app = get_app (self);

  return app != NULL && suyuan_application_get_kiosk (app);
}

static gboolean
close_later (gpointer window)
{
  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

static void
on_pin_checked (SuyuanPinDialog *dialog,
                gboolean         right,
                SuyuanWindow    *self)
{
  if (!right)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Wrong PIN")));
      self->close_after_unlock = FALSE;
      return;
    }
  suyuan_application_set_kiosk (get_app (self), FALSE);
  /* Not from inside the dialog's response: closing us destroys the dialog. */
  if (self->close_after_unlock)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_later, g_object_ref (self), g_object_unref);
}

static void
ask_pin (SuyuanWindow *self,
         gboolean      then_close)
{
  g_autofree char *hash = g_settings_get_string (suyuan_application_get_settings (get_app (self)), "kiosk-pin-hash");

  self->close_after_unlock = then_close;
  if (self->pin_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->pin_dialog));
      return;
    }
  self->pin_dialog = suyuan_pin_dialog_new (GTK_WINDOW (self), hash);
  g_object_add_weak_pointer (G_OBJECT (self->pin_dialog), (gpointer *) &self->pin_dialog);
  g_signal_connect_object (self->pin_dialog, "checked", G_CALLBACK (on_pin_checked), self, 0);
  gtk_window_present (GTK_WINDOW (self->pin_dialog));
}

/* In kiosk mode the window can't be closed (nor the app quit) without the PIN. */
static gboolean
suyuan_window_close_request (GtkWindow *window)
{
  SuyuanWindow *self = SUYUAN_WINDOW (window);

  if (is_kiosk (self))
    {
      ask_pin (self, TRUE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (suyuan_window_parent_class)->close_request (window);
}

/* A kiosk is a public query terminal: Check (with its public trace view)
 * and nothing else. The other pages write records, print, export or show
 * other customers' records: they leave the switcher and stop taking input
 * or actions (an insensitive widget's actions do not run). */
static void
lock_pages (SuyuanWindow *self,
            gboolean      kiosk)
{
  GtkWidget *pages[] = {
    GTK_WIDGET (self->inspect_page), GTK_WIDGET (self->receive_page),
    GTK_WIDGET (self->labels_page), GTK_WIDGET (self->records_page),
  };

  if (kiosk)
    adw_view_stack_set_visible_child_name (self->stack, "check");
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      const char *name;
      const GVariantType *type;
      const char *property;
      GType owner;

      adw_view_stack_page_set_visible (adw_view_stack_get_page (self->stack, pages[i]), !kiosk);
      gtk_widget_set_sensitive (pages[i], !kiosk);
      /* Insensitive is not enough: a shortcut or a script still runs actions. */
      for (guint j = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (pages[i]), j,
                                                       &owner, &name, &type, &property); j++)
        gtk_widget_action_set_enabled (pages[i], name, !kiosk);
    }
  /* Back from kiosk, a page sets its actions from its state again. */
  if (!kiosk)
    suyuan_labels_page_reload (self->labels_page);
}

static void
on_visible_page (SuyuanWindow *self)
{
  /* Whatever asks for another page (a shortcut, a script), a kiosk stays on Check. */
  if (is_kiosk (self) && g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "check") != 0)
    adw_view_stack_set_visible_child_name (self->stack, "check");
}

static void
update_kiosk (SuyuanWindow *self)
{
  gboolean kiosk = is_kiosk (self);

  lock_pages (self, kiosk);
  update_switcher (self);

  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), !kiosk);
  /* No close or minimise buttons to tempt passers-by. */
  adw_header_bar_set_show_start_title_buttons (self->header_bar, !kiosk);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, !kiosk);
  gtk_widget_set_visible (GTK_WIDGET (self->leave_kiosk_button), kiosk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fullscreen", !kiosk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enter-kiosk", !kiosk);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leave-kiosk", kiosk);
  if (kiosk)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "kiosk");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

static void
on_fullscreened (SuyuanWindow *self)
{
  /* The window manager may unfullscreen us (a key, a gesture): a kiosk stays full. */
  if (is_kiosk (self) && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
push_verdict_settings (SuyuanWindow *self)
{
  GSettings *settings = suyuan_application_get_settings (get_app (self));
  SuyuanVerdictSettings verdict_settings;

  suyuan_verdict_settings_init (&verdict_settings);
  verdict_settings.near_expiry_days_food = g_settings_get_int (settings, "near-expiry-days-food");
  verdict_settings.near_expiry_days_drug = g_settings_get_int (settings, "near-expiry-days-drug");
  verdict_settings.near_expiry_days_other = g_settings_get_int (settings, "near-expiry-days-other");
  suyuan_check_page_set_verdict_settings (self->check_page, &verdict_settings);
  suyuan_receive_page_set_verdict_settings (self->receive_page, &verdict_settings);
  /* The entry and the hardware-scanner input replace the same substitute. */
  suyuan_check_page_set_gs_substitute (self->check_page, suyuan_wedge_input_get_gs_substitute (self->wedge_input));
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
focus_scan_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  SuyuanWindow *self = SUYUAN_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "check");
  suyuan_check_page_focus_entry (self->check_page);
}

static void
enter_kiosk_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  SuyuanWindow *self = SUYUAN_WINDOW (widget);
  g_autofree char *hash = g_settings_get_string (suyuan_application_get_settings (get_app (self)), "kiosk-pin-hash");

  if (hash[0] == '\0')
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Set an admin PIN in Preferences first")));
      return;
    }
  suyuan_application_set_kiosk (get_app (self), TRUE);
}

static void
leave_kiosk_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  ask_pin (SUYUAN_WINDOW (widget), FALSE);
}

void
suyuan_window_scanned (SuyuanWindow *self,
                       const char   *payload)
{
  gboolean handled = FALSE;

  g_return_if_fail (SUYUAN_IS_WINDOW (self));
  g_return_if_fail (payload != NULL);
  /* A page that takes scans itself (e.g. receiving) claims them first;
   * in a kiosk every scan is a check. */
  if (!is_kiosk (self))
    g_signal_emit (self, signals[SCAN], 0, payload, &handled);
  if (handled)
    {
      /* The page may have recorded it: the outbox count changed. */
      suyuan_window_update_sync_state (self);
      return;
    }
  adw_view_stack_set_visible_child_name (self->stack, "check");
  /* The page's "checked" gives the flash and the sound. */
  suyuan_check_page_check (self->check_page, payload);
}

/* A page judged a scan: beep, and flash its banner. */
static void
on_checked (SuyuanCheckPage *page,
            int              level,
            SuyuanWindow    *self)
{
  suyuan_window_feedback (self, GTK_WIDGET (suyuan_check_page_get_banner (page)), level);
}

static void
on_receive_checked (SuyuanReceivePage *page,
                    int                level,
                    SuyuanWindow      *self)
{
  suyuan_window_feedback (self, GTK_WIDGET (suyuan_receive_page_get_banner (page)), level);
}

static void
on_inspect_checked (SuyuanInspectPage *page,
                    int                level,
                    SuyuanWindow      *self)
{
  suyuan_window_feedback (self, GTK_WIDGET (suyuan_inspect_page_get_banner (page)), level);
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

/* The one toast path: pages activate win.toast with the text. */
static void
toast_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  suyuan_window_toast (SUYUAN_WINDOW (widget), g_variant_get_string (parameter, NULL));
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

/* Check asks the chosen server about codes the store does not know. */
static void
push_server (SuyuanWindow *self)
{
  SuyuanApplication *app = get_app (self);

  suyuan_check_page_set_server (self->check_page, suyuan_application_get_store_path (app),
                                suyuan_application_get_server (app));
}

SuyuanWindow *
suyuan_window_new (SuyuanApplication *app)
{
  SuyuanWindow *self = g_object_new (SUYUAN_TYPE_WINDOW, "application", app, NULL);

  suyuan_check_page_set_store (self->check_page, suyuan_application_get_store (app));
  suyuan_labels_page_set_store (self->labels_page, suyuan_application_get_store (app));
  /* This shop's party id; without it every delivery in the store is offered. */
  suyuan_receive_page_set_store (self->receive_page, suyuan_application_get_store (app), g_getenv ("SUYUAN_PARTY"));
  suyuan_wedge_input_bind_settings (self->wedge_input, suyuan_application_get_settings (app));
  suyuan_scan_feedback_bind_settings (self->feedback, suyuan_application_get_settings (app));
  g_signal_connect_object (self->wedge_input, "gs-substitute-changed", G_CALLBACK (push_verdict_settings),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::server", G_CALLBACK (suyuan_window_update_sync_state),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::server", G_CALLBACK (push_server), self, G_CONNECT_SWAPPED);
  push_server (self);
  suyuan_records_page_set_store (self->records_page, suyuan_application_get_store (app));
  suyuan_inspect_page_set_store (self->inspect_page, suyuan_application_get_store (app),
                                 suyuan_application_get_settings (app));
  g_signal_connect_object (app, "sync-started", G_CALLBACK (on_sync_started), self, 0);
  g_signal_connect_object (app, "sync-finished", G_CALLBACK (on_sync_finished), self, 0);
  /* The header follows every change: a sync, a record written on any page. */
  g_signal_connect_object (app, "notify::sync-status", G_CALLBACK (suyuan_window_update_sync_state),
                           self, G_CONNECT_SWAPPED);
  /* A sync brought products, batches, deliveries: the pages read them again. */
  g_signal_connect_object (app, "data-changed", G_CALLBACK (suyuan_labels_page_reload),
                           self->labels_page, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "data-changed", G_CALLBACK (suyuan_records_page_refresh),
                           self->records_page, G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::kiosk", G_CALLBACK (update_kiosk), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (suyuan_application_get_settings (app), "changed", G_CALLBACK (push_verdict_settings),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), NULL);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_visible_page),
                           self, G_CONNECT_SWAPPED);
  suyuan_window_update_sync_state (self);
  push_verdict_settings (self);
  update_kiosk (self);
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
  return adw_view_switcher_title_get_subtitle (self->switcher_title);
}

SuyuanPinDialog *
suyuan_window_get_pin_dialog (SuyuanWindow *self)
{
  return self->pin_dialog;
}

static void
suyuan_window_dispose (GObject *object)
{
  SuyuanWindow *self = SUYUAN_WINDOW (object);

  g_clear_handle_id (&self->switcher_idle, g_source_remove);
  g_clear_object (&self->wedge_input);
  g_clear_object (&self->feedback);
  g_clear_object (&self->image_input);
  G_OBJECT_CLASS (suyuan_window_parent_class)->dispose (object);
}

static void
suyuan_window_class_init (SuyuanWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = suyuan_window_dispose;
  signals[SCAN] = g_signal_new ("scan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  /* Every scan source (camera, image, scripts) ends in win.scan. */
  gtk_widget_class_install_action (widget_class, "win.scan", "s", scan_activated);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
  gtk_widget_class_install_action (widget_class, "win.open-image", NULL, open_image_activated);
  gtk_widget_class_install_action (widget_class, "win.paste-image", NULL, paste_image_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.paste-image", NULL);

  window_class->close_request = suyuan_window_close_request;
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.focus-scan", NULL, focus_scan_action);
  gtk_widget_class_install_action (widget_class, "win.enter-kiosk", NULL, enter_kiosk_action);
  gtk_widget_class_install_action (widget_class, "win.leave-kiosk", NULL, leave_kiosk_action);
  g_type_ensure (SUYUAN_TYPE_CHECK_PAGE);
  g_type_ensure (SUYUAN_TYPE_LABELS_PAGE);
  g_type_ensure (SUYUAN_TYPE_RECEIVE_PAGE);
  g_type_ensure (SUYUAN_TYPE_RECORDS_PAGE);
  g_type_ensure (SUYUAN_TYPE_INSPECT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, check_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, labels_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, receive_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, records_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, inspect_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, leave_kiosk_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanWindow, toasts);
}

static void
suyuan_window_init (SuyuanWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->switcher_title, "notify::title-visible", G_CALLBACK (on_title_visible),
                           self, G_CONNECT_SWAPPED);
  update_switcher (self);
  self->feedback = suyuan_scan_feedback_new ();
  self->wedge_input = suyuan_wedge_input_new (GTK_WIDGET (self));
  g_signal_connect_object (self->wedge_input, "scanned", G_CALLBACK (on_input_scanned), self, 0);
  self->image_input = suyuan_image_input_new (GTK_WIDGET (self));
  g_signal_connect_object (self->image_input, "scanned", G_CALLBACK (on_input_scanned), self, 0);
  g_signal_connect_object (self->check_page, "checked", G_CALLBACK (on_checked), self, 0);
  g_signal_connect_object (self->receive_page, "checked", G_CALLBACK (on_receive_checked), self, 0);
  g_signal_connect_object (self->inspect_page, "checked", G_CALLBACK (on_inspect_checked), self, 0);
  /* The pages that take scans themselves claim them first (see "scan"). */
  g_signal_connect_object (self, "scan", G_CALLBACK (suyuan_receive_page_claim_scan),
                           self->receive_page, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "scan", G_CALLBACK (suyuan_inspect_page_claim_scan),
                           self->inspect_page, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_input, "no-code", G_CALLBACK (on_image_no_code), self, 0);
  g_signal_connect_object (self->image_input, "failed", G_CALLBACK (on_image_failed), self, 0);
}
