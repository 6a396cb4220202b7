/* server-store-pg-private.h — what the PostgreSQL backend's two files share:
 * the connection and the statement helpers (server-store-pg.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store-private.h"

#include <libpq-fe.h>

G_BEGIN_DECLS

/* Appends wait in the COPY buffers up to this size: one round trip per batch. */
#define COPY_FLUSH_BYTES (1024 * 1024)

typedef struct {
  ServerStore parent;
  PGconn *conn;
  GString *copy;     /* appends not yet sent, in COPY text format */
  GString *copy_keys; /* their change_scope rows, likewise */
  GHashTable *pending_keys;  /* the keys in copy_keys: reads of others need not flush */
  gint64 next_seq;   /* the seq the next append takes; 0: none drawn in this transaction */
} PgStore;

#define PG_STORE(s) ((PgStore *) (s))

void      pg_set_error     (PgStore            *self,
                            GError            **error);
/* Sends the appends waiting in the COPY buffer. */
gboolean  pg_flush_copy    (PgStore            *self,
                            GError            **error);
/* Runs @sql with text parameters; NULL (error set) unless it gave @want.
 * Pending appends reach the table first, so every query sees them. */
PGresult *pg_run           (PgStore            *self,
                            const char         *sql,
                            int                 n_params,
                            const char *const  *params,
                            ExecStatusType      want,
                            GError            **error);
/* pg_run without sending the appends first: for reads that cannot concern them. */
PGresult *pg_run_now       (PgStore            *self,
                            const char         *sql,
                            int                 n_params,
                            const char *const  *params,
                            ExecStatusType      want,
                            GError            **error);
gboolean  pg_run_command   (PgStore            *self,
                            const char         *sql,
                            GError            **error);
/* The single value of a one-row query, or NULL (SQL NULL, no row, error). */
char     *pg_query_value   (PgStore            *self,
                            const char         *sql,
                            int                 n_params,
                            const char *const  *params);

/* server-store-pg-queries.c: the backend table's reads and single statements. */
int       pg_insert_record (ServerStore *store, const ServerRecord *r, const char *device, GError **error);
gint64    pg_last_seq      (ServerStore *store);
gint64    pg_count_records (ServerStore *store);
gboolean  pg_foreach_change (ServerStore *store, gint64 after, guint limit,
                             ServerChangeFunc func, gpointer user_data, GError **error);
char     *pg_entity_member (ServerStore *store, const char *type, const char *key,
                            const char *value, const char *member);
char     *pg_batch_for_lot (ServerStore *store, const char *product_id, const char *lot);
gboolean  pg_unit_in_range (ServerStore *store, const char *product_id, const char *first, const char *last);
int       pg_token_insert  (ServerStore *store, const char *name, const char *hash, const char *role,
                            const char *region, const char *party, GError **error);
int       pg_token_revoke  (ServerStore *store, const char *name, GError **error);
gboolean  pg_token_foreach (ServerStore *store, void (*func) (const char *const *, gpointer),
                            gpointer user_data, GError **error);
char    **pg_token_lookup  (ServerStore *store, const char *hash);
gint64    pg_run_rows      (ServerStore *store, const char *sql, guint n_params, const char *const *params,
                            ServerRowFunc row, gpointer user_data, GError **error);

/* server-store-pg-scope.c: the scope keys of changes (server-store-private.h). */
void      pg_copy_escape   (GString *out, const char *text);
gboolean  pg_tag           (ServerStore *store, const char *key, gint64 first, gint64 last, GError **error);
gboolean  pg_foreach_unit  (ServerStore *store, const char *batch_id, const char *product_id, const char *first,
                            const char *last, ServerChangeFunc func, gpointer user_data, GError **error);
gboolean  pg_foreach_scoped (ServerStore *store, gint64 after, gint64 through, guint limit, const char *const *keys,
                             ServerChangeFunc func, gpointer user_data, GError **error);
gint64    pg_backfill_through (ServerStore *store);
gboolean  pg_backfill_done (ServerStore *store, GError **error);

G_END_DECLS
