/* main.c — entry point of the Suyuan app.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "paths.h"
#include "suyuan-application.h"

#include <glib/gi18n.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(SuyuanApplication) app = NULL;

  suyuan_i18n_init ();

  app = suyuan_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
