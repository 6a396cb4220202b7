/* ctl-import.c — `suyuanctl import [--store FILE] FILE.json`: all or nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "store.h"

#include <glib/gi18n.h>
#include <stdio.h>

int
ctl_import (int    argc,
            char **argv)
{
  g_autofree char *store_path = NULL;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.json"));
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("suyuanctl import: give exactly one JSON file"));
      return 2;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      g_printerr (_("suyuanctl: cannot read “%s”: %s\n"), argv[1], error->message);
      return 1;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return 1;
  if (!suyuan_store_import_document (store, json_parser_get_root (parser), &n, &error))
    {
      g_printerr (_("suyuanctl: nothing imported from “%s”: %s\n"), argv[1], error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record\n", "Imported %u records\n", n), n);
  return 0;
}
