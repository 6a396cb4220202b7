/* server-console-audit.c — the console's 审计 page: who did what, when,
 * newest first (every sign-in, refusal and change a console user made).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console.h"
#include "server-store-console.h"

#include <glib/gi18n.h>

#define T(msgid) server_console_text (session, (msgid))
#define AUDIT_PAGE_ROWS 500

/* The actions as stored (English, for scripts reading the table) and as the
 * page says them; a section's own actions not listed here show as stored. */
static const struct { const char *action; const char *label; } actions[] = {
  { "sign in", N_("signed in") }, { "sign-in failed", N_("sign-in failed") },
  { "sign-in refused", N_("sign-in refused") }, { "sign out", N_("signed out") },
  { "form refused", N_("form refused") }, { "trace batch", N_("traced a batch") },
  { "export recall scope CSV", N_("exported the recall scope as CSV") },
  { "print recall notice list", N_("printed a recall notice list") },
  { "issue notice", N_("issued a notice") }, { "lift hold", N_("lifted a hold") },
};

typedef struct {
  const ServerConsoleSession *session;
  GString *rows;
} Rows;

static void
add_row (const char *at,
         const char *who,
         const char *action,
         const char *detail,
         gpointer    user_data)
{
  Rows *rows = user_data;
  const ServerConsoleSession *session = rows->session;
  g_autoptr(ServerPageValues) v = server_page_values_new ();
  g_autofree char *row = NULL;

  server_page_values_set (v, "at", at);
  server_page_values_set (v, "who", who);
  server_page_values_set (v, "action", action);
  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (action, actions[i].action) == 0)
      server_page_values_set (v, "action", T (actions[i].label));
  server_page_values_set (v, "detail", detail);
  row = server_page_render ("console-audit-row.html", v);
  g_string_append (rows->rows, row);
}

static void
audit_page (ServerContext              *ctx,
            SoupServerMessage          *msg,
            GHashTable                 *fields,
            const ServerConsoleSession *session)
{
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Rows listing = { session, rows };

  if (!server_store_audit_foreach (ctx->store, AUDIT_PAGE_ROWS, add_row, &listing, &error))
    {
      server_console_reply_storage_error (msg, session, "audit page", error);
      return;
    }
  server_page_values_set_printf (v, "explain",
                                 T (N_("The newest %d actions in the console, newest first (UTC).")),
                                 AUDIT_PAGE_ROWS);
  server_page_values_set (v, "h_at", T (N_("When")));
  server_page_values_set (v, "h_who", T (N_("Who")));
  server_page_values_set (v, "h_action", T (N_("Action")));
  server_page_values_set (v, "h_detail", T (N_("Detail")));
  server_page_values_set_html (v, "rows", g_string_free (g_steal_pointer (&rows), FALSE));
  server_console_reply (msg, session, SOUP_STATUS_OK, T (N_("Audit trail")),
                        server_page_render ("console-audit.html", v));
}

static const ServerConsolePage pages[] = {
  { "/console/audit", N_("Audit"), SERVER_ROLE_ADMIN, audit_page, NULL },
};

void
server_console_audit_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
