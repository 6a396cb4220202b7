/* server-store-console.c — the console's tables (server-store-console.h).
 * One SQL text for both backends: parameters $1…$N, times bound from here.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-console.h"
#include "server-store-private.h"

static gboolean
run (ServerStore        *store,
     const char         *sql,
     int                 n_params,
     const char *const  *params,
     ServerRowFunc       func,
     gpointer            user_data,
     GError            **error)
{
  return store->backend->run (store, sql, (guint) n_params, params, func, user_data, error) >= 0;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
server_store_session_add (ServerStore *store,
                          const char  *id_hash,
                          const char  *token_name,
                          const char  *csrf,
                          gint64       now,
                          GError     **error)
{
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  const char *params[] = { id_hash, token_name, csrf, when };

  g_return_val_if_fail (store && id_hash && token_name && csrf, FALSE);
  return run (store, "INSERT INTO console_sessions (id_hash, token_name, csrf, created_at, seen_at)"
                     " VALUES ($1, $2, $3, $4, $4)", 4, params, NULL, NULL, error);
}

static void
take_session (const char *const *values,
              guint              n_columns,
              gpointer           user_data)
{
  ServerStoredSession **out = user_data;
  ServerStoredSession *s;

  if (*out != NULL || n_columns < 7)
    return;
  s = g_new0 (ServerStoredSession, 1);
  s->token_name = g_strdup (values[0]);
  s->role = g_strdup (values[1]);
  s->region = g_strdup (values[2]);
  s->party = g_strdup (values[3]);
  s->csrf = g_strdup (values[4]);
  s->created_at = values[5] ? g_ascii_strtoll (values[5], NULL, 10) : 0;
  s->seen_at = values[6] ? g_ascii_strtoll (values[6], NULL, 10) : 0;
  *out = s;
}

ServerStoredSession *
server_store_session_get (ServerStore *store,
                          const char  *id_hash)
{
  const char *params[] = { id_hash };
  ServerStoredSession *session = NULL;

  g_return_val_if_fail (store && id_hash, NULL);
  /* Joined with the token: revoking a token ends its console sessions. */
  if (!run (store, "SELECT s.token_name, t.role, t.region, t.party, s.csrf, s.created_at, s.seen_at"
                   " FROM console_sessions s JOIN tokens t ON t.name = s.token_name"
                   " WHERE s.id_hash = $1 AND t.revoked_at IS NULL", 1, params, take_session, &session, NULL))
    g_clear_pointer (&session, server_stored_session_free);
  return session;
}

gboolean
server_store_session_touch (ServerStore *store,
                            const char  *id_hash,
                            gint64       now)
{
  g_autofree char *when = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  const char *params[] = { id_hash, when };

  return run (store, "UPDATE console_sessions SET seen_at = $2 WHERE id_hash = $1", 2, params,
              NULL, NULL, NULL);
}

gboolean
server_store_session_delete (ServerStore *store,
                             const char  *id_hash)
{
  const char *params[] = { id_hash };

  return run (store, "DELETE FROM console_sessions WHERE id_hash = $1", 1, params, NULL, NULL,
              NULL);
}

gboolean
server_store_sessions_expire (ServerStore *store,
                              gint64       idle_before,
                              gint64       begun_before)
{
  g_autofree char *idle = g_strdup_printf ("%" G_GINT64_FORMAT, idle_before);
  g_autofree char *begun = g_strdup_printf ("%" G_GINT64_FORMAT, begun_before);
  const char *params[] = { idle, begun };

  return run (store, "DELETE FROM console_sessions WHERE seen_at < $1 OR created_at < $2",
              2, params, NULL, NULL, NULL);
}

void
server_stored_session_free (ServerStoredSession *session)
{
  if (session == NULL)
    return;
  g_free (session->token_name);
  g_free (session->role);
  g_free (session->region);
  g_free (session->party);
  g_free (session->csrf);
  g_free (session);
}

gboolean
server_store_audit_add (ServerStore *store,
                        const char  *who,
                        const char  *action,
                        const char  *detail,
                        GError     **error)
{
  g_autofree char *at = now_iso ();
  const char *params[] = { at, who, action, detail };

  g_return_val_if_fail (store && who && action, FALSE);
  return run (store, "INSERT INTO console_audit (at, who, action, detail) VALUES ($1, $2, $3, $4)",
              4, params, NULL, NULL, error);
}

typedef struct {
  ServerAuditFunc func;
  gpointer user_data;
} AuditRows;

static void
audit_row (const char *const *values,
           guint              n_columns,
           gpointer           user_data)
{
  AuditRows *rows = user_data;

  rows->func (values[0], values[1], values[2], values[3], rows->user_data);
}

gboolean
server_store_audit_foreach (ServerStore     *store,
                            guint            limit,
                            ServerAuditFunc  func,
                            gpointer         user_data,
                            GError         **error)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { limit_text };
  AuditRows rows = { func, user_data };

  return run (store, "SELECT at, who, action, detail FROM console_audit ORDER BY id DESC LIMIT $1",
              1, params, audit_row, &rows, error);
}

gboolean
server_store_pull_note (ServerStore *store,
                        const char  *token_name,
                        gint64       seq,
                        GError     **error)
{
  g_autofree char *at = now_iso ();
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  const char *params[] = { token_name, seq_text, at };

  /* The sync time always moves; the cursor only forwards (a terminal reset
   * to 0 still holds what it pulled before only once it pulls it again). */
  return run (store, "INSERT INTO token_pulls (token_name, last_seq, pulled_at) VALUES ($1, $2, $3)"
                     " ON CONFLICT (token_name) DO UPDATE SET pulled_at = excluded.pulled_at,"
                     " last_seq = CASE WHEN excluded.last_seq > token_pulls.last_seq"
                     " THEN excluded.last_seq ELSE token_pulls.last_seq END",
              3, params, NULL, NULL, error);
}

typedef struct {
  ServerPullFunc func;
  gpointer user_data;
} PullRows;

static void
pull_row (const char *const *values,
          guint              n_columns,
          gpointer           user_data)
{
  PullRows *rows = user_data;

  rows->func (values[0], values[1] ? g_ascii_strtoll (values[1], NULL, 10) : 0, values[2],
              rows->user_data);
}

gboolean
server_store_pulls_foreach (ServerStore     *store,
                            ServerPullFunc   func,
                            gpointer         user_data,
                            GError         **error)
{
  PullRows rows = { func, user_data };

  return run (store, "SELECT token_name, last_seq, pulled_at FROM token_pulls ORDER BY token_name",
              0, NULL, pull_row, &rows, error);
}

typedef struct {
  ServerAlertFunc func;
  gpointer user_data;
} AlertRows;

static void
alert_row (const char *const *values,
           guint              n_columns,
           gpointer           user_data)
{
  AlertRows *rows = user_data;

  rows->func (g_ascii_strtoll (values[0], NULL, 10), values[1], rows->user_data);
}

gboolean
server_store_alerts_foreach (ServerStore     *store,
                             guint            limit,
                             ServerAlertFunc  func,
                             gpointer         user_data,
                             GError         **error)
{
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { limit_text };
  AlertRows rows = { func, user_data };

  return run (store,
              "SELECT seq, data FROM changes WHERE type = 'alert' ORDER BY seq DESC LIMIT $1",
              1, params, alert_row, &rows, error);
}
