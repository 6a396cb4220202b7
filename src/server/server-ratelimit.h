/* server-ratelimit.h — per-client-address request budgets of the public
 * endpoints: a fixed window with a bounded table.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ServerRateLimit ServerRateLimit;

/* @limit requests per @window_seconds per address; @limit 0 means no limit. */
ServerRateLimit *server_rate_limit_new   (guint            limit,
                                          guint            window_seconds);
void             server_rate_limit_free  (ServerRateLimit *limit);
/* Counts one request from @address; FALSE when it is over budget, with
 * *@retry_after the seconds until the window turns. */
gboolean         server_rate_limit_take  (ServerRateLimit *limit,
                                          const char      *address,
                                          guint           *retry_after);

G_END_DECLS
