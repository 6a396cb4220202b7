/* gui-app.c — see gui-app.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "paths.h"

typedef struct {
  GuiScenario scenario;
  gpointer data;
  gboolean started;
} Run;

static gboolean
start_scenario (gpointer user_data)
{
  Run *run = user_data;

  run->scenario (SUYUAN_APPLICATION (g_application_get_default ()), run->data);
  return G_SOURCE_REMOVE;
}

static void
on_activate (SuyuanApplication *app,
             Run               *run)
{
  /* Activation repeats (e.g. a second launch); the scenario runs once. */
  if (run->started)
    return;
  run->started = TRUE;
  g_idle_add (start_scenario, run);
}

void
gui_run_app (const char  *store_path,
             const char  *extra_arg,
             GuiScenario  scenario,
             gpointer     data)
{
  g_autofree char *store_arg = g_strconcat ("--store=", store_path, NULL);
  g_autoptr(SuyuanApplication) app = NULL;
  Run run = { scenario, data, FALSE };
  char *argv[] = { "suyuan", store_arg, (char *) extra_arg, NULL };
  int argc = extra_arg != NULL ? 3 : 2;

  g_unsetenv ("SUYUAN_SERVER");
  app = suyuan_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), argc, argv), ==, 0);
}

gboolean
gui_test_init (int    *argc,
               char ***argv)
{
  suyuan_i18n_init ();
  g_test_init (argc, argv, NULL);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display (run under xvfb-run)");
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_ended (gpointer records)
{
  return !suyuan_export_bar_get_running (suyuan_records_page_get_export_bar (records));
}

gboolean
gui_export_and_wait (SuyuanRecordsPage *records,
                     const char        *path,
                     gboolean           csv)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (suyuan_records_page_export (records, path, csv, &error));
  g_assert_no_error (error);
  g_assert_true (gui_wait_until (export_ended, records, 60000));
  return g_file_test (path, G_FILE_TEST_EXISTS);
}
