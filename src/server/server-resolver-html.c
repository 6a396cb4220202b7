/* server-resolver-html.c — the resolver's pages, from the templates in
 * pages/ with every value escaped by server-page.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-resolver-private.h"
#include "server-page.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_gettext (lang, (msgid))
#define NONE "—"

static const char *
icon_for (const char *css)
{
  if (g_strcmp0 (css, "ok") == 0)
    return "✔";
  if (g_strcmp0 (css, "warn") == 0)
    return "!";
  if (g_strcmp0 (css, "stop") == 0)
    return "✖";
  return "?";
}

static char *
date_text (guint32 ymd)
{
  if (ymd == 0)
    return g_strdup (NONE);
  return g_strdup_printf ("%04u-%02u-%02u", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static const char *
or_none (const char *s)
{
  return s && *s ? s : NONE;
}

static char *
wrap_page (ServerLang  lang,
           const char *title,
           const char *footer,
           char       *body)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "lang", server_lang_tag (lang));
  server_page_values_set (v, "title", title);
  server_page_values_set (v, "site", T (N_("Suyuan product trace query")));
  server_page_values_set (v, "footer", T (footer));
  server_page_values_set_html (v, "body", body);
  return server_page_render ("page.html", v);
}

static void
set_licence (ServerPageValues  *v,
             const SuyuanParty *producer,
             ServerLang         lang)
{
  const char *status = producer ? producer->licence_status : NULL;
  gboolean good = status == NULL || g_strcmp0 (status, "valid") == 0;

  server_page_values_set (v, "licence", or_none (producer ? producer->licence_no : NULL));
  if (status == NULL)
    return;
  server_page_values_set (v, "licence_class", good ? "ok" : "stop");
  if (g_strcmp0 (status, "valid") == 0)
    server_page_values_set (v, "licence_status", T (N_("valid")));
  else if (g_strcmp0 (status, "revoked") == 0)
    server_page_values_set (v, "licence_status", T (N_("revoked")));
  else if (g_strcmp0 (status, "suspended") == 0)
    server_page_values_set (v, "licence_status", T (N_("suspended")));
  else
    server_page_values_set (v, "licence_status", status);
}

static char *
steps_html (const ServerResolution *res,
            ServerLang              lang)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < res->steps->len; i++)
    {
      const ServerTraceStep *step = res->steps->pdata[i];
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      g_autofree char *html = NULL;

      server_page_values_set (v, "role", T (step->role));
      server_page_values_set (v, "party", step->party);
      if (step->city != NULL && step->date != NULL)
        server_page_values_set_printf (v, "where", "%s · %s", step->city, step->date);
      else
        server_page_values_set (v, "where", step->city ? step->city : step->date);
      html = server_page_render ("step.html", v);
      g_string_append (out, html);
    }
  return g_string_free (out, FALSE);
}

static char *
queries_html (const ServerResolution *res,
              ServerLang              lang)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();
  gboolean suspicious = res->queries.count >= SERVER_RESOLVER_WARN_CLIENTS
                        || res->queries.networks >= SERVER_RESOLVER_WARN_NETWORKS;
  g_autofree char *first = NULL;

  if (!res->serialised)
    return g_strdup ("");
  /* Stored in UTC; shown in the server's time zone (the deployment's). */
  if (res->queries.first_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (res->queries.first_at, NULL);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

      first = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
    }
  server_page_values_set_printf (v, "queries_text", T (N_("This code has been queried %lld times; first query:")),
                                 (long long) res->queries.count);
  server_page_values_set (v, "queries_first", first ? first : NONE);
  if (suspicious)
    {
      server_page_values_set (v, "queries_class", "suspicious");
      server_page_values_set_printf (v, "queries_warning",
                                     T (N_("Warning: %lld different visitors from %lld networks have queried "
                                           "this one item, far more than a single product would be. "
                                           "The code may have been copied: check the package and report it.")),
                                     (long long) res->queries.count, (long long) res->queries.networks);
    }
  return server_page_render ("queries.html", v);
}

static char *
report_html (const char *code,
             ServerLang  lang)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "code", code);
  server_page_values_set (v, "l_report", T (N_("Report a problem")));
  server_page_values_set (v, "l_message", T (N_("What is wrong?")));
  server_page_values_set (v, "l_contact", T (N_("Phone or e-mail (optional)")));
  server_page_values_set (v, "l_send", T (N_("Send to the regulator")));
  return server_page_render ("report.html", v);
}

char *
server_resolver_page_html (const ServerResolution *res,
                           ServerLang              lang)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();
  const SuyuanLookup *lookup = res->lookup;
  const SuyuanBatch *batch = lookup->batch;
  const char *name = lookup->product->name;

  server_page_values_set (v, "status_class", res->status_class);
  server_page_values_set (v, "status_icon", icon_for (res->status_class));
  server_page_values_set (v, "status_title", T (res->status_title));
  server_page_values_set (v, "notice", res->notice);
  server_page_values_set (v, "product_name", name);
  server_page_values_set (v, "l_spec", T (N_("Specification")));
  server_page_values_set (v, "spec", or_none (lookup->product->spec));
  server_page_values_set (v, "l_producer", T (N_("Producer")));
  server_page_values_set (v, "producer", or_none (lookup->producer ? lookup->producer->name : NULL));
  server_page_values_set (v, "l_licence", T (N_("Licence")));
  set_licence (v, lookup->producer, lang);
  server_page_values_set (v, "l_lot", T (N_("Lot")));
  server_page_values_set (v, "lot", or_none (batch ? batch->lot : res->code->lot));
  server_page_values_set (v, "l_production", T (N_("Production date")));
  {
    g_autofree char *production = date_text (batch && batch->production ? batch->production : res->code->production);
    g_autofree char *expiry = date_text (batch && batch->expiry ? batch->expiry : res->code->expiry);

    server_page_values_set (v, "production", production);
    server_page_values_set (v, "expiry", expiry);
  }
  server_page_values_set (v, "l_expiry", T (N_("Expiry date")));
  server_page_values_set (v, "l_serial", T (N_("Serial number")));
  server_page_values_set (v, "serial", or_none (res->code->serial));
  server_page_values_set (v, "l_trace", T (N_("Where it came from")));
  server_page_values_set_html (v, "steps", steps_html (res, lang));
  if (res->steps->len == 0)
    server_page_values_set (v, "no_trace", T (N_("No trace records yet")));
  server_page_values_set_html (v, "queries", queries_html (res, lang));
  server_page_values_set_html (v, "report", report_html (res->self_url, lang));
  return wrap_page (lang, name, N_("Facts as the traceability system holds them. "
                                   "If anything looks wrong, report it below or call 12315."),
                    server_page_render ("product.html", v));
}

char *
server_resolver_message_html (ServerLang  lang,
                              const char *title,
                              const char *text)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();

  server_page_values_set (v, "message_class", "unknown");
  server_page_values_set (v, "message_icon", "?");
  server_page_values_set (v, "message_title", title);
  server_page_values_set (v, "message_text", text);
  return wrap_page (lang, title, N_("Questions about food or drug safety: call 12315."),
                    server_page_render ("message.html", v));
}
