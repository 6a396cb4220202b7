/* test-gui-kiosk.c — kiosk mode is a public query terminal: a passer-by
 * tries every page and every action; only Check answers, nothing is written,
 * exported or opened, and switching kiosk on closes Preferences.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-inspect-page.h"
#include "suyuan-labels-page.h"
#include "suyuan-preferences-window.h"
#include "suyuan-receive-page.h"
#include "suyuan-records-page.h"
#include "suyuan-verdict-banner.h"
#include "suyuan-window.h"
#include "admin-pin.h"
#include "outbox.h"
#include "paths.h"
#include "test-support.h"

#include <glib/gi18n.h>

#define PIN "2468"

static void
resize_and_shoot (GtkWindow  *window,
                  int         width,
                  int         height,
                  const char *name)
{
  g_autofree char *path = NULL;

  gui_resize_window (window, width, height);
  gui_wait_ms (350);
  path = gui_screenshot (window, name);
  g_test_message ("screenshot: %s", path);
}

/* How many toplevels are mapped: a new one is a dialog a passer-by opened. */
static guint
count_mapped_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      n += gtk_widget_get_mapped (window);
    }
  return n;
}

static gboolean
prefs_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
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

static GVariant *
parameter_for (const GVariantType *type)
{
  if (type == NULL)
    return NULL;
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_new_string ("csv");
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 (0);
  g_error ("no test parameter for action type %.*s", (int) g_variant_type_get_string_length (type),
           g_variant_type_peek_string (type));
}

/* Every action every locked page has, pressed as a script would press it. */
static void
try_page_actions (SuyuanApplication *app,
                  SuyuanWindow      *window,
                  GtkWidget         *page)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (page);
  const char *name;
  const GVariantType *type;
  const char *property;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &type, &property); i++)
    {
      guint before = count_mapped_toplevels ();
      gint64 pending = suyuan_outbox_count_pending (suyuan_application_get_store (app));
      GVariant *parameter = parameter_for (type);

      g_test_message ("kiosk: trying %s", name);
      gtk_widget_activate_action_variant (page, name, parameter);
      gui_wait_ms (150);
      if (count_mapped_toplevels () != before)
        g_error ("kiosk: %s opened a window", name);
      g_assert_cmpint (suyuan_outbox_count_pending (suyuan_application_get_store (app)), ==, pending);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                         ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK))),
                       ==, "check");
    }
}

static void
check_kiosk_public (SuyuanApplication *app,
                    SuyuanWindow      *window)
{
  GSettings *settings = suyuan_application_get_settings (app);
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  const char *pages[] = { "inspect", "receive", "labels", "records" };
  GType page_types[] = {
    SUYUAN_TYPE_INSPECT_PAGE, SUYUAN_TYPE_RECEIVE_PAGE, SUYUAN_TYPE_LABELS_PAGE, SUYUAN_TYPE_RECORDS_PAGE,
  };
  const char *app_actions[] = { "preferences", "about" };
  const char *win_actions[] = { "win.fullscreen", "win.enter-kiosk" };
  SuyuanVerdictBanner *banner = suyuan_check_page_get_banner (suyuan_window_get_check_page (window));
  gpointer prefs;
  guint before;

  /* The kiosk switch in Preferences: the window goes at once. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = NULL;
  for (int tries = 0; prefs == NULL && tries < 100; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (SUYUAN_IS_PREFERENCES_WINDOW (w))
            prefs = w;
        }
      gui_wait_ms (50);
    }
  g_assert_nonnull (prefs);
  g_assert_true (gui_wait_until (gui_widget_mapped, prefs, 5000));
  g_object_add_weak_pointer (prefs, &prefs);
  g_settings_set_boolean (settings, "kiosk", TRUE);
  g_assert_true (suyuan_application_get_kiosk (app));
  g_assert_true (gui_wait_until (prefs_gone, &prefs, 5000));

  /* Every page but Check: not in the switcher, and asking for it stays on Check. */
  adw_view_stack_set_visible_child_name (stack, "check");
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = find_descendant (GTK_WIDGET (window), page_types[i]);

      g_assert_nonnull (page);
      g_assert_false (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, page)));
      adw_view_stack_set_visible_child_name (stack, pages[i]);
      gui_wait_ms (50);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "check");
      try_page_actions (app, window, page);
    }

  /* One page: no switcher, neither in the header nor at the bottom. */
  g_assert_false (adw_view_switcher_bar_get_reveal (
                    ADW_VIEW_SWITCHER_BAR (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR))));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (
                    ADW_VIEW_SWITCHER_TITLE (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE))));

  /* Settings, About (its links open a browser), fullscreen toggling: locked. */
  before = count_mapped_toplevels ();
  for (gsize i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), app_actions[i]));
      g_action_group_activate_action (G_ACTION_GROUP (app), app_actions[i], NULL);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (win_actions); i++)
    gtk_widget_activate_action (GTK_WIDGET (window), win_actions[i], NULL);
  gui_wait_ms (200);
  g_assert_cmpuint (count_mapped_toplevels (), ==, before);

  /* A scan is always a check, with the public trace view; nothing recorded. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.scan", "s", "82345670000001011234"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "check");
  g_assert_cmpstr (suyuan_verdict_banner_get_title (banner), ==, _("STOP — must not be sold"));
  g_assert_cmpint (suyuan_outbox_count_pending (suyuan_application_get_store (app)), ==, 0);
  resize_and_shoot (GTK_WINDOW (window), 1280, 1024, "kiosk-public-desktop");
  resize_and_shoot (GTK_WINDOW (window), 480, 800, "kiosk-public-handheld");

  /* With the PIN the pages come back. */
  g_settings_set_boolean (settings, "kiosk", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-kiosk", NULL);
  g_assert_nonnull (suyuan_window_get_pin_dialog (window));
  suyuan_pin_dialog_submit (suyuan_window_get_pin_dialog (window), PIN);
  g_assert_false (suyuan_application_get_kiosk (app));
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = find_descendant (GTK_WIDGET (window), page_types[i]);

      g_assert_true (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, page)));
      g_assert_true (gtk_widget_get_sensitive (page));
    }
  adw_view_stack_set_visible_child_name (stack, "records");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "records");
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  SuyuanWindow *window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_true (gui_wait_until (gui_widget_mapped, window, 10000));
  check_kiosk_public (app, window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_kiosk_public (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  g_autofree char *hash = suyuan_admin_pin_hash (PIN);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The memory settings backend is per process: the app sees this PIN. */
  g_settings_set_string (settings, "kiosk-pin-hash", hash);
  suyuan_store_close (test_open_demo_store (dir, &store_path));
  gui_run_app (store_path, NULL, run_scenario, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/kiosk-public", test_kiosk_public);
  return g_test_run ();
}
