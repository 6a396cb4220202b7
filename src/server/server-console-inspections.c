/* server-console-inspections.c — the console's inspections (检查): the
 * finished inspections terminals sent, filtered by date, region, result and
 * business; each with its findings and a printable record (an HTML page the
 * browser prints: the server links no cairo).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console.h"
#include "server-mirror.h"
#include "reports.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))
#define MAX_FIELD_LEN 100

static const struct { const char *id; const char *label; const char *class; } results[] = {
  { "pass", N_("Compliant"), "ok" }, { "fail", N_("Non-compliant"), "stop" },
  { "rectify", N_("Ordered to rectify"), "stop" },
};

static const struct { const char *id; const char *label; } levels[] = {
  { "ok", N_("May be sold") }, { "warn", N_("Caution") }, { "stop", N_("Must not be sold") },
  { "unknown", N_("Unknown code") },
};

static const struct { const char *id; const char *label; } actions[] = {
  { "none", N_("No action") }, { "removed", N_("Removed from shelf") }, { "sealed", N_("Sealed") },
  { "sampled", N_("Sampled") }, { "rectify", N_("Ordered to rectify") },
};

#define LABEL_OF(table, value) \
  G_STMT_START { \
    for (gsize i_ = 0; i_ < G_N_ELEMENTS (table); i_++) \
      if (g_strcmp0 ((value), table[i_].id) == 0) \
        return T (table[i_].label); \
    return (value); \
  } G_STMT_END

static const char *
result_label (const ServerConsoleSession *session, const char *id) { LABEL_OF (results, id); }
static const char *
level_label (const ServerConsoleSession *session, const char *id) { LABEL_OF (levels, id); }
static const char *
action_label (const ServerConsoleSession *session, const char *id) { LABEL_OF (actions, id); }

static const char *
result_class (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (results); i++)
    if (g_strcmp0 (id, results[i].id) == 0)
      return results[i].class;
  return "";
}

/* An instant as people read it: "2026-12-06 23:06", UTC as stored. */
static char *
when_text (const char *at)
{
  char *text = g_strndup (at ? at : "", 16);

  if (strlen (text) > 10 && text[10] == 'T')
    text[10] = ' ';
  return text;
}

static const char *
field (GHashTable *fields,
       const char *name)
{
  return server_console_field (fields, name, MAX_FIELD_LEN);
}

/* YYYY-MM-DD or NULL. */
static const char *
date_field (GHashTable *fields,
            const char *name)
{
  const char *value = field (fields, name);
  g_autofree char *iso = value ? g_strconcat (value, "T00:00:00Z", NULL) : NULL;
  g_autoptr(GDateTime) dt = iso && strlen (value) == 10 ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return dt ? value : NULL;
}

static char *
result_options (const ServerConsoleSession *session,
                const char                 *chosen)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i <= G_N_ELEMENTS (results); i++)
    {
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      const char *id = i == 0 ? "" : results[i - 1].id;
      g_autofree char *option = NULL;

      server_page_values_set (v, "value", id);
      server_page_values_set (v, "label", i == 0 ? T (N_("Any")) : T (results[i - 1].label));
      option = server_page_render (g_strcmp0 (id, chosen ? chosen : "") == 0 ? "console-option-selected.html"
                                   : "console-option.html", v);
      g_string_append (out, option);
    }
  return g_string_free (out, FALSE);
}

static char *
inspection_row (const ServerConsoleSession   *session,
                const SuyuanInspectionReport *r)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "uuid", r->uuid);
  {
    g_autofree char *when = when_text (r->at);

    server_page_values_set (v, "at", when);
  }
  server_page_values_set (v, "business", r->party_name ? r->party_name : r->party_id);
  server_page_values_set (v, "region", r->region);
  server_page_values_set (v, "result", result_label (session, r->result));
  server_page_values_set (v, "result_class", result_class (r->result));
  server_page_values_set (v, "inspector", r->inspector);
  server_page_values_set (v, "device", r->device);
  server_page_values_set_printf (v, "items", T (N_("%u (%u must not be sold)")), (guint) r->n_items,
                                 (guint) r->n_stop);
  server_page_values_set (v, "l_open", T (N_("Findings and record")));
  return server_page_render ("console-inspection-row.html", v);
}

static const struct { const char *name; const char *msgid; } list_labels[] = {
  { "l_filter", N_("Find inspections") }, { "l_from", N_("From") }, { "l_to", N_("To") },
  { "l_region", N_("Region code") }, { "l_result", N_("Result") }, { "l_business", N_("Business") },
  { "l_show", N_("Show") }, { "l_list", N_("Finished inspections") }, { "h_when", N_("Finished") },
  { "h_business", N_("Business") }, { "h_region", N_("Region") }, { "h_result", N_("Result") },
  { "h_inspector", N_("Inspector") }, { "h_items", N_("Items") },
};

static void
inspections_page (ServerContext              *ctx,
                  SoupServerMessage          *msg,
                  GHashTable                 *fields,
                  const ServerConsoleSession *session)
{
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;
  SuyuanInspectionFilter filter = { date_field (fields, "from"), date_field (fields, "to"), NULL,
                                    field (fields, "result"), field (fields, "business") };
  GString *rows = g_string_new (NULL);

  /* An inspector sees its own region, or a part of it. */
  region = g_strdup (field (fields, "region"));
  if (session->role == SERVER_ROLE_INSPECTOR && session->region != NULL
      && (region == NULL || !g_str_has_prefix (region, session->region)))
    {
      g_free (region);
      region = g_strdup (session->region);
    }
  filter.region_prefix = region;
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (reports = suyuan_store_inspection_reports (ctx->mirror, &filter, &error)) == NULL)
    {
      g_warning ("console inspections: %s", error->message);
      g_string_free (rows, TRUE);
      server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR, T (N_("Storage error")), NULL);
      return;
    }
  for (guint i = 0; i < reports->len; i++)
    {
      g_autofree char *row = inspection_row (session, reports->pdata[i]);

      g_string_append (rows, row);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (list_labels); i++)
    server_page_values_set (v, list_labels[i].name, T (list_labels[i].msgid));
  server_page_values_set (v, "from", filter.from);
  server_page_values_set (v, "to", filter.to);
  server_page_values_set (v, "region", region);
  server_page_values_set (v, "business", filter.party);
  server_page_values_set_html (v, "results", result_options (session, filter.result));
  server_page_values_set_html (v, "rows", g_string_free (rows, FALSE));
  if (reports->len == 0)
    server_page_values_set (v, "empty", T (N_("No finished inspection matches.")));
  server_console_reply (msg, session, SOUP_STATUS_OK, T (N_("Inspections")),
                        server_page_render ("console-inspections.html", v));
}

static const char *
text_of (JsonObject *o,
         const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static char *
items_html (const ServerConsoleSession *session,
            JsonObject                 *data,
            const char                 *uuid)
{
  JsonNode *node = json_object_get_member (data, "items");
  GString *out = g_string_new (NULL);
  JsonArray *items;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_string_free (out, FALSE);
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items) && i < 1000; i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      g_autofree char *row = NULL;
      const char *level;

      if (item == NULL)
        continue;
      level = text_of (item, "level");
      server_page_values_set_printf (v, "n", "%u", i + 1);
      server_page_values_set (v, "code", text_of (item, "code"));
      server_page_values_set (v, "summary", text_of (item, "summary"));
      server_page_values_set (v, "level", level_label (session, level));
      server_page_values_set (v, "level_class", g_strcmp0 (level, "ok") == 0 ? "ok" : "stop");
      server_page_values_set (v, "findings", text_of (item, "findings"));
      server_page_values_set (v, "notes", text_of (item, "notes"));
      server_page_values_set (v, "action", action_label (session, text_of (item, "action")));
      server_page_values_set_html (v, "photos", server_console_photos_html (item, uuid));
      row = server_page_render ("console-inspection-item.html", v);
      g_string_append (out, row);
    }
  return g_string_free (out, FALSE);
}

static const struct { const char *name; const char *msgid; } record_labels[] = {
  { "l_result", N_("Result") }, { "l_licence", N_("Licence") }, { "l_inspector", N_("Inspector") },
  { "l_device", N_("Sent by") }, { "l_started", N_("Started") }, { "l_finished", N_("Finished") },
  { "l_reason", N_("Reason given") }, { "l_region", N_("Region") }, { "l_print", N_("Printable record") },
  { "l_back", N_("Back to the list") }, { "l_findings", N_("Findings") }, { "l_business", N_("Business") },
  { "l_photos_note", N_("Photos appear once the terminal has synced; those not uploaded yet are listed by file name.") },
  { "h_n", N_("No.") }, { "h_code", N_("Code") }, { "h_verdict", N_("Verdict") },
  { "h_findings", N_("Findings") }, { "h_action", N_("Action") }, { "h_photos", N_("Photos") },
  { "l_sign_inspector", N_("Inspector’s signature") }, { "l_sign_business", N_("Business’s signature") },
};

/* The inspection ?id= names, as values for either template; NULL (and a
 * reply sent) when there is none this session may see. */
static ServerPageValues *
record_values (ServerContext              *ctx,
               SoupServerMessage          *msg,
               GHashTable                 *fields,
               const ServerConsoleSession *session)
{
  const char *id = field (fields, "id");
  g_autoptr(SuyuanInspectionReport) report = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  ServerPageValues *v;
  JsonObject *o;

  if (id != NULL && server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    data = suyuan_store_dup_report (ctx->mirror, id, "inspection", &report, &error);
  if (error != NULL)
    g_warning ("console inspection: %s", error->message);
  root = data ? json_from_string (data, NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (session->role == SERVER_ROLE_INSPECTOR && session->region != NULL
          && !g_str_has_prefix (report->region ? report->region : "", session->region)))
    {
      server_console_reply_message (msg, session, SOUP_STATUS_NOT_FOUND, T (N_("No such inspection")), NULL);
      return NULL;
    }
  o = json_node_get_object (root);
  v = server_console_values_new (session);
  for (gsize i = 0; i < G_N_ELEMENTS (record_labels); i++)
    server_page_values_set (v, record_labels[i].name, T (record_labels[i].msgid));
  server_page_values_set (v, "uuid", report->uuid);
  server_page_values_set (v, "business", report->party_name ? report->party_name : report->party_id);
  server_page_values_set (v, "region", report->region);
  server_page_values_set (v, "result", result_label (session, report->result));
  server_page_values_set (v, "result_class", result_class (report->result));
  server_page_values_set (v, "licence", text_of (o, "licence_no"));
  server_page_values_set (v, "inspector", text_of (o, "inspector"));
  server_page_values_set (v, "device", report->device);
  server_page_values_set (v, "started", text_of (o, "started_at"));
  server_page_values_set (v, "finished", text_of (o, "finished_at"));
  server_page_values_set (v, "reason", text_of (o, "override_reason"));
  server_page_values_set_html (v, "items", items_html (session, o, report->uuid));
  return v;
}

static void
record_page (ServerContext              *ctx,
             SoupServerMessage          *msg,
             GHashTable                 *fields,
             const ServerConsoleSession *session)
{
  g_autoptr(ServerPageValues) v = record_values (ctx, msg, fields, session);

  if (v == NULL)
    return;
  server_console_reply (msg, session, SOUP_STATUS_OK, T (N_("Inspection")),
                        server_page_render ("console-inspection.html", v));
}

static void
print_page (ServerContext              *ctx,
            SoupServerMessage          *msg,
            GHashTable                 *fields,
            const ServerConsoleSession *session)
{
  g_autoptr(ServerPageValues) v = record_values (ctx, msg, fields, session);
  char *html;

  if (v == NULL)
    return;
  server_page_values_set (v, "title", T (N_("Record of on-site inspection")));
  server_page_values_set_printf (v, "printed_by", T (N_("Printed by %s from the traceability system")),
                                 session->user);
  server_console_audit (ctx, session, "print inspection record", field (fields, "id"));
  html = server_page_render ("console-inspection-print.html", v);
  server_console_secure_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html, strlen (html));
}

static const ServerConsolePage pages[] = {
  { "/console/inspections", N_("Inspections"), SERVER_CONSOLE_ROLES, inspections_page, NULL },
  { "/console/inspections/record", NULL, SERVER_CONSOLE_ROLES, record_page, NULL },
  { "/console/inspections/print", NULL, SERVER_CONSOLE_ROLES, print_page, NULL },
};

void
server_console_inspections_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
