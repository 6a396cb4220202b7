/* test-gui-sync.c — the header and the pages follow the data: a freshly
 * installed terminal's first sync fills the Labels page without a restart,
 * the waiting count follows every record written, and offline the header
 * still says how old the recall data is; Preferences say what scope the
 * terminal holds and when the server changed it. Real server on loopback,
 * real store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-labels-page.h"
#include "suyuan-preferences-window.h"
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
  /* Cancelled, as a person would: the page lets its dialog go. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
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

/* Two regions of a small province: three units made in Hangzhou (3301),
 * five in Jinan (3701). */
static const char province[] =
  "{\"format\": \"suyuan/1\","
  " \"parties\": ["
  "  {\"id\": \"P-X\", \"name\": \"P-X\", \"kind\": \"producer\", \"region\": \"330102\"},"
  "  {\"id\": \"P-Y\", \"name\": \"P-Y\", \"kind\": \"producer\", \"region\": \"370102\"}],"
  " \"products\": ["
  "  {\"id\": \"PR-X\", \"name\": \"西湖藕粉\", \"gtin\": \"06901234567038\", \"producer_id\": \"P-X\","
  "   \"category\": \"food\"},"
  "  {\"id\": \"PR-Y\", \"name\": \"阿胶\", \"gtin\": \"06901234567045\", \"producer_id\": \"P-Y\","
  "   \"category\": \"food\"}],"
  " \"batches\": ["
  "  {\"id\": \"B-X\", \"product_id\": \"PR-X\", \"lot\": \"LX\", \"production_date\": \"2026-10-01\","
  "   \"expiry_date\": \"2027-10-01\", \"status\": \"normal\"},"
  "  {\"id\": \"B-Y\", \"product_id\": \"PR-Y\", \"lot\": \"LY\", \"production_date\": \"2026-10-01\","
  "   \"expiry_date\": \"2027-10-01\", \"status\": \"normal\"}],"
  " \"units\": ["
  "  {\"product_id\": \"PR-X\", \"serial\": \"X1\", \"batch_id\": \"B-X\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-X\", \"serial\": \"X2\", \"batch_id\": \"B-X\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-X\", \"serial\": \"X3\", \"batch_id\": \"B-X\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-Y\", \"serial\": \"Y1\", \"batch_id\": \"B-Y\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-Y\", \"serial\": \"Y2\", \"batch_id\": \"B-Y\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-Y\", \"serial\": \"Y3\", \"batch_id\": \"B-Y\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-Y\", \"serial\": \"Y4\", \"batch_id\": \"B-Y\", \"state\": \"commissioned\"},"
  "  {\"product_id\": \"PR-Y\", \"serial\": \"Y5\", \"batch_id\": \"B-Y\", \"state\": \"commissioned\"}]}";

typedef struct {
  const char *dir;
  SuyuanWindow *window;
  SuyuanPreferencesWindow *prefs;
  guint n_finished;      /* syncs ended, as "sync-finished" says */
  guint awaited;
  char *error;           /* what the last one told the user went wrong */
  const char *units;     /* the units row's words awaited */
} ScopeRun;

static void
on_scope_sync_finished (SuyuanApplication *app,
                        gint64             n_changes,
                        const char        *error_message,
                        ScopeRun          *r)
{
  r->n_finished++;
  g_free (r->error);
  r->error = g_strdup (error_message);
}

static gboolean
sync_ended (gpointer data)
{
  ScopeRun *r = data;

  return r->n_finished >= r->awaited;
}

/* Syncs (unless one is under way already) and waits for it to end, well. */
static void
scope_sync (SuyuanApplication *app,
            ScopeRun          *r,
            gboolean           start)
{
  r->awaited = r->n_finished + 1;
  if (start)
    g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  g_assert_true (gui_wait_until (sync_ended, r, 30000));
  g_assert_null (r->error);
}

static char *
units_words (guint n)
{
  g_autofree char *count = g_strdup_printf ("%u", n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s unit on this terminal",
                                       "%s units on this terminal", n), count);
}

static gboolean
units_shown (gpointer data)
{
  ScopeRun *r = data;

  return g_strcmp0 (suyuan_preferences_window_get_units_text (r->prefs), r->units) == 0;
}

static gboolean
toast_shown (gpointer data)
{
  ScopeRun *r = data;

  return has_label_with (GTK_WIDGET (r->window),
                         _("The server changed this terminal’s scope: units and events were pulled again; "
                           "nothing unsent was lost"));
}

/* After a sync the Server group says what the terminal holds. */
static void
expect_holding (ScopeRun   *r,
                const char *scope,
                guint       n_units,
                gboolean    changed)
{
  g_autofree char *units = units_words (n_units);

  r->units = units;
  if (!gui_wait_until (units_shown, r, 5000))
    g_error ("the units row says \"%s\", expected \"%s\"",
             suyuan_preferences_window_get_units_text (r->prefs), units);
  g_assert_cmpstr (suyuan_preferences_window_get_scope_text (r->prefs), ==, scope);
  if (changed)
    g_assert_cmpstr (suyuan_preferences_window_get_scope_changed_text (r->prefs), ==,
                     _("The server changed this terminal’s scope: units and events were pulled again; "
                       "nothing unsent was lost"));
  else
    g_assert_null (suyuan_preferences_window_get_scope_changed_text (r->prefs));
  r->units = NULL;
}

static GtkWindow *
find_preferences (void)
{
  for (int tries = 0; tries < 100; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          /* Its first frames settle before it is resized. */
          if (SUYUAN_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
            {
              gui_wait_ms (300);
              return window;
            }
        }
      gui_wait_ms (50);
    }
  return NULL;
}

static void
run_scope_change (SuyuanApplication *app,
                  gpointer           data)
{
  ScopeRun *r = data;
  GSettings *settings = suyuan_application_get_settings (app);
  SuyuanStore *store = suyuan_application_get_store (app);
  g_autofree char *path = g_build_filename (r->dir, "province.json", NULL);
  g_autofree char *token_x = NULL;
  g_autofree char *token_y = NULL;
  g_autofree char *scope_x = NULL;
  g_autofree char *scope_y = NULL;
  g_autofree char *words_x = NULL;
  g_autofree char *words_y = NULL;
  TestServer *server;

  r->window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (gui_wait_until (gui_widget_mapped, r->window, 10000));
  g_assert_true (g_file_set_contents (path, province, -1, NULL));
  server = test_server_start (r->dir, path);
  token_x = test_server_token (r->dir, "inspector", "3301", NULL, "handheld-x");
  token_y = test_server_token (r->dir, "inspector", "3701", NULL, "handheld-y");
  g_signal_connect (app, "sync-finished", G_CALLBACK (on_scope_sync_finished), r);

  /* Before any sync the terminal knows no scope. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  r->prefs = SUYUAN_PREFERENCES_WINDOW (find_preferences ());
  g_assert_nonnull (r->prefs);
  g_assert_cmpstr (suyuan_preferences_window_get_scope_text (r->prefs), ==, _("Scope: not pulled yet"));
  g_assert_null (suyuan_preferences_window_get_scope_changed_text (r->prefs));
  gtk_window_destroy (GTK_WINDOW (r->prefs));

  /* A handheld of region X: X's three units, under the scope's ID. */
  g_setenv ("SUYUAN_TOKEN", token_x, TRUE);
  g_settings_set_string (settings, "server-url", server->url);
  scope_sync (app, r, FALSE);
  scope_x = suyuan_store_dup_pulled_scope (store);
  g_assert_cmpuint (strlen (scope_x), ==, 16);
  words_x = g_strdup_printf (_("Scope: this token’s (ID %s)"), scope_x);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  r->prefs = SUYUAN_PREFERENCES_WINDOW (find_preferences ());
  g_assert_nonnull (r->prefs);
  expect_holding (r, words_x, 3, FALSE);
  g_assert_false (toast_shown (r));

  /* Its token re-issued for region Y: X's units go, Y's five come, and the
   * page and a toast say why. */
  g_setenv ("SUYUAN_TOKEN", token_y, TRUE);
  scope_sync (app, r, TRUE);
  scope_y = suyuan_store_dup_pulled_scope (store);
  g_assert_cmpstr (scope_y, !=, scope_x);
  words_y = g_strdup_printf (_("Scope: this token’s (ID %s)"), scope_y);
  expect_holding (r, words_y, 5, TRUE);
  g_assert_true (gui_wait_until (toast_shown, r, 5000));
  resize_and_shoot (GTK_WINDOW (r->prefs), 1280, 800, "sync-scope-changed-preferences-desktop");
  resize_and_shoot (GTK_WINDOW (r->prefs), 480, 800, "sync-scope-changed-preferences-handheld");
  gtk_window_destroy (GTK_WINDOW (r->prefs));
  resize_and_shoot (GTK_WINDOW (r->window), 1280, 800, "sync-scope-changed-desktop");
  resize_and_shoot (GTK_WINDOW (r->window), 480, 800, "sync-scope-changed-handheld");

  /* An admin token: the whole province, every unit; the next sync under the
   * same scope changes nothing and the note goes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  r->prefs = SUYUAN_PREFERENCES_WINDOW (find_preferences ());
  g_assert_nonnull (r->prefs);
  g_setenv ("SUYUAN_TOKEN", server->token, TRUE);
  scope_sync (app, r, TRUE);
  expect_holding (r, _("Scope: whole province"), 8, TRUE);
  scope_sync (app, r, TRUE);
  expect_holding (r, _("Scope: whole province"), 8, FALSE);
  gtk_window_destroy (GTK_WINDOW (r->prefs));

  g_settings_set_string (settings, "server-url", "");
  g_unsetenv ("SUYUAN_TOKEN");
  test_server_stop (server);
  g_free (r->error);
  g_signal_handlers_disconnect_by_func (app, on_scope_sync_finished, r);
  gtk_window_destroy (GTK_WINDOW (r->window));
}

/* Started again with no server: the store's scope and units, before any sync. */
static void
run_restarted (SuyuanApplication *app,
               gpointer           data)
{
  ScopeRun *r = data;

  r->window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (gui_wait_until (gui_widget_mapped, r->window, 10000));
  g_assert_null (suyuan_application_get_server (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  r->prefs = SUYUAN_PREFERENCES_WINDOW (find_preferences ());
  g_assert_nonnull (r->prefs);
  expect_holding (r, _("Scope: whole province"), 8, FALSE);
  gtk_window_destroy (GTK_WINDOW (r->prefs));
  gtk_window_destroy (GTK_WINDOW (r->window));
}

static void
test_scope_change (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (store_path, &error);
  ScopeRun run = { dir };

  g_assert_no_error (error);
  suyuan_store_close (store);
  gui_run_app (store_path, NULL, run_scope_change, &run);
  gui_run_app (store_path, NULL, run_restarted, &run);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  /* This one first: it closes its window, so the app ends and the next runs. */
  g_test_add_func ("/gui/sync-scope-change", test_scope_change);
  g_test_add_func ("/gui/sync-refresh", test_sync_refresh);
  return g_test_run ();
}
