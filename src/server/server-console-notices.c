/* server-console-notices.c — the console's notices (通告): issue a recall,
 * hold or failed-sampling notice as the same changes `import-alerts` makes,
 * lift a hold, and see which terminals have pulled each notice.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-alerts.h"
#include "server-console.h"
#include "server-mirror.h"
#include "server-store-console.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))
#define NOTICES_SHOWN 200
#define MAX_FIELD_LEN 2000
#define FIELD(name) server_console_field (fields, (name), MAX_FIELD_LEN)

static const struct { const char *kind; const char *label; } kinds[] = {
  { "recall", N_("Recall") }, { "hold", N_("Hold (sealed pending re-test)") },
  { "unqualified", N_("Failed sampling") }, { "lifted", N_("Hold lifted") },
};

static const struct { const char *scope; const char *label; } scopes[] = {
  { "batch", N_("Batch") }, { "product", N_("Product") }, { "producer", N_("Producer") },
};

static const char *
kind_label (const ServerConsoleSession *session,
            const char                 *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return T (kinds[i].label);
  return kind;
}

static const char *
scope_label (const ServerConsoleSession *session,
             const char                 *scope)
{
  for (gsize i = 0; i < G_N_ELEMENTS (scopes); i++)
    if (g_strcmp0 (scope, scopes[i].scope) == 0)
      return T (scopes[i].label);
  return scope;
}

static const char *
json_text (JsonObject *o,
           const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

typedef struct {
  gint64 seq;
  char *token;
  char *pulled_at;
} Pull;

static void
pull_free (gpointer data)
{
  Pull *pull = data;

  g_free (pull->token);
  g_free (pull->pulled_at);
  g_free (pull);
}

static void
add_pull (const char *token_name,
          gint64      last_seq,
          const char *pulled_at,
          gpointer    user_data)
{
  Pull *pull = g_new0 (Pull, 1);

  pull->seq = last_seq;
  pull->token = g_strdup (token_name);
  pull->pulled_at = g_strdup (pulled_at);
  g_ptr_array_add (user_data, pull);
}

/* Who has the notice of change @seq, and who not yet. */
static char *
pulled_html (const ServerConsoleSession *session,
             GPtrArray                  *pulls,
             gint64                      seq)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < pulls->len; i++)
    {
      const Pull *pull = pulls->pdata[i];
      g_autoptr(ServerPageValues) v = NULL;
      g_autofree char *item = NULL;

      if (pull->seq < seq)
        {
          g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", pull->token);
          continue;
        }
      v = server_page_values_new ();
      server_page_values_set (v, "token", pull->token);
      server_console_set_time (v, "time", pull->pulled_at);
      server_page_values_set (v, "l_when", T (N_("last sync")));
      item = server_page_render ("console-pull-item.html", v);
      g_string_append (out, item);
    }
  if (missing->len > 0)
    {
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      g_autofree char *item = NULL;

      server_page_values_set_printf (v, "token", T (N_("Not yet: %s")), missing->str);
      item = server_page_render ("console-pull-item.html", v);
      g_string_append (out, item);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  const ServerConsoleSession *session;
  GPtrArray *pulls;
  GHashTable *seen;      /* alert ids already listed: the newest change wins */
  GString *rows;
} Listing;

static void
add_notice (gint64      seq,
            const char *json,
            gpointer    user_data)
{
  Listing *listing = user_data;
  const ServerConsoleSession *session = listing->session;
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(ServerPageValues) v = NULL;
  g_autofree char *row = NULL;
  JsonObject *o;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  if ((id = json_text (o, "id")) == NULL || !g_hash_table_add (listing->seen, g_strdup (id)))
    return;
  v = server_console_values_new (session);
  server_page_values_set (v, "id", id);
  server_page_values_set (v, "kind", kind_label (session, json_text (o, "kind")));
  server_page_values_set (v, "kind_class",
                          g_strcmp0 (json_text (o, "kind"), "lifted") == 0 ? "ok" : "stop");
  server_page_values_set_printf (v, "scope", "%s %s", scope_label (session, json_text (o, "scope")),
                                 json_text (o, "target_id") ? json_text (o, "target_id") : "");
  server_page_values_set (v, "title", json_text (o, "title"));
  server_page_values_set (v, "notice", json_text (o, "notice"));
  server_page_values_set (v, "issuer", json_text (o, "issuer"));
  server_page_values_set (v, "issued_at", json_text (o, "issued_at"));
  server_page_values_set_html (v, "pulled", pulled_html (session, listing->pulls, seq));
  if (g_strcmp0 (json_text (o, "kind"), "hold") == 0)
    {
      server_page_values_set (v, "l_lift", T (N_("Lift the hold")));
      server_page_values_set_html (v, "lift", server_page_render ("console-lift.html", v));
    }
  row = server_page_render ("console-notice-row.html", v);
  g_string_append (listing->rows, row);
}

static const struct { const char *name; const char *msgid; } labels[] = {
  { "l_issue", N_("Issue a notice") },
  { "l_kind", N_("Kind") },
  { "l_scope", N_("Applies to") },
  { "l_target", N_("Batch, product or producer") },
  { "l_target_hint", N_("Its id; for a batch also any code of it") },
  { "l_title", N_("Title") },
  { "l_reason", N_("Reason and legal basis") },
  { "l_submit", N_("Issue") },
  { "l_list", N_("Notices") },
  { "l_list_explain", N_("Terminals receive a notice at their next sync; each row lists the terminals that "
                         "have it and those that have not pulled it yet.") },
  { "h_notice", N_("Notice") },
  { "h_kind", N_("Kind") },
  { "h_scope", N_("Applies to") },
  { "h_issuer", N_("Issuer") },
  { "h_pulled", N_("Pulled by") },
};

static char *
options_html (const ServerConsoleSession *session,
              gboolean                    scope_list)
{
  GString *out = g_string_new (NULL);
  gsize n = scope_list ? G_N_ELEMENTS (scopes) : G_N_ELEMENTS (kinds) - 1;   /* not "lifted" */

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(ServerPageValues) v = server_page_values_new ();
      g_autofree char *option = NULL;

      server_page_values_set (v, "value", scope_list ? scopes[i].scope : kinds[i].kind);
      server_page_values_set (v, "label", T (scope_list ? scopes[i].label : kinds[i].label));
      option = server_page_render ("console-option.html", v);
      g_string_append (out, option);
    }
  return g_string_free (out, FALSE);
}

static void
notices_reply (ServerContext              *ctx,
               SoupServerMessage          *msg,
               const ServerConsoleSession *session,
               guint                       status,
               const char                 *problem,
               const char                 *done)
{
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  g_autoptr(GPtrArray) pulls = g_ptr_array_new_with_free_func (pull_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Listing listing = { session, pulls, seen, rows };

  if (!server_store_pulls_foreach (ctx->store, add_pull, pulls, &error)
      || !server_store_alerts_foreach (ctx->store, NOTICES_SHOWN, add_notice, &listing, &error))
    {
      server_console_reply_storage_error (msg, session, "notices", error);
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    server_page_values_set (v, labels[i].name, T (labels[i].msgid));
  server_page_values_set_html (v, "kinds", options_html (session, FALSE));
  server_page_values_set_html (v, "scopes", options_html (session, TRUE));
  server_page_values_set (v, "problem", problem);
  server_page_values_set (v, "done", done);
  server_page_values_set_html (v, "rows", g_string_free (g_steal_pointer (&rows), FALSE));
  server_console_reply (msg, session, status, T (N_("Notices")),
                        server_page_render ("console-notices.html", v));
}

static void
notices_page (ServerContext              *ctx,
              SoupServerMessage          *msg,
              GHashTable                 *fields,
              const ServerConsoleSession *session)
{
  const char *done = FIELD ("done");

  notices_reply (ctx, msg, session, SOUP_STATUS_OK, NULL,
                 g_strcmp0 (done, "issued") == 0
                 ? T (N_("The notice is issued; terminals get it at their next sync."))
                 : g_strcmp0 (done, "lifted") == 0 ? T (N_("The hold is lifted.")) : NULL);
}

/* The target's id: for a batch, also any code of it. */
static char *
target_id (ServerContext *ctx,
           const char    *scope,
           const char    *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *known = NULL;
  char *batch;

  if (g_strcmp0 (scope, "batch") != 0
      || (known = server_store_entity_member (ctx->store, "batch", "id", target, "id")) != NULL)
    return g_strdup (target);
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    return g_strdup (target);
  batch = server_recall_batch_for_code (ctx, target, &error);
  return batch ? batch : g_strdup (target);
}

static void
issue_notice (ServerContext              *ctx,
              SoupServerMessage          *msg,
              GHashTable                 *fields,
              const ServerConsoleSession *session)
{
  const char *kind = FIELD ("kind"), *scope = FIELD ("scope");
  const char *target = FIELD ("target"), *title = FIELD ("title");
  g_autoptr(JsonArray) alerts = json_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *suffix = server_random_hex ("", NULL);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *id = NULL, *target_found = NULL, *detail = NULL;
  JsonObject *alert;

  if (kind == NULL || scope == NULL || target == NULL || title == NULL || suffix == NULL)
    {
      notices_reply (ctx, msg, session, SOUP_STATUS_BAD_REQUEST,
                     T (N_("Give the kind, what it applies to and a title.")), NULL);
      return;
    }
  id = g_strdup_printf ("C-%s-%.6s", stamp, suffix);
  target_found = target_id (ctx, scope, target);
  alert = json_object_new ();
  json_object_set_string_member (alert, "id", id);
  json_object_set_string_member (alert, "kind", kind);
  json_object_set_string_member (alert, "scope", scope);
  json_object_set_string_member (alert, "target_id", target_found);
  json_object_set_string_member (alert, "title", title);
  if (FIELD ("notice"))
    json_object_set_string_member (alert, "notice", FIELD ("notice"));
  json_object_set_string_member (alert, "issued_at", today);
  json_object_set_string_member (alert, "issuer", session->user);
  json_array_add_object_element (alerts, alert);
  if (!server_alerts_import (ctx->store, alerts, NULL, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        g_warning ("console notice: %s", error->message);
      notices_reply (ctx, msg, session, SOUP_STATUS_BAD_REQUEST, error->message, NULL);
      return;
    }
  detail = g_strdup_printf ("%s %s %s %s: %s", id, kind, scope, target_found, title);
  server_console_audit (ctx, session, "issue notice", detail);
  server_console_redirect (msg, "/console/notices?done=issued");
}

static void
lift_hold (ServerContext              *ctx,
           SoupServerMessage          *msg,
           GHashTable                 *fields,
           const ServerConsoleSession *session)
{
  const char *id = FIELD ("id");
  g_autoptr(GError) error = NULL;

  if (id == NULL || !server_alerts_lift (ctx->store, id, &error))
    {
      if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        g_warning ("console lift: %s", error->message);
      notices_reply (ctx, msg, session, SOUP_STATUS_BAD_REQUEST,
                     T (N_("That notice is no hold in force.")), NULL);
      return;
    }
  server_console_audit (ctx, session, "lift hold", id);
  server_console_redirect (msg, "/console/notices?done=lifted");
}

static const ServerConsolePage pages[] = {
  { "/console/notices", N_("Notices"), SERVER_CONSOLE_ROLES, notices_page, issue_notice },
  { "/console/notices/lift", NULL, SERVER_CONSOLE_ROLES, NULL, lift_hold },
};

void
server_console_notices_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
