/* test-gui-scan.c — scanning into the real window under Xvfb: keyboard-wedge
 * bursts wherever the focus is, never mixed with hand typing; feedback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "test-support.h"
#include "paths.h"

#include <glib/gi18n.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanVerdictBanner *banner;
  const char *expected_title;
} Ctx;

static gboolean
banner_shows (gpointer data)
{
  Ctx *c = data;

  return g_strcmp0 (suyuan_verdict_banner_get_title (c->banner), c->expected_title) == 0;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Ctx *) data)->window));
}

static void
expect_banner (Ctx        *c,
               const char *title,
               const char *what)
{
  c->expected_title = title;
  if (!gui_wait_until (banner_shows, c, 10000))
    g_error ("after %s the banner says “%s”, expected “%s”", what,
             suyuan_verdict_banner_get_title (c->banner), title);
}

static const char *
focused_text (Ctx *c)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (c->window));

  g_assert_true (GTK_IS_EDITABLE (focus));
  return gtk_editable_get_text (GTK_EDITABLE (focus));
}

static void
test_wedge (SuyuanApplication *app,
            Ctx               *c)
{
  SuyuanCheckPage *page = suyuan_window_get_check_page (c->window);
  SuyuanScanFeedback *feedback = suyuan_window_get_scan_feedback (c->window);
  g_autofree char *shot = NULL;
  guint sounds;

  /* Generous for a loaded machine: xdotool bursts are ~3 ms a key, people 250. */
  suyuan_wedge_input_set_max_gap_ms (suyuan_window_get_wedge_input (c->window), 120);
  suyuan_check_page_focus_entry (page);

  /* Someone starts typing a code by hand, and a scan arrives halfway. */
  gui_xdotool_type (GTK_WINDOW (c->window), "690", 250);
  g_assert_cmpstr (focused_text (c), ==, "690");
  sounds = suyuan_scan_feedback_get_n_sounds (feedback);
  gui_xdotool_type (GTK_WINDOW (c->window), "4006381333931\n", 3);
  expect_banner (c, _("Unknown code"), "a scanner burst into a half-typed field");
  /* The scan took nothing from and left nothing in what the person typed. */
  g_assert_cmpstr (focused_text (c), ==, "690");
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (c->banner), "scan-flash"));
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-wedge-unknown");
  g_test_message ("screenshot: %s", shot);

  /* The person finishes by hand: slow typing and Enter are the entry's. */
  gui_xdotool_type (GTK_WINDOW (c->window), "1234567908\n", 200);
  expect_banner (c, _("OK — may be sold"), "finishing the code by hand");
  g_assert_cmpstr (focused_text (c), ==, "");

  /* Focus away from any field: a scan still lands, STOP raises the alarm. */
  gtk_root_set_focus (GTK_ROOT (c->window), NULL);
  sounds = suyuan_scan_feedback_get_n_sounds (feedback);
  gui_xdotool_type (GTK_WINDOW (c->window), "0106901234567892" "17250331" "10A2501\n", 3);
  expect_banner (c, _("STOP — must not be sold"), "a scan with no field focused");
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (c->banner), "scan-flash-stop"));
  g_clear_pointer (&shot, g_free);
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-wedge-stop");
  g_test_message ("screenshot: %s", shot);
}

typedef void (*ScenarioFunc) (SuyuanApplication *app, Ctx *c);

static void
run_scenario (SuyuanApplication *app)
{
  ScenarioFunc func = g_object_get_data (G_OBJECT (app), "scenario");
  Ctx c = { 0 };

  c.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (c.window);
  gtk_window_set_default_size (GTK_WINDOW (c.window), 480, 800);
  g_assert_true (gui_wait_until (window_mapped, &c, 10000));
  c.banner = suyuan_check_page_get_banner (suyuan_window_get_check_page (c.window));
  func (app, &c);
  g_application_quit (G_APPLICATION (app));
}

static void
on_activate (SuyuanApplication *app)
{
  g_idle_add_once ((GSourceOnceFunc) run_scenario, app);
}

static void
run_app (gconstpointer data)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  g_autofree char *store_arg = NULL;
  g_autoptr(SuyuanApplication) app = NULL;
  char *argv[3];

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  store_arg = g_strconcat ("--store=", store_path, NULL);
  argv[0] = "suyuan";
  argv[1] = store_arg;
  argv[2] = NULL;
  g_unsetenv ("SUYUAN_SERVER");
  app = suyuan_application_new ();
  g_object_set_data (G_OBJECT (app), "scenario", (gpointer) data);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, argv), ==, 0);
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
  g_test_add_data_func ("/gui/scan/wedge", (gconstpointer) test_wedge, run_app);
  return g_test_run ();
}
