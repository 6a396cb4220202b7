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

static gboolean
has_label_with (GtkWidget  *widget,
                const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_label_with (c, part))
      return TRUE;
  return FALSE;
}

static gboolean
width_is (gpointer data)
{
  gpointer *args = data;

  return ABS (gtk_widget_get_width (args[0]) - GPOINTER_TO_INT (args[1])) <= 24;
}

/* A GS1 code with its GS separator: the code row names it, no tofu box. */
static void
check_gs_shown (Scenario   *s,
                int         width,
                int         height,
                const char *screenshot)
{
  SuyuanCheckPage *page = suyuan_window_get_check_page (s->window);
  gpointer args[2] = { s->window, GINT_TO_POINTER (width) };
  g_autofree char *path = NULL;

  gtk_widget_set_visible (GTK_WIDGET (s->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (s->window), width, height);
  gtk_window_present (GTK_WINDOW (s->window));
  g_assert_true (gui_wait_until (width_is, args, 5000));
  suyuan_window_scanned (s->window, "0106901234567908\x1d" "10W2611");
  g_assert_cmpstr (suyuan_verdict_banner_get_title (s->banner), ==, _("STOP — must not be sold"));
  g_assert_true (has_label_with (GTK_WIDGET (page), "0106901234567908⟨GS⟩10W2611"));
  g_assert_false (has_label_with (GTK_WIDGET (page), "\x1d"));
  /* One date style: the hold notice's day as the rows write dates. */
  {
    g_autoptr(GDateTime) issued = g_date_time_new_local (2026, 11, 20, 0, 0, 0);
    g_autofree char *day = g_date_time_format (issued, _("%Y-%m-%d"));

    g_assert_true (has_label_with (GTK_WIDGET (page), day));
    if (g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0)
      g_assert_true (has_label_with (GTK_WIDGET (page), "2026年11月20日"));
  }
  gui_wait_ms (300);
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
  /* A generous scanner gap: on a loaded machine the first keys of a burst
   * can come slower than a scanner's, and would be taken for typing. */
  g_settings_set_uint (suyuan_application_get_settings (app), "wedge-max-gap-ms", 300);
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
  /* A mistyped barcode: the reason in the words on the package, not "AI (01)". */
  {
    g_autofree char *wrong = g_strdup_printf (_("%s has a wrong check digit"), _("GTIN (01)"));

    scan_and_expect (&s, "6901234567903", _("STOP — must not be sold"), wrong, "check-bad-digit");
    if (g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0)
      g_assert_nonnull (strstr (suyuan_verdict_banner_get_details (s.banner), "商品条码校验位错误"));
    g_assert_null (strstr (suyuan_verdict_banner_get_details (s.banner), "AI ("));
  }
  check_gs_shown (&s, 480, 800, "check-gs-480");
  check_gs_shown (&s, 1280, 1024, "check-gs-desktop");

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
