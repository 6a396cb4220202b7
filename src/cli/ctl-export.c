/* ctl-export.c — `suyuanctl export [--store FILE] --csv|--epcis OUT`: every
 * traceability event, for a spreadsheet or another system ("-" is stdout).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "export.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

static GOutputStream *
open_output (const char *path,
             GError    **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_strcmp0 (path, "-") == 0)
    return g_memory_output_stream_new_resizable ();
  file = g_file_new_for_commandline_arg (path);
  /* Written beside and renamed over on close: a failed export leaves no half file. */
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
}

int
ctl_export (int    argc,
            char **argv)
{
  g_autofree char *store_path = NULL;
  gboolean csv = FALSE, epcis = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("CSV for spreadsheets, one row per event (FSMA 204 data elements)"), NULL },
    { "epcis", 0, 0, G_OPTION_ARG_NONE, &epcis, N_("EPCIS 2.0 JSON-LD"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON (not with - as OUT)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("OUT"));
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  if (argc != 2 || csv == epcis || (json && g_strcmp0 (argv[1], "-") == 0))
    {
      g_printerr ("%s\n", _("suyuanctl export: give --csv or --epcis and one output file (- for standard output)"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  out = open_output (argv[1], &error);
  if (out == NULL)
    {
      g_printerr (_("suyuanctl: cannot write “%s”: %s\n"), argv[1], error->message);
      return SUYUAN_EXIT_ERROR;
    }
  ok = csv ? suyuan_export_csv (store, out, &n, &error) : suyuan_export_epcis (store, out, &n, &error);
  /* A failed export is cancelled, so the replaced file stays as it was. */
  if (!ok)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      g_cancellable_cancel (cancel);
      g_output_stream_close (out, cancel, NULL);
      g_printerr (_("suyuanctl: export failed: %s\n"), error->message);
      return SUYUAN_EXIT_ERROR;
    }
  if (!g_output_stream_close (out, NULL, &error))
    {
      g_printerr (_("suyuanctl: cannot write “%s”: %s\n"), argv[1], error->message);
      return SUYUAN_EXIT_ERROR;
    }
  if (G_IS_MEMORY_OUTPUT_STREAM (out))
    {
      GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (out);
      const char *data = g_memory_output_stream_get_data (memory);
      gsize size = g_memory_output_stream_get_data_size (memory);

      /* The file as it is for a pipe; a terminal gets control characters
       * from the store escaped. */
      if (isatty (STDOUT_FILENO))
        {
          g_autofree char *text = g_strndup (data, size);

          g_print ("%s", text);
        }
      else
        fwrite (data, 1, size, stdout);
    }
  else if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "format"); json_builder_add_string_value (b, csv ? "csv" : "epcis");
      json_builder_set_member_name (b, "events"); json_builder_add_int_value (b, n);
      json_builder_end_object (b);
      ctl_print_json_line (b);
    }
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u event\n", "Exported %u events\n", n), n);
  return 0;
}
