/* suyuan-application.h — the app: one store, one sync, windows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_APPLICATION (suyuan_application_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanApplication, suyuan_application, SUYUAN, APPLICATION, AdwApplication)

SuyuanApplication *suyuan_application_new        (void);
SuyuanStore       *suyuan_application_get_store  (SuyuanApplication *self);
const char        *suyuan_application_get_store_path (SuyuanApplication *self);
const char        *suyuan_application_get_server (SuyuanApplication *self);
GSettings         *suyuan_application_get_settings (SuyuanApplication *self);
gboolean           suyuan_application_get_kiosk  (SuyuanApplication *self);
void               suyuan_application_set_kiosk  (SuyuanApplication *self,
                                                  gboolean           kiosk);
/* The last sync found the token's scope changed (the "scope-changed" property). */
gboolean           suyuan_application_get_scope_changed (SuyuanApplication *self);
/* Records in the outbox not yet acknowledged by the server. */
gint64             suyuan_application_count_pending (SuyuanApplication *self);
/* The header's sync state: "Synced 10:42 · 3 waiting", "No server", "Syncing…" … */
char              *suyuan_application_get_sync_status (SuyuanApplication *self);
/* Starts a pull in the background; "sync-finished" is emitted on the main thread. */
void               suyuan_application_sync       (SuyuanApplication *self);

G_END_DECLS
