/* test-gui-online.c — Check on a terminal whose store does not know the
 * code: the local verdict at once, then the server's answer (a real
 * suyuan-server on loopback) with where it came from; a later scan is never
 * overwritten by an older scan's late answer; with the server gone, the
 * banner says the code alone was judged; a scan whose answer is still due
 * when the app quits is kept in Records as the terminal judged it.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-check-page.h"
#include "suyuan-window.h"
#include "http-client.h"
#include "test-support.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#define AMOXICILLIN "81234560000000011234"            /* recalled: STOP */
#define IBUPROFEN "82345670000001041234"
#define MILK_A2501 "01069012345678921725033110A2501"

typedef struct {
  SuyuanWindow *window;
  SuyuanCheckPage *page;
  const char *dir;
  const char *store_path;
  const char *source;
} Scenario;

static gboolean
source_is (gpointer data)
{
  Scenario *s = data;

  return g_strcmp0 (suyuan_verdict_banner_get_source (suyuan_check_page_get_banner (s->page)), s->source) == 0;
}

static void
expect_source (Scenario   *s,
               const char *source)
{
  s->source = source;
  if (!gui_wait_until (source_is, s, 15000))
    g_error ("the banner says it came from \"%s\", expected \"%s\"",
             suyuan_verdict_banner_get_source (suyuan_check_page_get_banner (s->page)), source);
}

static gboolean
width_is (gpointer data)
{
  GtkWidget **args = data;

  return ABS (gtk_widget_get_width (args[0]) - GPOINTER_TO_INT (args[1])) <= 24;
}

static void
shoot (Scenario   *s,
       int         width,
       int         height,
       const char *name)
{
  gpointer args[2] = { s->window, GINT_TO_POINTER (width) };
  g_autofree char *path = NULL;

  gtk_window_set_default_size (GTK_WINDOW (s->window), width, height);
  if (!gui_wait_until (width_is, args, 5000))
    {
      gtk_widget_set_visible (GTK_WIDGET (s->window), FALSE);
      gtk_window_present (GTK_WINDOW (s->window));
      g_assert_true (gui_wait_until (width_is, args, 5000));
    }
  gui_wait_ms (350);
  path = gui_screenshot (GTK_WINDOW (s->window), name);
  g_test_message ("screenshot: %s", path);
}

/* Whether the terminal's own store knows @input's product now (the server's
 * answer is kept). Its own connection, as another program would read it. */
static gboolean
cached (gpointer data)
{
  Scenario *s = ((gpointer *) data)[0];
  const char *input = ((gpointer *) data)[1];
  g_autoptr(SuyuanStore) store = suyuan_store_open (s->store_path, NULL);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (input, -1);
  g_autoptr(SuyuanLookup) lookup = store ? suyuan_store_lookup (store, code, NULL) : NULL;

  return lookup != NULL && lookup->product != NULL;
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  Scenario *s = data;
  SuyuanVerdictBanner *banner;
  TestServer *server;
  gpointer args[2] = { s, (gpointer) IBUPROFEN };
  g_autofree char *stop_title = NULL;
  g_autofree char *url = NULL;

  s->window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  s->page = suyuan_window_get_check_page (s->window);
  banner = suyuan_check_page_get_banner (s->page);
  g_assert_true (gui_wait_until (gui_widget_mapped, s->window, 10000));

  /* The page asks this server; the app itself is not told, so no sync
   * fills the store and every answer below comes from the lookup. */
  server = test_server_start (s->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  url = g_strdup (server->url);
  g_setenv ("SUYUAN_TOKEN", server->token, TRUE);
  suyuan_check_page_set_server (s->page, s->store_path, server->url);

  /* The store knows nothing: the code's own verdict at once, the server asked… */
  suyuan_window_scanned (s->window, AMOXICILLIN);
  g_assert_cmpint (suyuan_check_page_get_level (s->page), !=, SUYUAN_LEVEL_STOP);
  g_assert_cmpstr (suyuan_verdict_banner_get_source (banner), ==, _("Asking the server…"));
  /* …and STOP when it answers, saying so. */
  expect_source (s, _("Answer from the server"));
  g_assert_cmpint (suyuan_check_page_get_level (s->page), ==, SUYUAN_LEVEL_STOP);
  stop_title = g_strdup (suyuan_verdict_banner_get_title (banner));
  g_test_message ("server verdict: %s — %s", stop_title, suyuan_verdict_banner_get_details (banner));
  shoot (s, 1280, 1024, "online-stop-desktop");
  shoot (s, 480, 800, "online-stop-handheld");

  /* Asked again, the kept answer is the terminal's own. */
  suyuan_window_scanned (s->window, AMOXICILLIN);
  g_assert_cmpint (suyuan_check_page_get_level (s->page), ==, SUYUAN_LEVEL_STOP);
  g_assert_cmpstr (suyuan_verdict_banner_get_source (banner), ==, _("Answer from this terminal"));

  /* A scan made while the server is asked about an older one stays shown. */
  suyuan_window_scanned (s->window, IBUPROFEN);
  suyuan_window_scanned (s->window, AMOXICILLIN);
  g_assert_true (gui_wait_until (cached, args, 15000));
  gui_wait_ms (500);
  g_assert_cmpint (suyuan_check_page_get_level (s->page), ==, SUYUAN_LEVEL_STOP);
  g_assert_cmpstr (suyuan_verdict_banner_get_title (banner), ==, stop_title);
  g_assert_cmpstr (suyuan_verdict_banner_get_source (banner), ==, _("Answer from this terminal"));

  /* The server gone: judged from the code alone, and the banner says so. */
  test_server_stop (server);
  suyuan_window_scanned (s->window, MILK_A2501);
  expect_source (s, _("Offline: judged from the code alone"));
  g_test_message ("offline verdict: %s — %s", suyuan_verdict_banner_get_title (banner),
                  suyuan_verdict_banner_get_details (banner));
  shoot (s, 480, 800, "online-offline-handheld");
  shoot (s, 1280, 1024, "online-offline-desktop");

  /* The window hands the page the server chosen in Preferences: without
   * one nothing is asked, with one (here unreachable) the page asks. */
  {
    suyuan_check_page_set_server (s->page, NULL, NULL);
    suyuan_window_scanned (s->window, "0106901234567908" "10W2610");
    g_assert_cmpstr (suyuan_verdict_banner_get_source (banner), ==, _("Offline: judged from the code alone"));
    g_settings_set_string (suyuan_application_get_settings (app), "server-url", url);
    suyuan_window_scanned (s->window, "0106901234567922" "10Y2611");
    g_assert_cmpstr (suyuan_verdict_banner_get_source (banner), ==, _("Asking the server…"));
    expect_source (s, _("Offline: judged from the code alone"));
    g_settings_set_string (suyuan_application_get_settings (app), "server-url", "");
  }

  g_unsetenv ("SUYUAN_TOKEN");
  gtk_window_close (GTK_WINDOW (s->window));
}

/* The app on a new, empty terminal store at @s's store_path. */
static void
run_on_empty_store (GuiScenario  scenario,
                    Scenario    *s)
{
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (s->store_path, &error);

  g_assert_no_error (error);
  suyuan_store_close (store);
  gui_run_app (s->store_path, NULL, scenario, s);
}

static void
test_online_check (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = g_build_filename (dir, "terminal.db", NULL);
  Scenario s = { NULL, NULL, dir, store_path, NULL };

  /* The app's own sync with the unreachable server fails at once. */
  suyuan_http_set_retry (1, 10);
  run_on_empty_store (run_scenario, &s);
  test_dir_free (g_steal_pointer (&dir));
}

#define PENDING_SCAN "0106901234567908" "10Q2612"

/* A server that takes the connection and never answers. */
static GSocket *
silent_server (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return socket;
}

static void
quit_while_asking (SuyuanApplication *app,
                   gpointer           data)
{
  Scenario *s = data;
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *url = NULL;

  s->window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  s->page = suyuan_window_get_check_page (s->window);
  g_assert_true (gui_wait_until (gui_widget_mapped, s->window, 10000));
  socket = silent_server (&url);
  g_setenv ("SUYUAN_TOKEN", "a-token-nobody-checks", TRUE);
  suyuan_check_page_set_server (s->page, s->store_path, url);

  suyuan_window_scanned (s->window, PENDING_SCAN);
  g_assert_cmpstr (suyuan_verdict_banner_get_source (suyuan_check_page_get_banner (s->page)), ==,
                   _("Asking the server…"));
  /* Ctrl+Q before the answer (the lookup waits up to 3 s). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_unsetenv ("SUYUAN_TOKEN");
}

static void
test_quit_while_asking (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = g_build_filename (dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  Scenario s = { NULL, NULL, dir, store_path, NULL };
  SuyuanStore *store;

  run_on_empty_store (quit_while_asking, &s);

  /* Kept once, with the verdict the inspector saw. */
  store = suyuan_store_open (store_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM records WHERE kind = 'scan'"
                                          " AND json_extract (data, '$.raw') = '" PENDING_SCAN "'"), ==, 1);
  suyuan_store_close (store);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/online-check", test_online_check);
  g_test_add_func ("/gui/online-quit-while-asking", test_quit_while_asking);
  return g_test_run ();
}
