/* server-console.h — the regulator console at /console: sign-in by token,
 * sessions, the layout with its nav, CSRF-checked forms and the audit trail.
 * Sections (recall scope, notices, …) are pages served inside this frame.
 *
 * Adding a section:
 *  1. Write src/server/server-console-NAME.c with handlers of the type
 *     ServerConsoleHandler and a table of ServerConsolePage (paths under
 *     /console/, a nav label in N_() for the page the nav links to, roles).
 *     Its register function calls server_console_add_pages (table, n).
 *  2. Declare the register function below and call it from
 *     server_console_install (server-console.c), in nav order.
 *  3. Templates go in src/server/pages/console-NAME*.html (add them to
 *     server-pages.gresource.xml); render with server_page_render and reply
 *     with server_console_reply, which wraps the body in the layout.
 *  4. A form: <form method="post"> with <input type="hidden" name="csrf"
 *     value="{{csrf}}"> (server_console_values_new sets csrf and lang). POST
 *     handlers run only once the CSRF token and Origin were checked, with the
 *     form's fields as @fields. Reply to a POST with server_console_redirect
 *     (303) or a page; call server_console_audit for every change made.
 * Every page needs a signed-in session of one of its roles: others get the
 * sign-in page (no session) or a refusal page (another role).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"
#include "server-catalog.h"
#include "server-page.h"

G_BEGIN_DECLS

#define SERVER_CONSOLE_ROLES (SERVER_ROLE_ADMIN | SERVER_ROLE_INSPECTOR)
/* A session ends after this long unused, and this long after sign-in. */
#define SERVER_CONSOLE_IDLE_SECONDS (8 * 3600)
#define SERVER_CONSOLE_MAX_SECONDS (12 * 3600)

/* The signed-in user of a request. */
typedef struct {
  char *user;          /* the token's name: who, in the audit trail */
  ServerRole role;
  char *region;        /* an inspector's region; NULL: the whole province */
  char *party;
  char *csrf;          /* the session's CSRF token, for forms */
  ServerLang lang;     /* by Accept-Language */
} ServerConsoleSession;

/* @fields: the query of a GET, the decoded form of a POST (never NULL). */
typedef void (*ServerConsoleHandler) (ServerContext              *ctx,
                                      SoupServerMessage          *msg,
                                      GHashTable                 *fields,
                                      const ServerConsoleSession *session);

typedef struct {
  const char *path;            /* exact, starting /console/ */
  const char *nav_label;       /* N_() label in the nav, or NULL */
  guint roles;                 /* ServerRole bits that may use it */
  ServerConsoleHandler get;    /* NULL: no GET */
  ServerConsoleHandler post;   /* NULL: no POST */
} ServerConsolePage;

/* Registers pages (the table must outlive the server); before install. */
void              server_console_add_pages     (const ServerConsolePage *pages,
                                                gsize                    n_pages);
/* Serves /console and every registered page (server_api_install calls it). */
void              server_console_install       (SoupServer    *server,
                                                ServerContext *ctx);

/* Field @name of a form or query, stripped, or NULL when it is missing,
 * empty, not UTF-8 or longer than @max_len bytes. Strips it in place. */
const char       *server_console_field         (GHashTable *fields,
                                                const char *name,
                                                gsize       max_len);
/* Sets @name to the UTC time @iso ("2025-09-10T02:00:00.000Z") as
 * "2025-09-10 02:00": the minute is enough on a page. */
void              server_console_set_time      (ServerPageValues *values,
                                                const char       *name,
                                                const char       *iso);
/* @msgid (an N_() string) in the session's language. */
const char       *server_console_text          (const ServerConsoleSession *session,
                                                const char                 *msgid);
/* Values with "lang" and "csrf" set, for a section's template. */
ServerPageValues *server_console_values_new    (const ServerConsoleSession *session);
/* Replies @status with @body (a rendered template; taken) inside the
 * layout: nav, the signed-in user, sign-out. Security headers, no-store. */
void              server_console_reply         (SoupServerMessage          *msg,
                                                const ServerConsoleSession *session,
                                                guint                       status,
                                                const char                 *title,
                                                char                       *body);
/* A page of one message (@text may be NULL) in the layout. */
void              server_console_reply_message (SoupServerMessage          *msg,
                                                const ServerConsoleSession *session,
                                                guint                       status,
                                                const char                 *title,
                                                const char                 *text);
/* 500 with "storage error": the details go to the log (@why), not the page. */
void              server_console_reply_storage_error (SoupServerMessage          *msg,
                                                      const ServerConsoleSession *session,
                                                      const char                 *what,
                                                      const GError               *why);
/* A whole document of ours (@body taken), with the console's headers. */
void              server_console_reply_document (SoupServerMessage *msg,
                                                 const char        *content_type,
                                                 char              *body,
                                                 gsize              length);
/* 303 See Other to @path (ours: starts with /console). */
void              server_console_redirect      (SoupServerMessage          *msg,
                                                const char                 *path);
/* Sets the console's security headers (CSP, no-store, frame-ancestors
 * none …); for replies a section makes itself (a CSV download). */
void              server_console_secure_headers (SoupServerMessage *msg);
/* Records that @who did @action (a short English verb phrase such as
 * "issue notice"), with @detail (may be NULL); failures are logged. */
void              server_console_audit         (ServerContext              *ctx,
                                                const ServerConsoleSession *who,
                                                const char                 *action,
                                                const char                 *detail);

/* Sections, each in its own file. */
void              server_console_recall_register  (void);
void              server_console_notices_register (void);
void              server_console_audit_register   (void);
void              server_console_inspections_register (void);
void              server_console_photos_register  (void);
/* The photos cell of an inspection item: each uploaded photo as an <img>
 * (server-console-photos.c), the others by file name. */
char             *server_console_photos_html      (JsonObject *item,
                                                   const char *inspection_uuid);
void              server_console_risk_register    (void);
void              server_console_tasks_register   (void);

G_END_DECLS
