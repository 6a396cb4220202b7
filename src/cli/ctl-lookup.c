/* ctl-lookup.c — `suyuanctl lookup [--json] [--store FILE] CODE…`: the verdict
 * and what the store knows, as the app would show it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "code-json.h"
#include "store.h"
#include "verdict-json.h"
#include "scan-record.h"
#include "sync-client.h"
#include "sync-lookup.h"
#include "paths.h"

#include <glib/gi18n.h>
#include <stdio.h>

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0')
    return;
  safe = ctl_escape (value);
  g_print ("  %s: %s\n", label, safe);
}

/* Below the one-line verdict, indented: what the store knows, for people. */
static void
print_details (const SuyuanLookup *lookup)
{
  g_autofree char *expiry = NULL;

  if (lookup->product)
    {
      g_autofree char *product = g_strdup_printf ("%s%s%s [%s]", lookup->product->name,
                                                  lookup->product->spec ? " " : "",
                                                  lookup->product->spec ? lookup->product->spec : "",
                                                  lookup->product->category);
      print_field (_("Product"), product);
    }
  if (lookup->batch)
    {
      expiry = suyuan_date_to_iso (lookup->batch->expiry);
      g_autofree char *batch = g_strdup_printf ("%s, %s %s, %s", lookup->batch->lot,
                                                _("expires"), expiry ? expiry : "?", lookup->batch->status);
      print_field (_("Batch"), batch);
      print_field (_("Notice"), lookup->batch->notice);
    }
  if (lookup->unit)
    {
      g_autofree char *unit = g_strdup_printf ("%s, %s%s%s", lookup->unit->serial, lookup->unit->state,
                                               lookup->unit->last_place ? " @ " : "",
                                               lookup->unit->last_place ? lookup->unit->last_place : "");
      print_field (_("Unit"), unit);
    }
  if (lookup->producer)
    {
      g_autofree char *producer = g_strdup_printf ("%s (%s %s, %s)", lookup->producer->name, _("licence"),
                                                   lookup->producer->licence_no ? lookup->producer->licence_no : "-",
                                                   lookup->producer->licence_status);
      print_field (_("Producer"), producer);
    }
  for (guint i = 0; lookup->alerts && i < lookup->alerts->len; i++)
    {
      const SuyuanAlert *a = lookup->alerts->pdata[i];
      g_autofree char *alert = g_strdup_printf ("[%s/%s] %s", a->kind, a->scope, a->title);

      print_field (_("Alert"), alert);
    }
  for (guint i = 0; lookup->events && i < lookup->events->len; i++)
    {
      const SuyuanEvent *e = lookup->events->pdata[i];
      g_autofree char *event = g_strdup_printf ("%s %s %s%s%s", e->time, e->type,
                                                e->party_name ? e->party_name : e->party_id ? e->party_id : "-",
                                                e->place ? " @ " : "", e->place ? e->place : "");

      print_field (_("Event"), event);
    }
}

/* What a script sees of a verdict: STOP and WARN are not "done". */
static int
level_status (SuyuanLevel level)
{
  switch (level)
    {
    case SUYUAN_LEVEL_STOP:
      return SUYUAN_EXIT_STOP;
    case SUYUAN_LEVEL_WARN:
      return SUYUAN_EXIT_WARN;
    case SUYUAN_LEVEL_UNKNOWN:
      return SUYUAN_EXIT_UNKNOWN;
    default:
      return SUYUAN_EXIT_OK;
    }
}

/* Where the answer came from, for people. */
static const char *
source_label (SuyuanLookupSource source)
{
  switch (source)
    {
    case SUYUAN_LOOKUP_SOURCE_SERVER:
      return _("the server");
    case SUYUAN_LOOKUP_SOURCE_OFFLINE:
      return _("offline: judged from the code alone");
    case SUYUAN_LOOKUP_SOURCE_LOCAL:
    default:
      return _("this terminal");
    }
}

/* The server to ask for codes the store does not know (NULL: none). */
typedef struct {
  const char *url;
  const char *token;
} Online;

static int
lookup_one (SuyuanStore   *store,
            const char    *input,
            guint32        today,
            const char    *here,
            const Online  *online,
            gboolean       json,
            SuyuanScanLog *keep)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse (input, -1);
  g_autoptr(GError) error = NULL;
  SuyuanLookupSource source;
  g_autoptr(SuyuanLookup) lookup = suyuan_lookup_online (store, code, online->url, online->token,
                                                         SUYUAN_ONLINE_LOOKUP_TIMEOUT_MS, &source, &error);
  g_autoptr(SuyuanVerdict) verdict = NULL;
  SuyuanVerdictSettings settings;

  if (lookup == NULL)
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  suyuan_verdict_settings_init (&settings);
  settings.here_party_id = here;
  verdict = suyuan_verdict_judge (code, lookup, today, &settings);
  /* As the Check page keeps every check: in Records, sent at the next sync. */
  if (keep != NULL)
    suyuan_scan_log_add (keep, input, lookup, verdict, here);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "input");
      json_builder_add_string_value (b, code->raw);
      json_builder_set_member_name (b, "code");
      suyuan_code_to_json (code, b);
      suyuan_verdict_to_json (verdict, b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, suyuan_lookup_source_to_string (source));
      suyuan_lookup_to_json (lookup, b);
      json_builder_end_object (b);
      ctl_print_json_line (b);
      return level_status (verdict->level);
    }
  {
    g_autofree char *name = ctl_escape (lookup->product ? lookup->product->name : "-");

    g_print ("%s\t%s", suyuan_level_to_string (verdict->level), name);
  }
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      g_autofree char *message = ctl_escape (((SuyuanReason *) verdict->reasons->pdata[i])->message);

      g_print ("\t%s", message);
    }
  g_print ("\n");
  print_field (_("Answer from"), source_label (source));
  print_details (lookup);
  return level_status (verdict->level);
}

int
ctl_lookup (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *store_path = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *here = NULL;
  g_autofree char *server = NULL;
  gboolean offline = FALSE;
  gboolean keep = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object per code"), NULL },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as of this date"), N_("YYYY-MM-DD") },
    { "here", 0, 0, G_OPTION_ARG_STRING, &here, N_("The party (shop) where the codes are scanned"), N_("PARTY") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The server to ask for codes this terminal does not know (default: $SUYUAN_SERVER)"), N_("URL") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline, N_("Do not ask the server"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep,
      N_("Keep each check in the records and send it at the next sync, as the Check page does"), NULL },
    { NULL }
  };
  g_autofree char *token = NULL;
  g_autoptr(GError) token_error = NULL;
  Online online = { NULL, NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE…"));
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanScanLog) log = NULL;
  g_autoptr(GError) error = NULL;
  guint32 today;
  int status = SUYUAN_EXIT_OK;

  g_option_context_set_summary (context, _("Exit status: 0 all OK, 4 a code is STOP, 5 WARN, 6 not in the store, 1 error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  today = today_text ? suyuan_iso_to_date (today_text) : suyuan_today ();
  if (today == 0)
    {
      g_printerr (_("suyuanctl: “%s” is not a date (YYYY-MM-DD)\n"), today_text);
      return SUYUAN_EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr ("%s\n", _("suyuanctl lookup: give one or more codes"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  if (server == NULL)
    server = suyuan_default_server_url ();
  if (!offline && server != NULL)
    {
      /* A token that cannot be read only means the server is not asked. */
      if (!suyuan_sync_default_token (&token, &token_error))
        g_printerr ("suyuanctl: %s\n", token_error->message);
      else
        online = (Online) { server, token };
    }
  if (keep)
    log = suyuan_scan_log_new (store);
  for (int i = 1; i < argc; i++)
    status = suyuan_exit_worst (status, lookup_one (store, argv[i], today, here, &online, json, log));
  if (log != NULL && !suyuan_scan_log_flush (log, &error))
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  return status;
}
