/* ctl-import.c — `suyuanctl import [--store FILE] FILE.json`: all or nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "store.h"

#include <glib/gi18n.h>
#include <stdio.h>

int
ctl_import (int    argc,
            char **argv)
{
  g_autofree char *store_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.json"));
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("suyuanctl import: give exactly one JSON file"));
      return SUYUAN_EXIT_USAGE;
    }
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      g_printerr (_("suyuanctl: cannot read “%s”: %s\n"), argv[1], error->message);
      return SUYUAN_EXIT_ERROR;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  if (!suyuan_store_import_document (store, json_parser_get_root (parser), &n, &error))
    {
      g_printerr (_("suyuanctl: nothing imported from “%s”: %s\n"), argv[1], error->message);
      return SUYUAN_EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "imported"); json_builder_add_int_value (b, n);
      json_builder_end_object (b);
      ctl_print_json_line (b);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record\n", "Imported %u records\n", n), n);
  return 0;
}
