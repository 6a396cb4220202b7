/* test-gui-shell.c — the application shell under Xvfb: preferences, about,
 * shortcuts, both window sizes, and kiosk mode refusing to close without the
 * admin PIN and closing with it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-preferences-window.h"
#include "suyuan-window.h"
#include "suyuan-verdict-banner.h"
#include "admin-pin.h"
#include "test-support.h"
#include "paths.h"

#include <glib/gi18n.h>

#define PIN "2468"

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
width_is (gpointer data)
{
  GtkWidget **args = data;

  /* Within the client-side decoration's margins. */
  return ABS (gtk_widget_get_width (args[0]) - GPOINTER_TO_INT (args[1])) <= 24;
}

/* The toplevel of @type that is open now, waiting up to @tries × 50 ms for it to map. */
static GtkWindow *
find_toplevel_within (GType type,
                      int   tries)
{
  for (; tries > 0; tries--)
    {
      /* Not owned: GTK keeps its toplevels alive, the list model is borrowed too. */
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          GtkWindow *window = g_list_model_get_item (toplevels, i);

          g_object_unref (window);
          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
            return window;
        }
      gui_wait_ms (50);
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  return find_toplevel_within (type, 100);
}

static void
shoot (GtkWindow  *window,
       const char *name)
{
  g_autofree char *path = NULL;

  /* A window just mapped may not have drawn its first frame yet. */
  gui_wait_ms (150);
  path = gui_screenshot (window, name);
  g_test_message ("screenshot: %s", path);
}

static void
resize_and_shoot (GtkWindow  *window,
                  int         width,
                  int         height,
                  const char *name)
{
  gpointer args[2] = { window, GINT_TO_POINTER (width) };

  /* Without a window manager a mapped X window keeps its size: map it anew. */
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  if (!gui_wait_until (width_is, args, 5000))
    g_error ("window is %d px wide, expected %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
  gui_wait_ms (200);
  shoot (window, name);
}

static void
check_preferences (SuyuanApplication *app,
                   GtkWindow         *window)
{
  GSettings *settings = suyuan_application_get_settings (app);
  GtkWindow *prefs;
  g_autofree char *hash = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = find_toplevel (SUYUAN_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  shoot (prefs, "preferences");
  /* Tall enough to show every group, the kiosk one too. */
  resize_and_shoot (prefs, 600, 1000, "preferences-all");
  /* A PIN that is too short or not digits is refused and nothing is stored. */
  g_assert_false (suyuan_preferences_window_set_pin (SUYUAN_PREFERENCES_WINDOW (prefs), "12"));
  g_assert_false (suyuan_preferences_window_set_pin (SUYUAN_PREFERENCES_WINDOW (prefs), "abcd"));
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  g_assert_cmpstr (hash, ==, "");
  g_clear_pointer (&hash, g_free);
  g_assert_true (suyuan_preferences_window_set_pin (SUYUAN_PREFERENCES_WINDOW (prefs), PIN));
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  g_assert_true (suyuan_admin_pin_verify (hash, PIN));
  gtk_window_destroy (prefs);
}

static void
check_about_and_shortcuts (SuyuanApplication *app,
                           GtkWindow         *window)
{
  GtkWindow *about, *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  shoot (about, "about");
  gtk_window_destroy (about);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_set_default_size (shortcuts, 900, 600);
  gui_wait_ms (300);
  shoot (shortcuts, "shortcuts");
  gtk_window_destroy (shortcuts);
}

static gboolean
pin_asked (gpointer window)
{
  return suyuan_window_get_pin_dialog (window) != NULL;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
check_kiosk (SuyuanApplication *app,
             SuyuanWindow      *window)
{
  SuyuanPinDialog *dialog;
  gpointer weak = window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.enter-kiosk", NULL));
  g_assert_true (suyuan_application_get_kiosk (app));
  /* Settings are locked. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_null (find_toplevel_within (SUYUAN_TYPE_PREFERENCES_WINDOW, 10));
  resize_and_shoot (GTK_WINDOW (window), 1280, 800, "kiosk-desktop");

  /* Ctrl+Q, as a passer-by would press it: the PIN is asked, nothing closes. */
  gui_key (GTK_WINDOW (window), "ctrl+q");
  g_assert_true (gui_wait_until (pin_asked, window, 5000));
  dialog = suyuan_window_get_pin_dialog (window);
  g_assert_true (gui_wait_until (widget_mapped, dialog, 5000));
  shoot (GTK_WINDOW (dialog), "kiosk-pin");
  suyuan_pin_dialog_submit (dialog, "0000");
  gui_wait_ms (200);
  g_assert_true (suyuan_application_get_kiosk (app));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Closing the window: refused, the PIN is asked; the right PIN closes it. */
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  gui_wait_ms (200);
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  dialog = suyuan_window_get_pin_dialog (window);
  g_assert_nonnull (dialog);
  suyuan_pin_dialog_submit (dialog, PIN);
  g_assert_false (suyuan_application_get_kiosk (app));
  g_assert_true (gui_wait_until (window_gone, &weak, 5000));
}

static gboolean
banner_says_ok (gpointer window)
{
  SuyuanVerdictBanner *banner = suyuan_check_page_get_banner (suyuan_window_get_check_page (window));

  return g_strcmp0 (suyuan_verdict_banner_get_title (banner), _("OK — may be sold")) == 0;
}

/* The whole check from the keyboard: focus gone elsewhere, Ctrl+L brings it
 * back to the code field, the scanner types, Enter judges. */
static void
check_keyboard_flow (SuyuanWindow *window)
{
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gui_key (GTK_WINDOW (window), "ctrl+l");
  gui_scanner_type (GTK_WINDOW (window), "6901234567908");
  if (!gui_wait_until (banner_says_ok, window, 10000))
    g_error ("Ctrl+L, code, Enter did not give the OK verdict");
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  SuyuanWindow *window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_nonnull (window);
  g_assert_true (gui_wait_until (widget_mapped, window, 10000));
  suyuan_check_page_check (suyuan_window_get_check_page (window), "81234560000000011234");
  resize_and_shoot (GTK_WINDOW (window), 1280, 800, "shell-desktop");
  resize_and_shoot (GTK_WINDOW (window), 480, 800, "shell-handheld");
  check_preferences (app, GTK_WINDOW (window));
  check_about_and_shortcuts (app, GTK_WINDOW (window));
  check_keyboard_flow (window);
  check_kiosk (app, window);
}

/* `suyuan --kiosk`: locked from the first frame; only the PIN closes it. */
static void
run_kiosk_option (SuyuanApplication *app,
                  gpointer           data)
{
  SuyuanWindow *window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gpointer weak = window;

  g_assert_true (gui_wait_until (widget_mapped, window, 10000));
  g_assert_true (suyuan_application_get_kiosk (app));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (gui_wait_until (pin_asked, window, 5000));
  g_assert_nonnull (weak);
  suyuan_pin_dialog_submit (suyuan_window_get_pin_dialog (window), PIN);
  g_assert_true (gui_wait_until (window_gone, &weak, 5000));
}

static void
test_kiosk_option (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  g_autofree char *hash = suyuan_admin_pin_hash (PIN);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The memory settings backend is per process: the app sees this PIN. */
  g_settings_set_string (settings, "kiosk-pin-hash", hash);
  suyuan_store_close (test_open_demo_store (dir, &store_path));
  gui_run_app (store_path, "--kiosk", run_kiosk_option, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_shell (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  /* Returns once the kiosk window closed with the right PIN. */
  gui_run_app (store_path, NULL, run_scenario, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  suyuan_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display (run under xvfb-run)");
      return 77;
    }
  g_test_add_func ("/gui/shell", test_shell);
  g_test_add_func ("/gui/kiosk-option", test_kiosk_option);
  return g_test_run ();
}
