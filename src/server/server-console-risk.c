/* server-console-risk.c — the console's risk warnings (风险预警): a chart of
 * the daily counts per kind, drawn on the server as SVG, the warnings with
 * where and what, and each warning's evidence (the events and check scans
 * behind it).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-chart-svg.h"
#include "server-console.h"
#include "server-risk-warnings.h"
#include "risk-warnings.h"
#include "reports.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))
/* Days the chart shows at most and at least, ending today or at the newest
 * warning. */
#define CHART_DAYS 60
#define CHART_MIN_DAYS 14
#define ROWS_SHOWN 300
#define EVIDENCE_ID_MAX 64

/* By server_risk_kinds: the label and the colour of each kind. */
static const struct { const char *label; const char *colour; } kinds[SERVER_RISK_N_KINDS] = {
  { N_("Sold after a notice"), "#a3121a" },
  { N_("Received after a notice"), "#e0803a" },
  { N_("Received expired"), "#c9a227" },
  { N_("Cloned code"), "#6a3d9a" },
  { N_("Unknown codes scanned"), "#1f78b4" },
  { N_("Queried from many places"), "#33a02c" },
};

static const struct { const char *type; const char *label; } event_types[] = {
  { "scan", N_("Check scan") }, { "selling", N_("Sale") }, { "receiving", N_("Receiving") },
  { "shipping", N_("Shipping") }, { "recalling", N_("Recall") }, { "destroying", N_("Destruction") },
  { "commissioning", N_("Code registration") }, { "inspecting", N_("Inspection") },
};

/* An instant as people read it: "2026-12-06 23:06", UTC as stored. */
static char *
when_text (const char *at)
{
  char *text = g_strndup (at ? at : "", 16);

  if (strlen (text) > 10 && text[10] == 'T')
    text[10] = ' ';
  return text;
}

static const struct { const char *id; const char *label; } levels[] = {
  { "ok", N_("May be sold") }, { "warn", N_("Caution") }, { "stop", N_("Must not be sold") },
  { "unknown", N_("Unknown code") },
};

static const char *
level_label (const ServerConsoleSession *session,
             const char                 *level)
{
  for (gsize i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (level, levels[i].id) == 0)
      return T (levels[i].label);
  return level;
}

static int
kind_index (const char *kind)
{
  for (int i = 0; i < SERVER_RISK_N_KINDS; i++)
    if (g_strcmp0 (kind, server_risk_kinds[i]) == 0)
      return i;
  return -1;
}

static const char *
event_label (const ServerConsoleSession *session,
             const char                 *type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (event_types); i++)
    if (g_strcmp0 (type, event_types[i].type) == 0)
      return T (event_types[i].label);
  return type;
}

/* The chart's days: a continuous run ending today (or at the newest
 * warning), from the oldest warning but CHART_MIN_DAYS to CHART_DAYS long. */
static char *
chart_svg (const ServerConsoleSession *session,
           GPtrArray                  *warnings)
{
  g_autoptr(GArray) days = server_risk_daily (warnings);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *values = NULL;
  ServerChartSeries series[SERVER_RISK_N_KINDS];
  const char *last = today, *first = today;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) start = NULL;
  guint n;

  if (days->len > 0)
    {
      first = g_array_index (days, ServerRiskDay, 0).date;
      if (g_strcmp0 (g_array_index (days, ServerRiskDay, days->len - 1).date, today) > 0)
        last = g_array_index (days, ServerRiskDay, days->len - 1).date;
    }
  {
    g_autofree char *end_text = g_strconcat (last, "T00:00:00Z", NULL);
    g_autofree char *first_text = g_strconcat (first, "T00:00:00Z", NULL);
    g_autoptr(GDateTime) oldest = NULL;

    end = g_date_time_new_from_iso8601 (end_text, NULL);
    oldest = g_date_time_new_from_iso8601 (first_text, NULL);
    if (end == NULL)
      end = g_date_time_ref (now);
    start = g_date_time_add_days (end, -(CHART_DAYS - 1));
    if (oldest != NULL && g_date_time_compare (oldest, start) > 0)
      {
        g_autoptr(GDateTime) shortest = g_date_time_add_days (end, -(CHART_MIN_DAYS - 1));

        g_date_time_unref (start);
        start = g_date_time_ref (g_date_time_compare (oldest, shortest) < 0 ? oldest : shortest);
      }
  }
  for (g_autoptr(GDateTime) d = g_date_time_ref (start); g_date_time_compare (d, end) <= 0;)
    {
      GDateTime *next = g_date_time_add_days (d, 1);

      g_ptr_array_add (dates, g_date_time_format (d, "%Y-%m-%d"));
      g_ptr_array_add (labels, g_date_time_format (d, "%m-%d"));
      g_date_time_unref (d);
      d = next;
    }
  n = dates->len;
  values = g_new0 (guint, (gsize) n * SERVER_RISK_N_KINDS);
  for (guint i = 0, x = 0; i < days->len; i++)
    {
      const ServerRiskDay *day = &g_array_index (days, ServerRiskDay, i);

      while (x < n && g_strcmp0 (dates->pdata[x], day->date) < 0)
        x++;
      if (x < n && g_strcmp0 (dates->pdata[x], day->date) == 0)
        for (int k = 0; k < SERVER_RISK_N_KINDS; k++)
          values[k * n + x] = day->counts[k];
    }
  for (int k = 0; k < SERVER_RISK_N_KINDS; k++)
    series[k] = (ServerChartSeries) { T (kinds[k].label), kinds[k].colour, values + (gsize) k * n };
  return server_chart_svg_bars (T (N_("Risk warnings per day")), (const char *const *) labels->pdata, n,
                                series, SERVER_RISK_N_KINDS, 960, 320);
}

static char *
evidence_cell (const ServerConsoleSession *session,
               const SuyuanRiskWarning    *w)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  if (w->evidence == NULL || *w->evidence == '\0')
    {
      server_page_values_set_printf (v, "text", T (N_("from %u networks")), (guint) w->count);
      return server_page_render ("console-risk-note.html", v);
    }
  {
    g_auto(GStrv) ids = g_strsplit (w->evidence, ",", SERVER_RISK_MAX_EVIDENCE + 1);
    g_autofree char *shown = NULL;
    g_autofree char *escaped = NULL;

    if (g_strv_length (ids) > SERVER_RISK_MAX_EVIDENCE)
      g_clear_pointer (&ids[SERVER_RISK_MAX_EVIDENCE], g_free);
    shown = g_strjoinv (",", ids);
    escaped = g_uri_escape_string (shown, NULL, FALSE);
    server_page_values_set_printf (v, "href", "/console/risk/evidence?ids=%s", escaped);
    server_page_values_set_printf (v, "text", T (N_("%u records")), g_strv_length (ids));
  }
  return server_page_render ("console-risk-link.html", v);
}

static char *
warning_row (const ServerConsoleSession *session,
             const SuyuanRiskWarning    *w)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();
  int k = kind_index (w->kind);
  GString *unit = g_string_new (NULL);

  server_page_values_set (v, "kind_id", w->kind);
  server_page_values_set (v, "kind", k >= 0 ? T (kinds[k].label) : w->kind);
  {
    g_autofree char *when = when_text (w->at);

    server_page_values_set (v, "at", when);
  }
  server_page_values_set (v, "product", w->product_name ? w->product_name : w->product_id);
  if (w->lot != NULL)
    g_string_append_printf (unit, "%s %s", T (N_("lot")), w->lot);
  if (w->serial != NULL)
    g_string_append_printf (unit, "%s%s %s", unit->len ? " · " : "", T (N_("serial")), w->serial);
  server_page_values_set (v, "unit", unit->str);
  g_string_free (unit, TRUE);
  server_page_values_set (v, "place", w->party_name ? w->party_name : w->party_id);
  server_page_values_set_printf (v, "count", "%" G_GINT64_FORMAT, w->count);
  server_page_values_set_html (v, "evidence", evidence_cell (session, w));
  return server_page_render ("console-risk-row.html", v);
}

static const struct { const char *name; const char *msgid; } labels[] = {
  { "l_daily", N_("Warnings per day") },
  { "l_daily_explain", N_("Each bar counts the day’s warnings (UTC), by kind.") },
  { "l_list", N_("Warnings") },
  { "l_list_explain", N_("Computed from what terminals and partners sent. Open the records of a warning "
                         "to see the sales and check scans behind it.") },
  { "h_kind", N_("Kind") },
  { "h_when", N_("Last seen") },
  { "h_product", N_("Product") },
  { "h_place", N_("Where") },
  { "h_count", N_("Records") },
  { "h_evidence", N_("Evidence") },
};

static void
risk_page (ServerContext              *ctx,
           SoupServerMessage          *msg,
           GHashTable                 *fields,
           const ServerConsoleSession *session)
{
  ServerPrincipal who = { .name = session->user, .role = session->role, .region = session->region,
                          .party = session->party };
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  GString *rows = g_string_new (NULL);

  if ((warnings = server_risk_warnings_collect (ctx, &who, &error)) == NULL)
    {
      g_warning ("console risk: %s", error->message);
      g_string_free (rows, TRUE);
      server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR, T (N_("Storage error")), NULL);
      return;
    }
  for (guint i = 0; i < warnings->len && i < ROWS_SHOWN; i++)
    {
      g_autofree char *row = warning_row (session, warnings->pdata[i]);

      g_string_append (rows, row);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    server_page_values_set (v, labels[i].name, T (labels[i].msgid));
  server_page_values_set_html (v, "chart", chart_svg (session, warnings));
  server_page_values_set_html (v, "rows", g_string_free (rows, FALSE));
  if (warnings->len == 0)
    server_page_values_set (v, "empty", T (N_("No warnings: nothing the terminals sent looks wrong.")));
  server_console_reply (msg, session, SOUP_STATUS_OK, T (N_("Risk warnings")),
                        server_page_render ("console-risk.html", v));
}

static char *
evidence_row (const ServerConsoleSession *session,
              const SuyuanEvidence       *e)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "id", e->id);
  server_page_values_set (v, "what_id", e->what);
  server_page_values_set (v, "what", event_label (session, e->what));
  {
    g_autofree char *when = when_text (e->at);

    server_page_values_set (v, "at", when);
  }
  server_page_values_set (v, "place", e->party_name ? e->party_name : e->party_id);
  server_page_values_set (v, "product", e->product_name);
  server_page_values_set (v, "serial", e->serial);
  server_page_values_set (v, "detail", e->detail);
  if (e->level != NULL && e->finding != NULL && *e->finding != '\0')
    server_page_values_set_printf (v, "finding", T (N_("%s: %s")), level_label (session, e->level), e->finding);
  else if (e->level != NULL)
    server_page_values_set (v, "finding", level_label (session, e->level));
  else
    server_page_values_set (v, "finding", e->finding);
  server_page_values_set (v, "device", e->device);
  return server_page_render ("console-evidence-row.html", v);
}

static const struct { const char *name; const char *msgid; } evidence_labels[] = {
  { "l_evidence", N_("Evidence") },
  { "l_explain", N_("The sales, other events and check scans behind the warning, as the terminals sent them.") },
  { "h_what", N_("Record") },
  { "h_when", N_("When") },
  { "h_place", N_("Where") },
  { "h_product", N_("Product") },
  { "h_detail", N_("Code or place") },
  { "h_device", N_("Sent by") },
  { "l_back", N_("Back to the warnings") },
};

static void
evidence_page (ServerContext              *ctx,
               SoupServerMessage          *msg,
               GHashTable                 *fields,
               const ServerConsoleSession *session)
{
  const char *ids_text = g_hash_table_lookup (fields, "ids");
  const char *region = session->role == SERVER_ROLE_INSPECTOR ? session->region : NULL;
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  g_auto(GStrv) ids = g_strsplit (ids_text ? ids_text : "", ",", SERVER_RISK_MAX_EVIDENCE + 1);
  GString *rows = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; ids[i] != NULL && i < SERVER_RISK_MAX_EVIDENCE; i++)
    {
      g_autoptr(SuyuanEvidence) e = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *row = NULL;

      if (*ids[i] == '\0' || strlen (ids[i]) > EVIDENCE_ID_MAX || !g_utf8_validate (ids[i], -1, NULL))
        continue;
      if ((e = suyuan_store_dup_evidence (ctx->mirror, ids[i], region, &error)) == NULL)
        {
          if (error != NULL)
            g_warning ("console evidence: %s", error->message);
          continue;
        }
      row = evidence_row (session, e);
      g_string_append (rows, row);
      n++;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (evidence_labels); i++)
    server_page_values_set (v, evidence_labels[i].name, T (evidence_labels[i].msgid));
  server_page_values_set_html (v, "rows", g_string_free (rows, FALSE));
  if (n == 0)
    server_page_values_set (v, "empty", T (N_("None of these records is known here.")));
  server_console_reply (msg, session, SOUP_STATUS_OK, T (N_("Evidence")),
                        server_page_render ("console-evidence.html", v));
}

static const ServerConsolePage pages[] = {
  { "/console/risk", N_("Risk warnings"), SERVER_CONSOLE_ROLES, risk_page, NULL },
  { "/console/risk/evidence", NULL, SERVER_CONSOLE_ROLES, evidence_page, NULL },
};

void
server_console_risk_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
