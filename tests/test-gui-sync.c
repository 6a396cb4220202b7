/* test-gui-sync.c — the header and the pages follow the data: a freshly
 * installed terminal's first sync fills the Labels page without a restart,
 * the waiting count follows every record written, and offline the header
 * still says how old the recall data is. Real server on loopback, real store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-labels-page.h"
#include "suyuan-records-page.h"
#include "suyuan-save-name.h"
#include "suyuan-sync-status.h"
#include "suyuan-window.h"
#include "http-client.h"
#include "outbox.h"
#include "paths.h"
#include "test-support.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  SuyuanWindow *window;
  const char *dir;
  const char *expected;
} Scenario;

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

static gboolean
header_is (gpointer data)
{
  Scenario *s = data;

  return g_strcmp0 (suyuan_window_get_sync_text (s->window), s->expected) == 0;
}

static void
expect_header (Scenario   *s,
               const char *text)
{
  s->expected = text;
  if (!gui_wait_until (header_is, s, 20000))
    g_error ("the header says \"%s\", expected \"%s\"", suyuan_window_get_sync_text (s->window), text);
}

static void
enqueue_scan (SuyuanApplication *app)
{
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  json_object_set_string_member (data, "code", "6901234567908");
  uuid = suyuan_outbox_enqueue (suyuan_application_get_store (app), SUYUAN_RECORD_SCAN, data, &error);
  g_assert_no_error (error);
}

static char *
status_now (gint64   synced_at,
            gboolean offline,
            gint64   n_pending)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) at = synced_at ? g_date_time_new_from_unix_local (synced_at) : NULL;

  return suyuan_sync_status_text (at, now, offline, n_pending);
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

static GtkWindow *
find_chooser (void)
{
  for (int tries = 0; tries < 100; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
            return window;
        }
      gui_wait_ms (50);
    }
  return NULL;
}

/* The synced events, exported for a person: in their language, and offered
 * in the documents folder under a name in their language. */
static void
check_export (Scenario *s)
{
  SuyuanRecordsPage *records = SUYUAN_RECORDS_PAGE (find_descendant (GTK_WIDGET (s->window),
                                                                     SUYUAN_TYPE_RECORDS_PAGE));
  g_autofree char *path = g_build_filename (s->dir, "events.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *head = NULL;
  g_autofree char *shipped = g_strdup_printf (",%s,", _("Shipped"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) documents = suyuan_save_folder ();
  g_autofree char *name = NULL;
  GtkWindow *chooser;

  g_assert_true (gui_export_and_wait (records, path, TRUE));
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  head = g_strdup_printf ("\xef\xbb\xbf%s,%s,", _("Event ID"), _("Event type"));
  g_assert_true (g_str_has_prefix (csv, head));
  g_assert_nonnull (strstr (csv, shipped));
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0)
    {
      g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf事件编号,事件类型,"));
      g_assert_null (strstr (csv, ",shipping,"));
    }

  gtk_widget_activate_action (GTK_WIDGET (records), "records.export", "s", "csv");
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  /* The dialog knows its folder once it has loaded it. */
  for (int tries = 0; folder == NULL && tries < 100; tries++)
    {
      folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
      if (folder == NULL)
        gui_wait_ms (50);
    }
  g_assert_nonnull (folder);
  g_assert_true (g_file_equal (folder, documents));
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, _("traceability-events.csv"));
  gtk_window_destroy (chooser);
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  Scenario s = { SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))), data, NULL };
  GSettings *settings = suyuan_application_get_settings (app);
  SuyuanLabelsPage *labels = suyuan_window_get_labels_page (s.window);
  SuyuanStore *store = suyuan_application_get_store (app);
  g_autofree char *synced = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *offline = NULL;
  TestServer *server;
  gint64 synced_at;

  g_assert_true (gui_wait_until (gui_widget_mapped, s.window, 10000));
  /* A new terminal: nothing to print labels for yet. */
  g_assert_false (suyuan_labels_page_choose (labels, "PR-MILK", "A2611", 21, "a4-3x7"));

  /* The first sync: the Labels page offers what it brought, no restart. */
  server = test_server_start (s.dir, g_getenv ("SUYUAN_DEMO_JSON"));
  g_setenv ("SUYUAN_TOKEN", server->token, TRUE);
  g_settings_set_string (settings, "server-url", server->url);
  synced = g_strndup (_("Synced %s"), strlen (_("Synced %s")) - 2);
  s.expected = NULL;
  for (int i = 0; i < 400 && !g_str_has_prefix (suyuan_window_get_sync_text (s.window), synced); i++)
    gui_wait_ms (50);
  synced_at = suyuan_store_get_synced_at (store);
  g_assert_cmpint (synced_at, >, 0);
  g_clear_pointer (&synced, g_free);
  synced = status_now (synced_at, FALSE, 0);
  expect_header (&s, synced);
  g_assert_true (suyuan_labels_page_choose (labels, "PR-MILK", "A2611", 21, "a4-3x7"));
  /* The batch offered with its dates as the locale writes them. */
  {
    g_autoptr(GDateTime) made = g_date_time_new_local (2026, 11, 1, 0, 0, 0);
    g_autofree char *day = g_date_time_format (made, _("%Y-%m-%d"));
    g_autofree char *title = g_strdup_printf ("A2611  %s", day);

    g_assert_true (has_label_with (GTK_WIDGET (labels), title));
  }
  check_export (&s);

  /* A record written on any page: the count follows without a sync. */
  enqueue_scan (app);
  enqueue_scan (app);
  waiting = status_now (synced_at, FALSE, 2);
  expect_header (&s, waiting);

  /* The server goes away: offline, and still how old the recall data is. */
  test_server_stop (server);
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  offline = status_now (synced_at, TRUE, 2);
  expect_header (&s, offline);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (labels),
                                                                                ADW_TYPE_VIEW_STACK)),
                                         "labels");
  resize_and_shoot (GTK_WINDOW (s.window), 1280, 1024, "sync-offline-labels-desktop");
  resize_and_shoot (GTK_WINDOW (s.window), 480, 800, "sync-offline-labels-handheld");

  g_settings_set_string (settings, "server-url", "");
  g_unsetenv ("SUYUAN_TOKEN");
  g_application_quit (G_APPLICATION (app));
}

static void
test_sync_refresh (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (store_path, &error);

  g_assert_no_error (error);
  suyuan_store_close (store);
  /* An unreachable server fails at once instead of after retries. */
  suyuan_http_set_retry (1, 10);
  gui_run_app (store_path, NULL, run_scenario, dir);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/sync-refresh", test_sync_refresh);
  return g_test_run ();
}
