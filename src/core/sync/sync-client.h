/* sync-client.h — keeping the terminal's store in step with suyuan-server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_SYNC_ERROR (suyuan_sync_error_quark ())
typedef enum {
  SUYUAN_SYNC_ERROR_PROTOCOL,    /* the server's reply is not what the API promises */
  SUYUAN_SYNC_ERROR_TOKEN,       /* the token file is unsafe or unreadable */
} SuyuanSyncError;

/* Changes per pull request: the most the server serves (docs/api.md); fewer
 * requests and commits make an initial sync faster. */
#define SUYUAN_SYNC_PAGE_SIZE 5000
/* Records per upload; the server takes up to 1000 (docs/api.md). */
#define SUYUAN_SYNC_PUSH_BATCH 500

typedef void (*SuyuanSyncProgress) (guint64  applied,
                                    gint64   cursor,
                                    gpointer user_data);

GQuark    suyuan_sync_error_quark (void);

#define SUYUAN_SYNC_TOKEN_MAX 128
/* $SUYUAN_TOKEN_FILE, else $XDG_CONFIG_HOME/suyuan/token */
char     *suyuan_sync_token_path    (void);
/* The device token: $SUYUAN_TOKEN, else the token file, which must be private
 * (mode 0600). *@token_out is NULL when neither is there; FALSE only for an
 * unsafe or unreadable file. Pull and push use this when @token is NULL;
 * "" sends no token at all. */
gboolean  suyuan_sync_default_token (char      **token_out,
                                     GError    **error);

/* Pulls every change after the store's cursor, a page at a time; each page and
 * its cursor are committed together, so an interrupted pull resumes. A change
 * the terminal cannot read or apply is stepped past and counted
 * (suyuan_store_get_skipped), never a stop: the changes after it still come. */
gboolean  suyuan_sync_pull (SuyuanStore        *store,
                            const char         *base_url,
                            const char         *token,
                            SuyuanSyncProgress  progress,
                            gpointer            user_data,
                            guint64            *n_applied,
                            GError            **error);

/* What a pull did, for the terminal to say. */
typedef struct {
  guint64  n_applied;       /* changes applied, over both pulls when the scope changed */
  gboolean scope_changed;   /* the server named another scope than the store was pulled
                             * under: the old scope's units and events were dropped (never
                             * the outbox nor records not yet sent) and the new one pulled */
} SuyuanSyncPullResult;

/* As suyuan_sync_pull, and says in *@result whether the token's scope
 * changed. *@result is filled on failure too: the old scope's data may be
 * gone though the pull of the new one failed. */
gboolean  suyuan_sync_pull_full (SuyuanStore          *store,
                                 const char           *base_url,
                                 const char           *token,
                                 SuyuanSyncProgress    progress,
                                 gpointer              user_data,
                                 SuyuanSyncPullResult *result,
                                 GError              **error);

typedef void (*SuyuanSyncPushProgress) (guint64  sent,
                                        guint64  total,
                                        gpointer user_data);

/* Sends every outbox record not yet acknowledged, in batches, and marks sent
 * only the UUIDs the server acknowledged. @n_sent counts those; records the
 * server refused stay in the outbox and are counted in @n_rejected. */
gboolean  suyuan_sync_push (SuyuanStore            *store,
                            const char             *base_url,
                            const char             *token,
                            SuyuanSyncPushProgress  progress,
                            gpointer                user_data,
                            guint64                *n_sent,
                            guint64                *n_rejected,
                            GError                **error);

/* Uploads the photos of inspections whose records were pushed and the
 * server does not have yet (PUT /api/v1/photos/{sha256}); @n_uploaded counts
 * them. A missing file, a changed one or one the server refuses is a line in
 * *@problems (never NULL after the call), not a failure: FALSE only when the
 * server cannot be reached, and the photos then wait for the next sync. */
gboolean  suyuan_sync_push_photos (SuyuanStore  *store,
                                   const char   *base_url,
                                   const char   *token,
                                   guint        *n_uploaded,
                                   GPtrArray   **problems,
                                   GError      **error);

G_END_DECLS
