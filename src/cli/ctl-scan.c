/* ctl-scan.c — `suyuanctl scan [--json|--text] IMAGE…`
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "decoder.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

static void
print_json (const char         *file,
            const SuyuanSymbol *s)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  /* JSON strings must be UTF-8; binary payloads get U+FFFD where invalid. */
  g_autofree char *payload = g_utf8_make_valid (s->payload, (gssize) s->payload_length);
  g_autofree char *file_utf8 = g_filename_display_name (file);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file_utf8);
  json_builder_set_member_name (builder, "symbology");
  json_builder_add_string_value (builder, s->symbology);
  json_builder_set_member_name (builder, "aim");
  json_builder_add_string_value (builder, s->aim);
  json_builder_set_member_name (builder, "payload");
  json_builder_add_string_value (builder, payload);
  json_builder_set_member_name (builder, "gs1");
  json_builder_add_boolean_value (builder, s->gs1);
  json_builder_set_member_name (builder, "position");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "x");
  json_builder_add_int_value (builder, s->x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_int_value (builder, s->y);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, s->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, s->height);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  ctl_print_json_line (builder);
}

static void
print_text (const SuyuanSymbol *s)
{
  /* Raw bytes, GS as 0x1D: what a keyboard-wedge scanner would send, for a
   * pipe. A terminal gets them escaped: a symbol may hold escape sequences. */
  if (!isatty (STDOUT_FILENO))
    {
      fwrite (s->payload, 1, s->payload_length, stdout);
      fputc ('\n', stdout);
      return;
    }
  {
    g_autofree char *text = g_strndup (s->payload, s->payload_length);

    g_print ("%s\n", text);
  }
}

/* For people: GS as <GS>, other control bytes as '?', valid UTF-8. */
static char *
shown_text (const SuyuanSymbol *s)
{
  g_autofree char *valid = g_utf8_make_valid (s->payload, (gssize) s->payload_length);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p; p++)
    {
      if (*p == 0x1D)
        g_string_append (out, "<GS>");
      else if ((guchar) *p < 0x20 || *p == 0x7F)
        g_string_append_c (out, '?');
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

int
ctl_scan (int    argc,
          char **argv)
{
  gboolean json = FALSE, text = FALSE;
  int budget = -1;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object per symbol"), NULL },
    { "text", 0, 0, G_OPTION_ARG_NONE, &text, N_("Only the decoded text, one symbol per line"), NULL },
    { "budget", 0, 0, G_OPTION_ARG_INT, &budget, N_("Time per image in milliseconds (default 1000, 0: no limit)"), N_("MS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("IMAGE…"));
  SuyuanDecodeOptions options;
  int status = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  if (json && text)
    {
      g_printerr ("%s\n", _("suyuanctl scan: choose either --json or --text"));
      return SUYUAN_EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr ("%s\n", _("suyuanctl scan: give one or more image files"));
      return SUYUAN_EXIT_USAGE;
    }
  suyuan_decode_options_init (&options);
  /* A file is not a live frame: the camera's 100 ms budget would give up on
   * a full A4 label sheet when the machine is busy. */
  options.time_budget_ms = 1000;
  if (budget >= 0)
    options.time_budget_ms = (guint) budget;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) symbols = suyuan_decode_file (argv[i], &options, &error);

      if (symbols == NULL)
        {
          g_printerr (_("suyuanctl scan: %s: %s\n"), argv[i], error->message);
          status = SUYUAN_EXIT_ERROR;
          continue;
        }
      for (guint k = 0; k < symbols->len; k++)
        {
          const SuyuanSymbol *s = g_ptr_array_index (symbols, k);

          if (json)
            print_json (argv[i], s);
          else if (text)
            print_text (s);
          else
            {
              g_autofree char *shown = shown_text (s);

              g_autofree char *file = ctl_escape (argv[i]);

              g_print ("%s\t%s\t%s\t%s\n", file, s->symbology, s->aim, shown);
            }
        }
      fflush (stdout);
    }
  return status;
}
