/* gui-app.h — running the real application in a GUI test.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "suyuan-application.h"
#include "suyuan-records-page.h"

G_BEGIN_DECLS

typedef void (*GuiScenario) (SuyuanApplication *app,
                             gpointer           data);

/* Runs the real app on the store file @store_path with no server, plus
 * @extra_arg (e.g. "--kiosk") unless NULL. @scenario runs once, from idle
 * after the first activation, and ends by quitting the app or closing its
 * window; the app must then exit with status 0. A program that runs the app
 * more than once closes the window: one left open takes the next run's keys. */
void  gui_run_app (const char  *store_path,
                   const char  *extra_arg,
                   GuiScenario  scenario,
                   gpointer     data);

/* Starts the Records page's export of every event to @path (CSV for a
 * person, or EPCIS) and waits, with the main loop running, until it ends:
 * TRUE when the file was written. */
gboolean gui_export_and_wait (SuyuanRecordsPage *records,
                              const char        *path,
                              gboolean           csv);

/* suyuan_i18n_init + g_test_init; FALSE (the test is then skipped: exit 77)
 * when there is no X display to run on. */
gboolean gui_test_init (int    *argc,
                        char ***argv);

G_END_DECLS
