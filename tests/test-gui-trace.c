/* test-gui-trace.c — the trace chain and the notices on the Check page: the
 * real app under Xvfb, codes typed as a keyboard-wedge scanner types them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-check-page.h"
#include "suyuan-window.h"
#include "test-support.h"
#include "paths.h"

#include <glib/gi18n.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanCheckPage *page;
  const char *expected_title;
} Scenario;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Scenario *) data)->window));
}

static gboolean
banner_shows (gpointer data)
{
  Scenario *s = data;

  return g_strcmp0 (suyuan_verdict_banner_get_title (suyuan_check_page_get_banner (s->page)), s->expected_title) == 0;
}

static gboolean
width_is (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (((Scenario *) data)->window)) >= 1200;
}

static void
scan (Scenario   *s,
      const char *code,
      const char *title)
{
  s->expected_title = title;
  /* Back to idle first: two scans in a row may have the same verdict. */
  suyuan_verdict_banner_set_verdict (suyuan_check_page_get_banner (s->page), NULL);
  /* Where a scanner's keys land when the burst is too slow to be told apart
   * from typing (a loaded machine): the entry checks them the same way. */
  suyuan_check_page_focus_entry (s->page);
  gui_scanner_type (GTK_WINDOW (s->window), code);
  if (!gui_wait_until (banner_shows, s, 10000))
    g_error ("after scanning %s the banner does not say “%s”", code, title);
}

static void
scroll_to (Scenario *s,
           gboolean  bottom)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (suyuan_check_page_get_trace_view (s->page)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gui_wait_ms (200);  /* let the new rows be measured */
  gtk_adjustment_set_value (adj, bottom ? gtk_adjustment_get_upper (adj) : 0);
  gui_wait_ms (100);
}

static void
assert_step (SuyuanTraceView *view,
             guint            i,
             const char      *step,
             const char      *party)
{
  g_autofree char *expected = g_strdup_printf ("%s|%s", step, party);
  g_autofree char *text = suyuan_trace_view_dup_step_text (view, i);

  g_assert_cmpstr (text, ==, expected);
}

static void
check_trace_chain (Scenario   *s,
                   const char *screenshot)
{
  SuyuanTraceView *view = suyuan_check_page_get_trace_view (s->page);
  g_autofree char *path = NULL;

  /* A box received by this shop: producer → distributor → shop, oldest first. */
  scan (s, "82345670000001021234", _("OK — may be sold"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_cmpuint (suyuan_trace_view_get_n_steps (view), ==, 5);
  assert_step (view, 0, _("Produced and coded"), "华康药业有限公司");
  assert_step (view, 1, _("Shipped"), "华康药业有限公司");
  assert_step (view, 2, _("Received"), "九州医药物流有限公司");
  assert_step (view, 3, _("Shipped"), "九州医药物流有限公司");
  assert_step (view, 4, _("Received"), "惠民大药房（城东店）");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (suyuan_check_page_get_alert_list (s->page))));
  scroll_to (s, TRUE);
  path = gui_screenshot (GTK_WINDOW (s->window), screenshot);
  g_test_message ("screenshot: %s", path);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

#define HOSTILE_NAME "<b>假药</b>&amp;<span"

/* Names from the feed are shown exactly as sent: had they been parsed as
 * markup, the label would read "假药&" or nothing at all. */
static void
check_hostile_names (Scenario *s)
{
  SuyuanTraceView *view = suyuan_check_page_get_trace_view (s->page);
  g_autofree char *who = g_strdup_printf ("%s · %s", HOSTILE_NAME, _("Retailer"));
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 ("2026-11-03T10:00:00+08:00", NULL);
  g_autofree char *day = g_date_time_format (time, _("%Y-%m-%d %H:%M"));
  g_autofree char *when = g_strdup_printf ("%s · <i>place</i>", day);

  scan (s, "82345670000007771234", _("OK — may be sold"));
  g_assert_cmpuint (suyuan_trace_view_get_n_steps (view), ==, 4);
  g_assert_true (has_label (GTK_WIDGET (view), who));
  /* The time as the locale writes dates (2026年11月3日), at the place's offset. */
  g_assert_true (has_label (GTK_WIDGET (view), when));
}

static gboolean
stop_flashing (gpointer data)
{
  Scenario *s = data;

  return gtk_widget_has_css_class (GTK_WIDGET (suyuan_check_page_get_banner (s->page)), "scan-flash-stop");
}

/* The repro: read a box's trace chain at the bottom of the page, then
 * scan a unit already sold. The STOP must be where the eyes are, flashing. */
static void
check_stop_in_view (Scenario   *s,
                    const char *screenshot)
{
  GtkWidget *banner = GTK_WIDGET (suyuan_check_page_get_banner (s->page));
  GtkWidget *scroller = gtk_widget_get_ancestor (banner, GTK_TYPE_SCROLLED_WINDOW);
  g_autofree char *path = NULL;
  g_autofree char *cause_shot = NULL;
  graphene_rect_t bounds;

  /* check_trace_chain left the box's chain in view, scrolled to the bottom
   * (the same code again would be taken for a double scan). */
  scan (s, "82345670000001011234", _("STOP — must not be sold"));
  g_assert_true (gui_wait_until (stop_flashing, s, 2000));
  /* The sale that makes this scan a STOP is marked as its cause, not a ✓. */
  {
    SuyuanTraceView *view = suyuan_check_page_get_trace_view (s->page);
    int cause = suyuan_trace_view_get_cause_step (view);
    g_autofree char *text = NULL;

    g_assert_cmpint (cause, >=, 0);
    text = suyuan_trace_view_dup_step_text (view, cause);
    g_assert_true (g_str_has_prefix (text, _("Sold")));
  }
  gui_wait_ms (200);
  g_assert_true (gtk_widget_compute_bounds (banner, scroller, &bounds));
  /* The banner's top and its title, at least, are inside the scroller's view. */
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + 120, <=, gtk_widget_get_height (scroller));
  path = gui_screenshot (GTK_WINDOW (s->window), screenshot);
  g_test_message ("screenshot: %s", path);
  g_clear_pointer (&path, g_free);
  /* The chain below, with the sale marked. */
  scroll_to (s, TRUE);
  cause_shot = g_strconcat (screenshot, "-cause", NULL);
  path = gui_screenshot (GTK_WINDOW (s->window), cause_shot);
  g_test_message ("screenshot: %s", path);
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  Scenario s = { 0 };
  SuyuanAlertList *alerts;
  g_autofree char *path = NULL;

  s.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  /* A generous scanner gap: this machine may be loaded. */
  g_settings_set_uint (suyuan_application_get_settings (app), "wedge-max-gap-ms", 300);
  gtk_window_set_default_size (GTK_WINDOW (s.window), 480, 800);
  g_assert_true (gui_wait_until (window_mapped, &s, 10000));
  s.page = suyuan_window_get_check_page (s.window);
  alerts = suyuan_check_page_get_alert_list (s.page);

  check_trace_chain (&s, "trace-chain-480");
  /* An OK chain has no cause. */
  g_assert_cmpint (suyuan_trace_view_get_cause_step (suyuan_check_page_get_trace_view (s.page)), ==, -1);
  check_stop_in_view (&s, "trace-stop-in-view-480");
  check_hostile_names (&s);

  /* A held batch: the notice is one tap away, and no chain is invented. */
  scan (&s, "0106901234567908" "10W2611", _("STOP — must not be sold"));
  g_assert_cmpuint (suyuan_alert_list_get_n_alerts (alerts), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (suyuan_check_page_get_trace_view (s.page))));
  suyuan_alert_list_expand (alerts, 0);
  scroll_to (&s, FALSE);
  path = gui_screenshot (GTK_WINDOW (s.window), "trace-notice-480");
  g_test_message ("screenshot: %s", path);

  /* The same at desktop size. */
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1280, 1024);
  g_assert_true (gui_wait_until (width_is, &s, 5000));
  check_trace_chain (&s, "trace-chain-desktop");
  check_stop_in_view (&s, "trace-stop-in-view-desktop");

  g_application_quit (G_APPLICATION (app));
}

static void
test_trace_chain (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  SuyuanStore *store = test_open_demo_store (dir, &store_path);
  g_autoptr(JsonNode) extra = json_from_string (
      "{\"parties\":[{\"id\":\"P-EVIL\",\"name\":\"" HOSTILE_NAME "\",\"kind\":\"retailer\"}],"
      "\"units\":[{\"product_id\":\"PR-IBU\",\"serial\":\"000000777\",\"batch_id\":\"B-IBU-261001\"}],"
      "\"events\":[{\"id\":\"E-EVIL\",\"type\":\"receiving\",\"time\":\"2026-11-03T10:00:00+08:00\","
      "\"product_id\":\"PR-IBU\",\"serial\":\"000000777\",\"party_id\":\"P-EVIL\",\"place\":\"<i>place</i>\"}]}", NULL);

  g_assert_nonnull (extra);
  g_assert_true (suyuan_store_import_document (store, extra, NULL, NULL));
  suyuan_store_close (store);
  gui_run_app (store_path, NULL, run_scenario, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/trace-chain", test_trace_chain);
  return g_test_run ();
}
