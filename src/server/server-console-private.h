/* server-console-private.h — what the console frame's files share: the
 * session cookie and the checks every form passes (server-console-session.c).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-console.h"

G_BEGIN_DECLS

#define CONSOLE_COOKIE "suyuan_console"
/* Before sign-in, the sign-in form's CSRF token rides in its own cookie. */
#define CONSOLE_SIGNIN_COOKIE "suyuan_console_signin"

void                  console_session_free       (ServerConsoleSession *session);
/* The signed-in session of @msg's cookie, still fresh, or NULL. Touches it. */
ServerConsoleSession *console_session_from_request (ServerContext     *ctx,
                                                    SoupServerMessage *msg);
/* Starts a session for the token holder @who: stores it and sets the cookie. */
gboolean              console_session_start      (ServerContext         *ctx,
                                                  SoupServerMessage     *msg,
                                                  const ServerPrincipal *who,
                                                  GError               **error);
/* Ends @msg's session (if any) and clears the cookie. */
void                  console_session_end        (ServerContext     *ctx,
                                                  SoupServerMessage *msg);
/* The value of cookie @name of the request, or NULL. */
char                 *console_cookie             (SoupServerMessage *msg,
                                                  const char        *name);
/* Sets cookie @name (Path=/console, HttpOnly, SameSite=Strict, Secure on
 * HTTPS); @max_age 0 deletes it. */
void                  console_set_cookie         (SoupServerMessage *msg,
                                                  const char        *name,
                                                  const char        *value,
                                                  int                max_age);
/* Whether a POST came from a page of ours: its Origin (when sent) is this
 * server, and its "csrf" field equals @expected. */
gboolean              console_form_trusted       (SoupServerMessage *msg,
                                                  GHashTable        *fields,
                                                  const char        *expected);

G_END_DECLS
