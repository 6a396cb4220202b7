/* server-store-console.h — what the regulator console keeps in the server
 * store, on SQLite and PostgreSQL alike: sign-in sessions (by a hash of
 * their cookie), the audit trail, and how far each token has pulled the
 * change feed (which terminals have a notice).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* A session's row: its token's name, role, region and party (valid,
 * unrevoked tokens only), the CSRF token and when it began and was last used
 * (Unix seconds). */
typedef struct {
  char *token_name;
  char *role;
  char *region;
  char *party;
  char *csrf;
  gint64 created_at;
  gint64 seen_at;
} ServerStoredSession;

gboolean             server_store_session_add     (ServerStore *store,
                                                   const char  *id_hash,
                                                   const char  *token_name,
                                                   const char  *csrf,
                                                   gint64       now,
                                                   GError     **error);
/* The session with @id_hash whose token is still valid, or NULL. */
ServerStoredSession *server_store_session_get     (ServerStore *store,
                                                   const char  *id_hash);
gboolean             server_store_session_touch   (ServerStore *store,
                                                   const char  *id_hash,
                                                   gint64       now);
gboolean             server_store_session_delete  (ServerStore *store,
                                                   const char  *id_hash);
/* Deletes sessions idle since before @idle_before or begun before @begun_before. */
gboolean             server_store_sessions_expire (ServerStore *store,
                                                   gint64       idle_before,
                                                   gint64       begun_before);
void                 server_stored_session_free   (ServerStoredSession *session);

gboolean             server_store_audit_add       (ServerStore *store,
                                                   const char  *who,
                                                   const char  *action,
                                                   const char  *detail,
                                                   GError     **error);
/* The newest @limit entries, newest first: at, who, action, detail. */
typedef void       (*ServerAuditFunc)             (const char *at,
                                                   const char *who,
                                                   const char *action,
                                                   const char *detail,
                                                   gpointer    user_data);
gboolean             server_store_audit_foreach   (ServerStore     *store,
                                                   guint            limit,
                                                   ServerAuditFunc  func,
                                                   gpointer         user_data,
                                                   GError         **error);

/* Token @token_name has every change up to @seq now (a pull). */
gboolean             server_store_pull_note       (ServerStore *store,
                                                   const char  *token_name,
                                                   gint64       seq,
                                                   GError     **error);
/* Each token that ever pulled, in name order: name, highest seq, last pull. */
typedef void       (*ServerPullFunc)              (const char *token_name,
                                                   gint64      last_seq,
                                                   const char *pulled_at,
                                                   gpointer    user_data);
gboolean             server_store_pulls_foreach   (ServerStore     *store,
                                                   ServerPullFunc   func,
                                                   gpointer         user_data,
                                                   GError         **error);

/* The newest @limit alert changes (notices), newest first: their sequence
 * number and JSON text. An alert changed twice comes twice. */
typedef void       (*ServerAlertFunc)             (gint64      seq,
                                                   const char *json,
                                                   gpointer    user_data);
gboolean             server_store_alerts_foreach  (ServerStore     *store,
                                                   guint            limit,
                                                   ServerAlertFunc  func,
                                                   gpointer         user_data,
                                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerStoredSession, server_stored_session_free)

G_END_DECLS
