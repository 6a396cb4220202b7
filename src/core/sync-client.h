/* sync-client.h — keeping the terminal's store in step with suyuan-server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_SYNC_ERROR (suyuan_sync_error_quark ())
typedef enum {
  SUYUAN_SYNC_ERROR_PROTOCOL,    /* the server's reply is not what the API promises */
} SuyuanSyncError;

#define SUYUAN_SYNC_PAGE_SIZE 1000

typedef void (*SuyuanSyncProgress) (guint64  applied,
                                    gint64   cursor,
                                    gpointer user_data);

GQuark    suyuan_sync_error_quark (void);

/* Pulls every change after the store's cursor, a page at a time; each page and
 * its cursor are committed together, so an interrupted pull resumes. */
gboolean  suyuan_sync_pull (SuyuanStore        *store,
                            const char         *base_url,
                            const char         *token,
                            SuyuanSyncProgress  progress,
                            gpointer            user_data,
                            guint64            *n_applied,
                            GError            **error);

G_END_DECLS
