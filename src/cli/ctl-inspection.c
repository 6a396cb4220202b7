/* ctl-inspection.c — `suyuanctl inspection list|show|pdf`: the on-site
 * inspections kept on this terminal, and their printable record.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "inspection.h"
#include "inspection-pdf.h"

#include <glib/gi18n.h>
#include <stdio.h>

static void
add_nullable (JsonBuilder *b,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static int
list_inspections (SuyuanStore *store,
                  gboolean     json)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = suyuan_inspection_list_all (store, &error);
  if (list == NULL)
    {
      g_printerr ("%s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SuyuanInspectionSummary *summary = g_ptr_array_index (list, i);

      if (json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          add_nullable (b, "uuid", summary->uuid);
          add_nullable (b, "party_name", summary->party_name);
          add_nullable (b, "started_at", summary->started_at);
          add_nullable (b, "result", summary->result);
          add_nullable (b, "corrects", summary->corrects);
          json_builder_end_object (b);
          ctl_print_json_line (b);
        }
      else
        {
          g_autofree char *uuid = ctl_escape (summary->uuid);
          g_autofree char *started = ctl_escape (summary->started_at);
          g_autofree char *result = ctl_escape (summary->result);
          g_autofree char *party = ctl_escape (summary->party_name);

          g_print ("%s  %s  %s  %s\n", uuid, started, result, party);
        }
    }
  return 0;
}

static int
show_inspection (SuyuanInspection *inspection)
{
  g_autoptr(JsonObject) object = suyuan_inspection_to_json (inspection);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  g_print ("%s\n", text);
  return 0;
}

int
ctl_inspection (int    argc,
                char **argv)
{
  g_autofree char *store_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, one object per line"), NULL },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("list | show UUID | pdf UUID OUT.pdf"));
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  const char *command;

  g_option_context_set_summary (context, _("The on-site inspections kept on this terminal"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  command = argc > 1 ? argv[1] : NULL;
  if (g_strcmp0 (command, "list") != 0
      && !(g_strcmp0 (command, "show") == 0 && argc == 3)
      && !(g_strcmp0 (command, "pdf") == 0 && argc == 4))
    {
      g_printerr ("%s\n", _("Usage: suyuanctl inspection list | show UUID | pdf UUID OUT.pdf"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  if (g_strcmp0 (command, "list") == 0)
    return list_inspections (store, json);

  inspection = suyuan_inspection_load (store, argv[2], &error);
  if (inspection == NULL)
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  if (g_strcmp0 (command, "show") == 0)
    return show_inspection (inspection);
  if (!suyuan_inspection_write_pdf (inspection, argv[3], &error))
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uuid"); json_builder_add_string_value (b, argv[2]);
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, suyuan_inspection_count_pages (inspection));
      json_builder_end_object (b);
      ctl_print_json_line (b);
      return 0;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%d page)\n", "Wrote %s (%d pages)\n",
                       suyuan_inspection_count_pages (inspection)),
          argv[3], suyuan_inspection_count_pages (inspection));
  return 0;
}
