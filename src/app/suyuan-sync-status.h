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

G_END_DECLS
