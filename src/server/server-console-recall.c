/* server-console-recall.c — the console's recall scope (去向追踪): find a
 * batch by any code of it or by product and lot, and see its chain upstream
 * and every party it reached with what each holds; exports in
 * server-console-recall-export.c.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console-recall-private.h"
#include "server-mirror.h"
#include "server-store.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))
#define MAX_FIELD_LEN 1024
#define FIELD(name) server_console_field (fields, (name), MAX_FIELD_LEN)

static const struct { const char *kind; const char *label; } kind_labels[] = {
  { "producer", N_("Producer") }, { "distributor", N_("Distributor") },
  { "retailer", N_("Retailer") }, { "market", N_("Market") },
};

static const struct { const char *status; const char *label; } status_labels[] = {
  { "normal", N_("Normal") }, { "recalled", N_("Recalled") }, { "held", N_("Held") },
  { "unqualified", N_("Failed sampling") }, { "destroyed", N_("Destroyed") },
};

static const char *
status_label (const ServerConsoleSession *session,
              const char                 *status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_labels); i++)
    if (g_strcmp0 (status, status_labels[i].status) == 0)
      return T (status_labels[i].label);
  return status;
}

const char *
console_recall_kind_label (const ServerConsoleSession *session,
                           const char                 *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind, kind_labels[i].kind) == 0)
      return T (kind_labels[i].label);
  return kind ? kind : "";
}

/* A product named by GTIN (8 to 14 digits) and a lot make a GS1 element
 * string; any other product text is the product's id. */
static char *
batch_for_product_lot (ServerContext *ctx,
                       const char    *product,
                       const char    *lot,
                       GError       **error)
{
  gsize len = strlen (product);
  gboolean digits = len >= 8 && len <= 14;

  for (gsize i = 0; digits && i < len; i++)
    digits = g_ascii_isdigit (product[i]);
  if (digits)
    {
      g_autofree char *zeros = g_strnfill (14 - len, '0');
      g_autofree char *code = g_strdup_printf ("(01)%s%s(10)%s", zeros, product, lot);

      return server_recall_batch_for_code (ctx, code, error);
    }
  return server_store_batch_for_lot (ctx->store, product, lot);
}

SuyuanRecallScope *
console_recall_find (ServerContext              *ctx,
                     const ServerConsoleSession *session,
                     GHashTable                 *fields,
                     gboolean                    whole_chain,
                     char                      **problem,
                     GError                    **error)
{
  const char *batch = FIELD ("batch"), *code = FIELD ("code");
  const char *product = FIELD ("product"), *lot = FIELD ("lot");
  const char *region = session->role == SERVER_ROLE_INSPECTOR && !whole_chain ? session->region : NULL;
  g_autofree char *batch_id = NULL;
  SuyuanRecallScope *scope;

  if (batch == NULL && code == NULL && (product == NULL || lot == NULL))
    {
      if (product != NULL || lot != NULL)
        *problem = g_strdup (T (N_("Give both the product and the lot.")));
      return NULL;
    }
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, error))
    return NULL;
  if (batch != NULL)
    batch_id = g_strdup (batch);
  else if (code != NULL && code[0] == '/')
    {
      /* A Digital Link path as the README and resolver pages print it. */
      g_autofree char *url = g_strconcat ("https://id.gs1.org", code, NULL);

      batch_id = server_recall_batch_for_code (ctx, url, error);
    }
  else if (code != NULL)
    batch_id = server_recall_batch_for_code (ctx, code, error);
  else
    batch_id = batch_for_product_lot (ctx, product, lot, error);
  if (batch_id == NULL)
    {
      if (error == NULL || *error == NULL)
        *problem = g_strdup (T (N_("No batch matches. Give a code with its lot (or a unit’s code), "
                                   "or the product’s GTIN or id and the lot.")));
      return NULL;
    }
  scope = suyuan_store_recall_scope (ctx->mirror, batch_id, region, error);
  if (scope == NULL && (error == NULL || *error == NULL))
    *problem = g_strdup (T (N_("No such batch.")));
  return scope;
}

static char *
chain_html (const ServerConsoleSession *session,
            const SuyuanRecallScope    *chain)
{
  GString *out = g_string_new (NULL);

  /* Upstream: the parties that passed the batch on (producer, distributors). */
  for (guint i = 0; chain && i < chain->parties->len; i++)
    {
      const SuyuanScopeParty *p = chain->parties->pdata[i];
      g_autoptr(ServerPageValues) v = NULL;
      g_autofree char *item = NULL;

      if (p->shipped_on == 0 && g_strcmp0 (p->party_id, chain->producer_id) != 0)
        continue;
      v = server_page_values_new ();
      server_page_values_set (v, "kind", console_recall_kind_label (session, p->kind));
      server_page_values_set (v, "name", p->name ? p->name : p->party_id);
      server_page_values_set (v, "region", p->region);
      item = server_page_render ("console-chain-item.html", v);
      g_string_append (out, item);
    }
  return g_string_free (out, FALSE);
}

static void
set_count (ServerPageValues *v,
           const char       *name,
           gint64            count)
{
  server_page_values_set_printf (v, name, "%" G_GINT64_FORMAT, count);
}

static char *
rows_html (const ServerConsoleSession *session,
           const SuyuanRecallScope    *scope)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < scope->parties->len; i++)
    {
      const SuyuanScopeParty *p = scope->parties->pdata[i];
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      g_autofree char *row = NULL;

      server_page_values_set (v, "name", p->name ? p->name : T (N_("(not in the register)")));
      server_page_values_set (v, "party_id", p->party_id);
      server_page_values_set (v, "kind", console_recall_kind_label (session, p->kind));
      server_page_values_set (v, "region", p->region);
      set_count (v, "received", p->received);
      set_count (v, "in_transit", p->in_transit);
      set_count (v, "in_stock", p->in_stock);
      set_count (v, "sold", p->sold);
      set_count (v, "shipped_on", p->shipped_on);
      set_count (v, "destroyed", p->destroyed);
      server_console_set_time (v, "last_event_at", p->last_event_at);
      row = server_page_render ("console-recall-row.html", v);
      g_string_append (out, row);
    }
  return g_string_free (out, FALSE);
}

/* The fixed words of the recall templates, by placeholder. */
static const struct { const char *name; const char *msgid; } labels[] = {
  { "l_find", N_("Find a batch") },
  { "l_code", N_("Scan or type any code of it") },
  { "l_code_hint", N_("GS1 element string, Digital Link URL or drug trace code") },
  { "l_or", N_("or") },
  { "l_product", N_("Product (GTIN or id)") },
  { "l_lot", N_("Lot") },
  { "l_search", N_("Trace") },
  { "l_batch", N_("Batch") },
  { "l_product_name", N_("Product") },
  { "l_producer", N_("Producer") },
  { "l_status", N_("Status") },
  { "l_dates", N_("Made — expires") },
  { "l_notice", N_("Notice") },
  { "l_chain", N_("Upstream chain") },
  { "l_parties", N_("Where it went") },
  { "h_party", N_("Party") },
  { "h_kind", N_("Kind") },
  { "h_region", N_("Region") },
  { "h_received", N_("Received") },
  { "h_in_transit", N_("In transit") },
  { "h_in_stock", N_("In stock") },
  { "h_sold", N_("Sold") },
  { "h_shipped_on", N_("Passed on") },
  { "h_destroyed", N_("Returned or destroyed") },
  { "h_last", N_("Last event (UTC)") },
  { "l_csv", N_("Export CSV") },
  { "l_print", N_("Printable recall notice list") },
  { "l_bureau", N_("Issuing bureau") },
  { "bureau_default", N_("Market Supervision Administration") },
};

void
console_recall_set_labels (ServerPageValues           *v,
                           const ServerConsoleSession *session)
{
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    server_page_values_set (v, labels[i].name, T (labels[i].msgid));
}

static char *
result_html (const ServerConsoleSession *session,
             const SuyuanRecallScope    *scope,
             const SuyuanRecallScope    *chain)
{
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  gboolean stopped = scope->status && g_strcmp0 (scope->status, "normal") != 0;

  console_recall_set_labels (v, session);
  server_page_values_set (v, "product", scope->product_name);
  server_page_values_set (v, "lot", scope->lot);
  server_page_values_set (v, "gtin", scope->gtin);
  server_page_values_set (v, "batch_id", scope->batch_id);
  server_page_values_set (v, "producer",
                          scope->producer_name ? scope->producer_name : scope->producer_id);
  server_page_values_set (v, "status", status_label (session, scope->status));
  server_page_values_set (v, "status_class", stopped ? "stop" : "ok");
  server_page_values_set (v, "notice", scope->notice);
  server_page_values_set_printf (v, "dates", "%s — %s",
                                 scope->production_date ? scope->production_date : "?",
                                 scope->expiry_date ? scope->expiry_date : "?");
  server_page_values_set_html (v, "chain", chain_html (session, chain));
  server_page_values_set_html (v, "rows", rows_html (session, scope));
  server_page_values_set_printf (v, "parties_count", T (N_("Parties reached: %u")),
                                 scope->parties->len);
  server_page_values_set (v, "region_note",
                          session->role == SERVER_ROLE_INSPECTOR && session->region
                                            ? T (N_("Only the parties of your region are listed.")) : NULL);
  return server_page_render ("console-recall-result.html", v);
}

static void
recall_page (ServerContext              *ctx,
             SoupServerMessage          *msg,
             GHashTable                 *fields,
             const ServerConsoleSession *session)
{
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  g_autoptr(SuyuanRecallScope) scope = NULL;
  g_autoptr(SuyuanRecallScope) chain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  guint status = SOUP_STATUS_OK;

  scope = console_recall_find (ctx, session, fields, FALSE, &problem, &error);
  /* The chain upstream is shown whole, also to an inspector of one region. */
  if (scope != NULL && session->role == SERVER_ROLE_INSPECTOR && session->region != NULL)
    {
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (by_id, "batch", scope->batch_id);
      chain = console_recall_find (ctx, session, by_id, TRUE, &problem, &error);
    }
  if (error != NULL)
    {
      server_console_reply_storage_error (msg, session, "recall", error);
      return;
    }
  console_recall_set_labels (v, session);
  server_page_values_set (v, "code", FIELD ("code"));
  server_page_values_set (v, "product", FIELD ("product"));
  server_page_values_set (v, "lot", FIELD ("lot"));
  server_page_values_set (v, "problem", problem);
  if (problem != NULL)
    status = SOUP_STATUS_NOT_FOUND;
  if (scope != NULL)
    {
      server_console_audit (ctx, session, "trace batch", scope->batch_id);
      server_page_values_set_html (v, "result", result_html (session, scope,
                                                             chain ? chain : scope));
    }
  server_console_reply (msg, session, status, T (N_("Recall scope")),
                        server_page_render ("console-recall.html", v));
}

static const ServerConsolePage pages[] = {
  { "/console/recall", N_("Recall scope"), SERVER_CONSOLE_ROLES, recall_page, NULL },
  { "/console/recall.csv", NULL, SERVER_CONSOLE_ROLES, console_recall_csv, NULL },
  { "/console/recall/print", NULL, SERVER_CONSOLE_ROLES, console_recall_print, NULL },
};

void
server_console_recall_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
