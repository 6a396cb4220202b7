/* server-console-recall-export.c — a batch's recall scope as CSV (UTF-8 with
 * a BOM, so spreadsheet programs read the Chinese) and as a printable A4
 * recall notice list with a signature column (the browser prints it to
 * PDF: the server links no cairo).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console-recall-private.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))
#define MAX_BUREAU_LEN 100

/* The scope the request names, or a reply already sent and NULL. */
static SuyuanRecallScope *
find_or_reply (ServerContext              *ctx,
               SoupServerMessage          *msg,
               GHashTable                 *fields,
               const ServerConsoleSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  SuyuanRecallScope *scope = console_recall_find (ctx, session, fields, FALSE, &problem, &error);

  if (scope != NULL)
    return scope;
  if (error != NULL)
    server_console_reply_storage_error (msg, session, "recall export", error);
  else
    server_console_reply_message (msg, session, SOUP_STATUS_NOT_FOUND, T (N_("Recall scope")),
                                  problem ? problem : T (N_("No such batch.")));
  return NULL;
}

/* One CSV cell, quoted; a leading = + - @ is defused so a spreadsheet shows
 * a hostile party name as text instead of running it as a formula. */
static void
csv_cell (GString    *out,
          const char *text,
          gboolean    last)
{
  g_string_append_c (out, '"');
  if (text && strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, last ? "\"\r\n" : "\",");
}

static void
csv_count (GString *out,
           gint64   count)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",", count);
}

/* A file name of the batch id's safe characters only. */
static char *
file_name (const char *batch_id)
{
  g_autofree char *safe = g_strdup (batch_id);

  for (char *p = safe; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      *p = '_';
  return g_strdup_printf ("recall-%s.csv", safe);
}

void
console_recall_csv (ServerContext              *ctx,
                    SoupServerMessage          *msg,
                    GHashTable                 *fields,
                    const ServerConsoleSession *session)
{
  static const char *const headers[] = {
    N_("Party id"), N_("Party"), N_("Kind"), N_("Region"), N_("Shipped to it"), N_("Received"),
    N_("In transit"), N_("In stock"), N_("Sold"), N_("Passed on"), N_("Returned or destroyed"),
    N_("First event (UTC)"), N_("Last event (UTC)"),
  };
  g_autoptr(SuyuanRecallScope) scope = find_or_reply (ctx, msg, fields, session);
  g_autofree char *name = NULL, *disposition = NULL;
  GString *out;
  gsize len;

  if (scope == NULL)
    return;
  out = g_string_new ("\xEF\xBB\xBF");   /* the BOM */
  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    csv_cell (out, T (headers[i]), i + 1 == G_N_ELEMENTS (headers));
  for (guint i = 0; i < scope->parties->len; i++)
    {
      const SuyuanScopeParty *p = scope->parties->pdata[i];

      csv_cell (out, p->party_id, FALSE);
      csv_cell (out, p->name, FALSE);
      csv_cell (out, console_recall_kind_label (session, p->kind), FALSE);
      csv_cell (out, p->region, FALSE);
      csv_count (out, p->shipped_to);
      csv_count (out, p->received);
      csv_count (out, p->in_transit);
      csv_count (out, p->in_stock);
      csv_count (out, p->sold);
      csv_count (out, p->shipped_on);
      csv_count (out, p->destroyed);
      csv_cell (out, p->first_event_at, FALSE);
      csv_cell (out, p->last_event_at, TRUE);
    }
  server_console_audit (ctx, session, "export recall scope CSV", scope->batch_id);
  name = file_name (scope->batch_id);
  disposition = g_strdup_printf ("attachment; filename=\"%s\"", name);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", disposition);
  len = out->len;
  server_console_reply_document (msg, "text/csv; charset=utf-8", g_string_free (out, FALSE), len);
}

static char *
print_rows (const ServerConsoleSession *session,
            const SuyuanRecallScope    *scope)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scope->parties->len; i++)
    {
      const SuyuanScopeParty *p = scope->parties->pdata[i];
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      g_autofree char *row = NULL;

      server_page_values_set_printf (v, "n", "%u", i + 1);
      server_page_values_set (v, "name", p->name ? p->name : p->party_id);
      server_page_values_set (v, "kind", console_recall_kind_label (session, p->kind));
      server_page_values_set (v, "region", p->region);
      server_page_values_set_printf (v, "received", "%" G_GINT64_FORMAT,
                                     p->received + p->in_transit);
      server_page_values_set_printf (v, "in_stock", "%" G_GINT64_FORMAT, p->in_stock);
      server_page_values_set_printf (v, "sold", "%" G_GINT64_FORMAT, p->sold);
      row = server_page_render ("console-print-row.html", v);
      g_string_append (out, row);
    }
  return g_string_free (out, FALSE);
}

void
console_recall_print (ServerContext              *ctx,
                      SoupServerMessage          *msg,
                      GHashTable                 *fields,
                      const ServerConsoleSession *session)
{
  g_autoptr(SuyuanRecallScope) scope = find_or_reply (ctx, msg, fields, session);
  g_autoptr(ServerPageValues) v = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *bureau = g_hash_table_lookup (fields, "bureau");
  g_autofree char *date = NULL;
  char *html;

  if (scope == NULL)
    return;
  if (bureau == NULL || *bureau == '\0' || strlen (bureau) > MAX_BUREAU_LEN || !g_utf8_validate (bureau, -1, NULL))
    bureau = T (N_("Market Supervision Administration"));
  v = server_console_values_new (session);
  console_recall_set_labels (v, session);
  server_page_values_set (v, "title", T (N_("Recall notice list")));
  server_page_values_set (v, "bureau", bureau);
  date = g_date_time_format (now, "%Y-%m-%d");
  server_page_values_set (v, "date", date);
  server_page_values_set (v, "product", scope->product_name);
  server_page_values_set (v, "lot", scope->lot);
  server_page_values_set (v, "gtin", scope->gtin);
  server_page_values_set (v, "producer",
                          scope->producer_name ? scope->producer_name : scope->producer_id);
  server_page_values_set (v, "notice", scope->notice);
  server_page_values_set (v, "l_date", T (N_("Date")));
  server_page_values_set (v, "instruction",
                          T (N_("The parties below received this batch. Stop selling it at once, take it off "
                                "the shelves and keep it sealed, and report your stock and where the rest went "
                                "within 24 hours. Sign to confirm you received this notice.")));
  server_page_values_set (v, "h_n", T (N_("No.")));
  server_page_values_set (v, "h_received", T (N_("Received")));
  server_page_values_set (v, "h_signature", T (N_("Signature")));
  server_page_values_set (v, "h_signed_on", T (N_("Date")));
  server_page_values_set_printf (v, "printed_by",
                                 T (N_("Printed by %s from the traceability system")),
                                 session->user);
  server_page_values_set_html (v, "rows", print_rows (session, scope));
  server_console_audit (ctx, session, "print recall notice list", scope->batch_id);
  html = server_page_render ("console-recall-print.html", v);
  server_console_reply_document (msg, "text/html; charset=utf-8", html, strlen (html));
}
