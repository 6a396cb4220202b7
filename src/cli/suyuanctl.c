/* suyuanctl.c — the command line: for scripts, tests and benchmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "paths.h"
#include "store.h"

#include <glib/gi18n.h>
#include <stdio.h>

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "parse", ctl_parse, N_("Read codes and print what they contain") },
  { "lookup", ctl_lookup, N_("Judge codes against the local store") },
  { "import", ctl_import, N_("Load master data and events from a JSON file") },
  { "sync", ctl_sync, N_("Pull changes from the server") },
  { "scan", ctl_scan, N_("Decode the barcodes in image files") },
  { "labels", ctl_labels, N_("Generate, print and check producer labels") },
  { "inspection", ctl_inspection, N_("List on-site inspections and write their records as PDF") },
  { "export", ctl_export, N_("Write every traceability event as CSV or EPCIS 2.0 JSON") },
};

void
ctl_print_json_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

gboolean
ctl_parse_options (GOptionContext *context,
                   int            *argc,
                   char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

SuyuanStore *
ctl_open_store (const char *path)
{
  g_autofree char *default_path = path ? NULL : suyuan_default_store_path ();
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path ? path : default_path, &error);

  if (store == NULL)
    g_printerr ("suyuanctl: %s\n", error->message);
  return store;
}

int
ctl_subcommand_usage (int         argc,
                      char      **argv,
                      const char *usage,
                      const char *hint)
{
  gboolean help = argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"));

  if (argc >= 2 && !help)
    g_printerr (_("suyuanctl: unknown command “%s”\n"), argv[1]);
  if (help)
    g_print ("%s\n%s\n", usage, hint);
  else
    g_printerr ("%s\n%s\n", usage, hint);
  return help ? SUYUAN_EXIT_OK : SUYUAN_EXIT_USAGE;
}

static void
usage (gboolean to_stderr)
{
  void (*out) (const char *, ...) = to_stderr ? g_printerr : g_print;

  out ("%s\n", _("Usage: suyuanctl COMMAND [OPTION…] [ARGUMENT…]"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    out ("  %-8s %s\n", commands[i].name, _(commands[i].summary));
  out ("%s\n", _("Run “suyuanctl COMMAND --help” for the options of a command."));
  out ("%s\n", _("Exit status: 0 done, 1 error, 2 wrong usage, 3 labels did not read back,\n"
                  "4 a code is STOP, 5 a code is WARN, 6 a code is not in the store (man suyuanctl)."));
}

int
main (int    argc,
      char **argv)
{
  suyuan_i18n_init ();
  ctl_text_install ();

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      usage (argc < 2);
      return argc < 2 ? SUYUAN_EXIT_USAGE : SUYUAN_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("suyuanctl %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  g_printerr (_("suyuanctl: unknown command “%s”\n"), argv[1]);
  usage (TRUE);
  return SUYUAN_EXIT_USAGE;
}
