/* test-gui-check.c — the Check page end to end: the real app under Xvfb, codes
 * typed through the X server as a keyboard-wedge scanner types them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-verdict-banner.h"
#include "suyuan-window.h"
#include "test-support.h"
#include "paths.h"

#include <string.h>

#include <glib/gi18n.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanVerdictBanner *banner;
  const char *expected_title;
} Scenario;

static gboolean
banner_shows (gpointer data)
{
  Scenario *s = data;

  return g_strcmp0 (suyuan_verdict_banner_get_title (s->banner), s->expected_title) == 0;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Scenario *) data)->window));
}

static void
scan_and_expect (Scenario   *s,
                 const char *code,
                 const char *title,
                 const char *detail_part,
                 const char *screenshot)
{
  g_autofree char *path = NULL;

  s->expected_title = title;
  /* Back to idle first: two scans in a row may have the same verdict. */
  suyuan_verdict_banner_set_verdict (s->banner, NULL);
  gui_scanner_type (GTK_WINDOW (s->window), code);
  if (!gui_wait_until (banner_shows, s, 10000))
    g_error ("after scanning %s the banner says “%s”, expected “%s”", code,
             suyuan_verdict_banner_get_title (s->banner), title);
  g_assert_nonnull (strstr (suyuan_verdict_banner_get_details (s->banner), detail_part));
  path = gui_screenshot (GTK_WINDOW (s->window), screenshot);
  g_test_message ("screenshot: %s", path);
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  Scenario s = { 0 };

  s.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (s.window);
  gtk_window_set_default_size (GTK_WINDOW (s.window), 480, 800);
  g_assert_true (gui_wait_until (window_mapped, &s, 10000));
  s.banner = suyuan_check_page_get_banner (suyuan_window_get_check_page (s.window));
  g_assert_nonnull (s.banner);

  /* Expired milk, as a wedge scanner sends GS1 DataMatrix: no AIM, no GS needed. */
  scan_and_expect (&s, "0106901234567892" "17250331" "10A2501", _("STOP — must not be sold"), "2025", "check-expired");
  /* Water, fine for years: plain EAN-13. */
  scan_and_expect (&s, "6901234567908", _("OK — may be sold"), "", "check-ok");
  /* A code no one knows. */
  scan_and_expect (&s, "4006381333931", _("Unknown code"), "", "check-unknown");
  /* Hostile text is shown as text, not markup. */
  scan_and_expect (&s, "<b>x</b>&amp;", _("Unknown code"), "", "check-hostile");

  g_application_quit (G_APPLICATION (app));
}

static void
test_check_page (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  gui_run_app (store_path, NULL, run_scenario, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/check-page", test_check_page);
  return g_test_run ();
}
