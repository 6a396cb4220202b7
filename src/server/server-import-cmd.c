/* server-import-cmd.c — `suyuan-server import-alerts --db FILE NOTICES.csv|.json`:
 * the admin import on the server machine, the same as POST /api/v1/admin/alerts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-alerts.h"
#include "server-api.h"

#include <glib/gi18n.h>
#include <stdio.h>

int
server_import_alerts_main (int    argc,
                           char **argv)
{
  g_autofree char *db_path = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database: a SQLite file or a postgresql:// URL"), N_("FILE|URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NOTICES.csv|NOTICES.json"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ServerStore) store = NULL;
  g_autoptr(JsonArray) alerts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  gsize len = 0;
  guint n_alerts = 0, n_changes = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  summary = g_strdup_printf (_("Import sampling results (抽检不合格), recalls and holds.\n"
                               "CSV columns: %s"), SERVER_ALERT_COLUMNS);
  g_option_context_set_summary (context, summary);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("suyuan-server import-alerts: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: suyuan-server import-alerts --db FILE NOTICES.csv|NOTICES.json"));
      return 2;
    }
  if (db_path == NULL)
    db_path = g_strdup ("suyuan-server.db");
  if (!g_file_get_contents (argv[1], &text, &len, &error)
      || (store = server_store_open (db_path, &error)) == NULL
      || (alerts = g_str_has_suffix (argv[1], ".json") ? server_alerts_from_json (text, len, &error)
                                                       : server_alerts_from_csv (text, len, &error)) == NULL
      || !server_alerts_import (store, alerts, &n_alerts, &n_changes, &error))
    {
      g_printerr (_("suyuan-server: nothing imported from %s:\n%s\n"), argv[1], error->message);
      return 1;
    }
  printf (_("Imported %u notices (%u changes)\n"), n_alerts, n_changes);
  return 0;
}
