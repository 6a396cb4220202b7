/* server-budget.h — how many units one request and one token may register,
 * so no producer can fill the feed (and every terminal) with millions of
 * codes or hold the server with one request.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Units one upload may register, whatever number of records carry them. */
#define SERVER_MAX_UNITS_PER_REQUEST 100000
/* Units one token may register per UTC day, in this server process
 * (SUYUAN_SERVER_TOKEN_UNITS_PER_DAY in the server's environment sets another). */
#define SERVER_MAX_UNITS_PER_TOKEN_DAY 2000000

/* Whether the token named @token may register @n more units today. */
gboolean server_budget_allows (const char *token,
                               guint64     n);
/* Counts @n units registered by @token today. */
void     server_budget_spend  (const char *token,
                               guint64     n);

G_END_DECLS
