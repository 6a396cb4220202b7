/* server-console-recall-private.h — what the recall section's page and its
 * exports (CSV, printable notice list) share.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-console.h"
#include "recall-scope.h"

G_BEGIN_DECLS

/* The scope of the batch @fields name (batch=, code=, or product= and lot=),
 * as @session may see it (an inspector: its region). NULL with @problem set
 * (a sentence for the user, translated) when nothing matched, or with
 * @error on a storage error; NULL and neither when @fields name nothing. */
SuyuanRecallScope *console_recall_find        (ServerContext              *ctx,
                                               const ServerConsoleSession *session,
                                               GHashTable                 *fields,
                                               gboolean                    whole_chain,
                                               char                      **problem,
                                               GError                    **error);
/* The party kind as the session reads it (生产企业 …). */
const char        *console_recall_kind_label  (const ServerConsoleSession *session,
                                               const char                 *kind);

/* The section's fixed words (l_*, h_*) in the session's language. */
void               console_recall_set_labels  (ServerPageValues           *v,
                                               const ServerConsoleSession *session);
void               console_recall_csv         (ServerContext              *ctx,
                                               SoupServerMessage          *msg,
                                               GHashTable                 *fields,
                                               const ServerConsoleSession *session);
void               console_recall_print       (ServerContext              *ctx,
                                               SoupServerMessage          *msg,
                                               GHashTable                 *fields,
                                               const ServerConsoleSession *session);


G_END_DECLS
