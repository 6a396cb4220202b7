/* server-scope-runs.h — a scoped pull's page from the key rows it read:
 * each row covers a run of consecutive change numbers (docs/api.md,
 * "Scoped pull"), merged here into the page's first numbers, in order.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ServerScopeRuns ServerScopeRuns;

/* The numbers after @after, up to @through, at most @limit of them. Each
 * key gives its run that holds @after and its first @limit runs after it:
 * a run holds a number at least, so the @limit first numbers of all are
 * among them. */
ServerScopeRuns *server_scope_runs_new       (gint64           after,
                                              gint64           through,
                                              guint            limit);
void             server_scope_runs_free      (ServerScopeRuns *runs);
/* A key row: the numbers @first to @last. */
void             server_scope_runs_add       (ServerScopeRuns *runs,
                                              gint64           first,
                                              gint64           last);
/* The page's numbers, ascending, each once (owned by @runs). */
GArray          *server_scope_runs_seqs      (ServerScopeRuns *runs);
/* @seqs as a list of numbers between @open and @close ("[1,2]" for
 * SQLite's json_each, "{1,2}" for a PostgreSQL array). */
char            *server_scope_seq_list       (GArray          *seqs,
                                              char             open,
                                              char             close);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerScopeRuns, server_scope_runs_free)

G_END_DECLS
