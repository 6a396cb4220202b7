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
#include "outbox.h"
#include "http-client.h"
#include "suyuan-sync-status.h"

#include <glib/gi18n.h>
#include <string.h>

#define PIN "246813"

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
  gui_resize_window (window, width, height);
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
  /* No resolver named: the row shows the placeholder and says it leads nowhere. */
  g_assert_nonnull (strstr (suyuan_preferences_window_get_resolver_text (SUYUAN_PREFERENCES_WINDOW (prefs)),
                            "https://id.example.com"));
  g_assert_nonnull (strstr (suyuan_preferences_window_get_resolver_text (SUYUAN_PREFERENCES_WINDOW (prefs)), " — "));
  /* A PIN that is too short or not digits is refused and nothing is stored. */
  g_assert_false (suyuan_preferences_window_set_pin (SUYUAN_PREFERENCES_WINDOW (prefs), "12"));
  g_assert_false (suyuan_preferences_window_set_pin (SUYUAN_PREFERENCES_WINDOW (prefs), "2468"));
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
  /* The credits in the user's language too. */
  g_assert_cmpstr (adw_about_window_get_developers (ADW_ABOUT_WINDOW (about))[0], ==, _("The Suyuan developers"));
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0)
    g_assert_cmpstr (adw_about_window_get_developers (ADW_ABOUT_WINDOW (about))[0], ==, "溯源开发者");
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
  g_assert_true (gui_wait_until (gui_widget_mapped, dialog, 5000));
  shoot (GTK_WINDOW (dialog), "kiosk-pin");
  suyuan_pin_dialog_submit (dialog, "000000");
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
  GSettings *settings = suyuan_application_get_settings (
      SUYUAN_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));

  /* A generous scanner gap: on a loaded machine the first keys of a burst
   * can come slower than a scanner's. */
  g_settings_set_uint (settings, "wedge-max-gap-ms", 300);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gui_key (GTK_WINDOW (window), "ctrl+l");
  gui_scanner_type (GTK_WINDOW (window), "6901234567908");
  if (!gui_wait_until (banner_says_ok, window, 10000))
    g_error ("Ctrl+L, code, Enter did not give the OK verdict but \"%s\"",
             suyuan_verdict_banner_get_title (suyuan_check_page_get_banner (suyuan_window_get_check_page (window))));
  g_settings_reset (settings, "wedge-max-gap-ms");
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* HIG: wide, the page switcher in the header bar (and the sync state still
 * in sight); narrow, the bar at the bottom. */
static void
assert_switcher (SuyuanWindow *window,
                 gboolean      wide)
{
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (find_descendant (GTK_WIDGET (window),
                                                                          ADW_TYPE_VIEW_SWITCHER_TITLE));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (find_descendant (GTK_WIDGET (window),
                                                                    ADW_TYPE_VIEW_SWITCHER_BAR));
  const char *sync_text = suyuan_window_get_sync_text (window);
  GtkWidget *header = find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  gboolean sync_in_header = FALSE;

  g_assert_cmpint (adw_view_switcher_title_get_title_visible (title), ==, !wide);
  g_assert_cmpint (adw_view_switcher_bar_get_reveal (bar), ==, !wide);
  /* The sync state is shown either way: under the title, or at the header's start. */
  {
    GtkWidget *stack[64];
    int n = 0;

    stack[n++] = header;
    while (n > 0)
      {
        GtkWidget *w = stack[--n];

        if (GTK_IS_LABEL (w) && gtk_widget_is_drawable (w)
            && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), sync_text) == 0)
          sync_in_header = TRUE;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c && n < 64; c = gtk_widget_get_next_sibling (c))
          stack[n++] = c;
      }
  }
  g_assert_true (sync_in_header);
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  SuyuanWindow *window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_nonnull (window);
  g_assert_true (gui_wait_until (gui_widget_mapped, window, 10000));
  suyuan_check_page_check (suyuan_window_get_check_page (window), "81234560000000011234");
  resize_and_shoot (GTK_WINDOW (window), 1280, 1024, "shell-desktop");
  assert_switcher (window, TRUE);
  resize_and_shoot (GTK_WINDOW (window), 480, 800, "shell-handheld");
  assert_switcher (window, FALSE);
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
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *body;
  gpointer weak = window;

  g_assert_true (gui_wait_until (gui_widget_mapped, window, 10000));
  g_assert_true (suyuan_application_get_kiosk (app));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  /* Five wrong PINs: the fifth locks the PIN, and then not even the right
   * one opens; the dialog says how long to wait. */
  for (int i = 0; i < SUYUAN_PIN_FREE_TRIES; i++)
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
      g_assert_true (gui_wait_until (pin_asked, window, 5000));
      suyuan_pin_dialog_submit (suyuan_window_get_pin_dialog (window), "999999");
      g_assert_true (suyuan_application_get_kiosk (app));
    }
  g_assert_cmpint (g_settings_get_int64 (settings, "kiosk-pin-locked-until"), >, g_get_real_time () / G_USEC_PER_SEC);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (gui_wait_until (pin_asked, window, 5000));
  g_assert_true (gui_wait_until (gui_widget_mapped, suyuan_window_get_pin_dialog (window), 5000));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (suyuan_window_get_pin_dialog (window)));
  g_assert_true (body != NULL && (strstr (body, "30") != NULL || strstr (body, "29") != NULL));
  shoot (GTK_WINDOW (suyuan_window_get_pin_dialog (window)), "kiosk-pin-locked");
  suyuan_pin_dialog_submit (suyuan_window_get_pin_dialog (window), PIN);
  g_assert_true (suyuan_application_get_kiosk (app));
  g_assert_nonnull (weak);
  /* The wait over (as if 30 s passed), the right PIN closes the kiosk. */
  g_settings_set_int64 (settings, "kiosk-pin-locked-until", 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (gui_wait_until (pin_asked, window, 5000));
  suyuan_pin_dialog_submit (suyuan_window_get_pin_dialog (window), PIN);
  g_assert_true (gui_wait_until (window_gone, &weak, 5000));
  g_assert_cmpuint (g_settings_get_uint (settings, "kiosk-pin-failures"), ==, 0);
}

static void
test_kiosk_option (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  /* PIN as an earlier version stored it: PBKDF2, 20,000 rounds. */
  const char *old = "pbkdf2-sha256$20000$00112233445566778899aabbccddeeff$"
                    "005a569d67ecd3da15da3221b3f8cab54965511c06584770dc60701077c9ba91";
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *hash = NULL;

  /* The memory settings backend is per process: the app sees this PIN. */
  g_settings_set_string (settings, "kiosk-pin-hash", old);
  suyuan_store_close (test_open_demo_store (dir, &store_path));
  gui_run_app (store_path, "--kiosk", run_kiosk_option, NULL);
  /* The right entry replaced the old hash with scrypt. */
  hash = g_settings_get_string (settings, "kiosk-pin-hash");
  g_assert_true (g_str_has_prefix (hash, "scrypt$"));
  g_assert_true (suyuan_admin_pin_verify (hash, PIN));
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

/* ---- preferences take effect while the app runs ---- */

typedef struct {
  SuyuanApplication *app;
  SuyuanWindow *window;
  const char *dir;
  guint n_wedge_scans;
  char *sync_message;   /* what "sync-finished" told the user last */
} Live;

static void
on_sync_finished (SuyuanApplication *app,
                  gint64             n,
                  const char        *message,
                  Live              *l)
{
  g_free (l->sync_message);
  l->sync_message = g_strdup (message);
}

static gboolean
sync_text_starts (gpointer data)
{
  gpointer *args = data;

  return g_str_has_prefix (suyuan_window_get_sync_text (args[0]), args[1]);
}

static void
wait_sync_text (SuyuanWindow *window,
                const char   *prefix)
{
  gpointer args[2] = { window, (gpointer) prefix };

  if (!gui_wait_until (sync_text_starts, args, 20000))
    g_error ("header says \"%s\", expected \"%s…\"", suyuan_window_get_sync_text (window), prefix);
}

static void
enqueue_records (SuyuanApplication *app,
                 guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) data = json_object_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *uuid = NULL;

      json_object_set_string_member (data, "code", "6901234567908");
      uuid = suyuan_outbox_enqueue (suyuan_application_get_store (app), SUYUAN_RECORD_SCAN, data, &error);
      g_assert_no_error (error);
    }
}

/* Server address: used at once; the header says when it synced, what waits,
 * and what to do when the server can't be reached. */
static void
check_server_live (Live *l)
{
  GSettings *settings = suyuan_application_get_settings (l->app);
  g_autoptr(GError) net = g_error_new_literal (SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK, "x");
  g_autofree char *advice = suyuan_sync_error_text (net);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *offline = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *waiting = NULL;
  /* "Synced %s" up to the time */
  g_autofree char *synced_prefix = g_strndup (_("Synced %s"), strlen (_("Synced %s")) - 2);
  TestServer *server;

  g_assert_cmpstr (suyuan_window_get_sync_text (l->window), ==, _("No server"));
  /* The checks made earlier in this session wait too: they go to the server. */
  offline = suyuan_sync_status_text (NULL, now, TRUE, suyuan_application_count_pending (l->app) + 3);
  enqueue_records (l->app, 3);
  /* Nothing listens on port 1: refused at once. */
  g_settings_set_string (settings, "server-url", "http://127.0.0.1:1");
  g_assert_cmpstr (suyuan_application_get_server (l->app), ==, "http://127.0.0.1:1");
  wait_sync_text (l->window, offline);
  g_assert_cmpstr (suyuan_window_get_sync_text (l->window), ==, offline);
  g_assert_cmpstr (l->sync_message, ==, advice);
  resize_and_shoot (GTK_WINDOW (l->window), 1280, 800, "sync-offline-desktop");
  resize_and_shoot (GTK_WINDOW (l->window), 480, 800, "sync-offline-handheld");

  /* A real server: the records go, the header says when. */
  server = test_server_start (l->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  /* The server only takes records from a terminal with a device token. */
  g_setenv ("SUYUAN_TOKEN", server->token, TRUE);
  g_settings_set_string (settings, "server-url", server->url);
  wait_sync_text (l->window, synced_prefix);
  g_assert_null (l->sync_message);
  g_assert_cmpint (suyuan_application_count_pending (l->app), ==, 0);
  g_assert_null (strstr (suyuan_window_get_sync_text (l->window), "·"));
  /* New records wait; the header counts them. */
  enqueue_records (l->app, 2);
  suyuan_window_update_sync_state (l->window);
  synced = g_strdup (suyuan_window_get_sync_text (l->window));
  g_assert_nonnull (strstr (synced, "2"));
  waiting = g_strdup_printf (_("%s · %d waiting"), "", 2);
  g_assert_true (g_str_has_suffix (synced, waiting));
  resize_and_shoot (GTK_WINDOW (l->window), 1280, 800, "sync-waiting-desktop");
  resize_and_shoot (GTK_WINDOW (l->window), 480, 800, "sync-waiting-handheld");

  /* Back to no server: the header says so, the sync button rests. */
  g_settings_set_string (settings, "server-url", "");
  g_assert_null (suyuan_application_get_server (l->app));
  wait_sync_text (l->window, _("No server"));
  g_unsetenv ("SUYUAN_TOKEN");
  test_server_stop (server);
}

static void
count_wedge_scan (SuyuanWedgeInput *input,
                  const char       *payload,
                  Live             *l)
{
  l->n_wedge_scans++;
}

static gboolean
details_are (gpointer data)
{
  gpointer *args = data;
  SuyuanCheckPage *page = suyuan_window_get_check_page (args[0]);

  return g_strcmp0 (suyuan_verdict_banner_get_details (suyuan_check_page_get_banner (page)), args[1]) == 0;
}

static void
expect_details (SuyuanWindow *window,
                const char   *details,
                const char   *what)
{
  gpointer args[2] = { window, (gpointer) details };

  if (!gui_wait_until (details_are, args, 10000))
    g_error ("%s: the verdict says \"%s\", not \"%s\"", what,
             suyuan_verdict_banner_get_details (suyuan_check_page_get_banner (suyuan_window_get_check_page (window))),
             details);
}

/* GS substitute and key gap: the scanner input and the Check page's entry
 * follow the preferences at once, and agree. */
static void
check_scanner_live (Live *l)
{
  GSettings *settings = suyuan_application_get_settings (l->app);
  SuyuanWedgeInput *wedge = suyuan_window_get_wedge_input (l->window);
  SuyuanCheckPage *page = suyuan_window_get_check_page (l->window);
  SuyuanVerdictBanner *banner = suyuan_check_page_get_banner (page);
  g_autofree char *held = NULL;
  g_autofree char *ok = NULL;
  GtkWidget *focus;

  /* Water lot W2611 is held; it reads as that lot only with its GS. */
  suyuan_check_page_check (page, "0106901234567908\x1d" "10W2611");
  g_assert_cmpint (suyuan_check_page_get_level (page), ==, SUYUAN_LEVEL_STOP);
  held = g_strdup (suyuan_verdict_banner_get_details (banner));
  suyuan_check_page_check (page, "6901234567908");
  ok = g_strdup (suyuan_verdict_banner_get_details (banner));

  g_signal_connect (wedge, "scanned", G_CALLBACK (count_wedge_scan), l);
  g_assert_null (suyuan_wedge_input_get_gs_substitute (wedge));
  g_settings_set_string (settings, "gs-substitute", "~");
  g_assert_cmpstr (suyuan_wedge_input_get_gs_substitute (wedge), ==, "~");

  /* A fast scanner burst: the wedge turns ~ into GS. (A generous gap: this
   * machine may be loaded; xdotool sends a key every 3 ms.) */
  g_settings_set_uint (settings, "wedge-max-gap-ms", 300);
  gui_xdotool_type (GTK_WINDOW (l->window), "0106901234567908~10W2611\n", 3);
  expect_details (l->window, held, "a burst with ~ for GS");
  g_assert_cmpuint (l->n_wedge_scans, ==, 1);

  /* The same typed by hand into the entry: it replaces ~ the same way. */
  suyuan_check_page_check (page, "6901234567908");
  suyuan_check_page_focus_entry (page);
  focus = gtk_root_get_focus (GTK_ROOT (l->window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "0106901234567908~10W2611");
  g_signal_emit_by_name (focus, "activate");
  expect_details (l->window, held, "~ for GS typed into the entry");
  g_assert_cmpuint (l->n_wedge_scans, ==, 1);

  /* A slow scanner (60 ms a key, more than the default 50 ms gap) counts
   * as a scanner once the gap allows it. */
  g_settings_set_uint (settings, "wedge-max-gap-ms", 1000);
  suyuan_check_page_focus_entry (page);
  gui_xdotool_type (GTK_WINDOW (l->window), "6901234567908\n", 60);
  expect_details (l->window, ok, "a slow scanner");
  g_assert_cmpuint (l->n_wedge_scans, ==, 2);
  g_settings_reset (settings, "wedge-max-gap-ms");
  g_settings_reset (settings, "gs-substitute");
  g_assert_null (suyuan_wedge_input_get_gs_substitute (wedge));
}

/* Sound off: the flash still comes, no beep and no alarm. */
static void
check_sound_live (Live *l)
{
  GSettings *settings = suyuan_application_get_settings (l->app);
  SuyuanScanFeedback *feedback = suyuan_window_get_scan_feedback (l->window);
  GtkWidget *banner = GTK_WIDGET (suyuan_check_page_get_banner (suyuan_window_get_check_page (l->window)));
  guint sounds = suyuan_scan_feedback_get_n_sounds (feedback);

  g_settings_set_boolean (settings, "sound", FALSE);
  suyuan_window_scanned (l->window, "01069012345678921725033110A2501");
  g_assert_true (gtk_widget_has_css_class (banner, "scan-flash-stop"));
  /* The reason's date as the locale writes it (2025年3月31日), like the rows. */
  resize_and_shoot (GTK_WINDOW (l->window), 1280, 800, "check-expired-desktop");
  suyuan_window_scanned (l->window, "6901234567908");
  g_assert_true (gtk_widget_has_css_class (banner, "scan-flash"));
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds);
  g_settings_set_boolean (settings, "sound", TRUE);
  suyuan_window_scanned (l->window, "6901234567908");
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
}

/* $SUYUAN_WEDGE_GS pins the substitute over the preference (site scripts, tests). */
static void
check_wedge_env_override (GSettings *settings)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(SuyuanWedgeInput) wedge = NULL;

  g_setenv ("SUYUAN_WEDGE_GS", "|", TRUE);
  wedge = suyuan_wedge_input_new (window);
  suyuan_wedge_input_bind_settings (wedge, settings);
  g_settings_set_string (settings, "gs-substitute", "~");
  g_assert_cmpstr (suyuan_wedge_input_get_gs_substitute (wedge), ==, "|");
  g_settings_reset (settings, "gs-substitute");
  g_unsetenv ("SUYUAN_WEDGE_GS");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
run_live (SuyuanApplication *app,
          gpointer           dir)
{
  Live l = { app, SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))), dir, 0, NULL };

  g_assert_true (gui_wait_until (gui_widget_mapped, l.window, 10000));
  suyuan_check_page_check (suyuan_window_get_check_page (l.window), "81234560000000011234");
  check_sound_live (&l);
  check_scanner_live (&l);
  check_wedge_env_override (suyuan_application_get_settings (app));
  g_signal_connect (app, "sync-finished", G_CALLBACK (on_sync_finished), &l);
  check_server_live (&l);
  g_signal_handlers_disconnect_by_data (app, &l);
  g_free (l.sync_message);
  g_application_quit (G_APPLICATION (app));
}

static void
test_preferences_live (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  g_unsetenv ("SUYUAN_WEDGE_GS");
  /* An unreachable server fails at once instead of after retries. */
  suyuan_http_set_retry (1, 10);
  gui_run_app (store_path, NULL, run_live, dir);
  test_dir_free (g_steal_pointer (&dir));
}

/* `suyuan --server=URL`: Preferences say which address this run uses and
 * why the one entered there waits. */
static void
run_server_option (SuyuanApplication *app,
                   gpointer           data)
{
  SuyuanWindow *window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  GtkWindow *prefs;
  const char *note;

  g_assert_true (gui_wait_until (gui_widget_mapped, window, 10000));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = find_toplevel (SUYUAN_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  note = suyuan_preferences_window_get_server_note (SUYUAN_PREFERENCES_WINDOW (prefs));
  g_assert_nonnull (strstr (note, "http://127.0.0.1:1"));
  g_assert_nonnull (strstr (note, "--server"));
  g_assert_nonnull (strstr (note, _("the --server option")));
  resize_and_shoot (prefs, 480, 800, "preferences-server-option");
  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_server_option (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  suyuan_http_set_retry (1, 10);
  gui_run_app (store_path, "--server=http://127.0.0.1:1", run_server_option, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/shell", test_shell);
  g_test_add_func ("/gui/kiosk-option", test_kiosk_option);
  g_test_add_func ("/gui/server-option", test_server_option);
  g_test_add_func ("/gui/preferences-live", test_preferences_live);
  return g_test_run ();
}
