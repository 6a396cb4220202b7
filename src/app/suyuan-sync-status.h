/* suyuan-sync-status.h — the words for the sync state in the header bar and
 * for sync failures: what happened and what to do. GLib only, so it is tested
 * without a display.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Synced 10:42 · 3 waiting", "Not synced", "Offline · synced Dec 5, 10:42"…
 * @last_sync NULL: never synced; @now: to say it as short as it can be;
 * @offline: the last sync failed (how old the recall data is still shows);
 * @n_pending: records in the outbox, not yet acknowledged. */
char *suyuan_sync_status_text (GDateTime *last_sync,
                               GDateTime *now,
                               gboolean   offline,
                               gint64     n_pending);
/* A failed sync in words that say what to do ("Can't reach the server;
 * records are kept and will be sent later"). */
char *suyuan_sync_error_text  (const GError *error);

/* What the terminal's units and events were pulled under, as the server
 * named it (docs/api.md, "Scoped pull"): "Scope: whole province" for "all",
 * "Scope: this token’s (ID …)" otherwise, "Scope: not pulled yet" for NULL. */
char *suyuan_sync_scope_text  (const char   *scope);
/* "1,234 units on this terminal"; NULL when @n_units < 0 (not counted). */
char *suyuan_sync_units_text  (gint64        n_units);
/* Said when a sync dropped the units and events of the token's old scope
 * and pulled its new one. */
const char *suyuan_sync_scope_changed_text (void);

G_END_DECLS
