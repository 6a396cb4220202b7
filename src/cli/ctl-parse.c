/* ctl-parse.c — `suyuanctl parse [--json] [--stdin] CODE…`
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "code.h"
#include "code-json.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static void
print_code (const SuyuanCode *code,
            gboolean          json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      suyuan_code_to_json (code, builder);
      ctl_print_json_line (builder);
      return;
    }
  g_print ("%s\t%s", suyuan_code_kind_to_string (code->kind), code->valid ? "valid" : "invalid");
  if (code->error)
    {
      g_autofree char *error = ctl_escape (code->error);

      g_print ("\t%s", error);
    }
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      g_autofree char *value = ctl_escape (pair->value);

      g_print ("\t(%s)%s", pair->ai, value);
    }
  g_print ("\n");
}

static void
parse_one (const char *input,
           gsize       length,
           gboolean    json)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse (input, (gssize) length);

  print_code (code, json);
}

int
ctl_parse (int    argc,
           char **argv)
{
  gboolean json = FALSE, from_stdin = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object per code"), NULL },
    { "stdin", 0, 0, G_OPTION_ARG_NONE, &from_stdin, N_("Read one code per line from standard input"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE…"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  for (int i = 1; i < argc; i++)
    parse_one (argv[i], strlen (argv[i]), json);
  if (from_stdin)
    {
      char *line = NULL;
      size_t cap = 0;
      ssize_t n;

      while ((n = getline (&line, &cap, stdin)) >= 0)
        {
          while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
          parse_one (line, (gsize) n, json);
        }
      free (line);
    }
  else if (argc < 2)
    {
      g_printerr ("%s\n", _("suyuanctl parse: give codes as arguments or use --stdin"));
      return SUYUAN_EXIT_USAGE;
    }
  return 0;
}
