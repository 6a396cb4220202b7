/* server-alerts.h — admin import of sampling results (抽检不合格), recalls
 * and holds: alerts plus the batch status changes they imply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* The CSV columns, in the order `import-alerts` documents them. */
#define SERVER_ALERT_COLUMNS "id,kind,scope,target_id,title,notice,issued_at,issuer"

/* Alerts from CSV text (a header row naming the columns) or a JSON document
 * {"alerts": [...]} / [...], as an array of alert objects. */
JsonArray *server_alerts_from_csv  (const char  *text,
                                    gsize        length,
                                    GError     **error);
JsonArray *server_alerts_from_json (const char  *text,
                                    gsize        length,
                                    GError     **error);

/* Checks every alert first (all problems in one message, one per line) and
 * then appends them with their batch status changes in one transaction; all
 * or nothing. An alert identical to the one the feed holds is skipped. */
gboolean   server_alerts_import    (ServerStore *store,
                                    JsonArray   *alerts,
                                    guint       *n_alerts,
                                    guint       *n_changes,
                                    GError     **error);

/* Lifts the hold @id: the alert again with kind "lifted", and its batch
 * (when it still holds it) back to normal, in one transaction.
 * G_IO_ERROR_INVALID_DATA when @id is no hold in force. */
gboolean   server_alerts_lift      (ServerStore *store,
                                    const char  *id,
                                    GError     **error);

G_END_DECLS
