/* server-store-private.h — what a storage backend (SQLite, PostgreSQL)
 * provides; server-store.c builds the public server_store_* API on it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

typedef enum {
  SERVER_SAVEPOINT_SET,
  SERVER_SAVEPOINT_RELEASE,
  SERVER_SAVEPOINT_ROLLBACK,
} ServerSavepoint;

/* One result row of a backend's run: the columns as text (NULL for NULL). */
typedef void (*ServerRowFunc) (const char *const *columns,
                               guint              n_columns,
                               gpointer           user_data);

typedef struct {
  void     (*close)          (ServerStore *store);
  /* A write transaction: concurrent writers wait, so sequence numbers are
   * handed out, and become visible, in commit order. */
  gboolean (*begin)          (ServerStore *store, GError **error);
  gboolean (*commit)         (ServerStore *store, GError **error);
  void     (*rollback)       (ServerStore *store);
  gboolean (*savepoint)      (ServerStore *store, ServerSavepoint op, GError **error);
  /* Inside a transaction only: the change; @copy_of the seq of the change
   * it copies for a scope (0: none). Gives the change's seq. */
  gint64   (*append)         (ServerStore *store, const char *type, const char *json, gint64 copy_of,
                              GError **error);
  /* The change_scope row that gives @key to the changes @first to @last
   * (server-store-scope.c writes a run of consecutive changes as one). */
  gboolean (*tag)            (ServerStore *store, const char *key, gint64 first, gint64 last, GError **error);
  /* Like foreach_change up to @through, only changes with any of @keys (1 to
   * SERVER_SCOPE_MAX_KEYS): per key a (key, seq) range, never the feed. */
  gboolean (*foreach_scoped) (ServerStore *store, gint64 after, gint64 through, guint limit,
                              const char *const *keys, ServerChangeFunc func, gpointer user_data, GError **error);
  /* Unit registrations (not copies) in seq order: all of @batch_id, or
   * @product_id's with serials @first to @last (of @batch_id unless NULL). */
  gboolean (*foreach_unit)   (ServerStore *store, const char *batch_id, const char *product_id, const char *first,
                              const char *last, ServerChangeFunc func, gpointer user_data, GError **error);
  /* The last seq of the changes still without keys (schema upgrade), or -1. */
  gint64   (*backfill_through) (ServerStore *store);
  gboolean (*backfill_done)  (ServerStore *store, GError **error);
  /* 1 when stored, 0 when the UUID was held already, -1 on error. */
  int      (*insert_record)  (ServerStore *store, const ServerRecord *record, const char *device, GError **error);
  gint64   (*last_seq)       (ServerStore *store);
  /* The changes themselves, never the copies made for scopes. */
  gboolean (*foreach_change) (ServerStore *store, gint64 after, guint limit,
                              ServerChangeFunc func, gpointer user_data, GError **error);
  /* @member NULL: the whole object. */
  char    *(*entity_member)  (ServerStore *store, const char *type, const char *key,
                              const char *value, const char *member);
  gint64   (*count_records)  (ServerStore *store);
  /* The id of the newest batch change with @product_id and @lot, or NULL. */
  char    *(*batch_for_lot)  (ServerStore *store, const char *product_id, const char *lot);
  /* Whether a unit of @product_id has a serial as long as @first, from
   * @first to @last (equal lengths: text order is number order). */
  gboolean (*unit_in_range)  (ServerStore *store, const char *product_id, const char *first, const char *last);

  /* Tokens, by SHA-256 hash; insert gives 0 when the name exists. */
  int      (*token_insert)   (ServerStore *store, const char *name, const char *hash, const char *role,
                              const char *region, const char *party, GError **error);
  /* 1 revoked, 0 no valid token of that name, -1 on error. */
  int      (*token_revoke)   (ServerStore *store, const char *name, GError **error);
  gboolean (*token_foreach)  (ServerStore *store, void (*func) (const char *const *, gpointer),
                              gpointer user_data, GError **error);
  /* name, role, region, party (each may be NULL) of the valid token with
   * @hash as an array of four, or NULL. */
  char   **(*token_lookup)   (ServerStore *store, const char *hash);
  /* One statement of the server's own SQL in the dialect both share, with
   * text parameters $1 … $n (NULL: SQL NULL); @row (may be NULL) gets each
   * result row. The rows returned, or changed when none are; -1 on error. */
  gint64   (*run)            (ServerStore *store, const char *sql, guint n_params, const char *const *params,
                              ServerRowFunc row, gpointer user_data, GError **error);
} ServerStoreBackend;

/* store->backend->run (), TRUE unless it failed: for the server's smaller tables, in SQL both
 * backends read alike (server-store-reports.c, server-store-draws.c). */
gboolean server_store_query (ServerStore        *store,
                             const char         *sql,
                             int                 n_params,
                             const char *const  *params,
                             ServerRowFunc       func,
                             gpointer            user_data,
                             GError            **error);
/* A province-wide inspector pulls by each county of the province. */
#define SERVER_SCOPE_MAX_KEYS 4096

struct _ServerStore {
  const ServerStoreBackend *backend;
  guint in_transaction;
  GHashTable *scope_cache;   /* server-store-scope.c: lookups within one transaction */
  GHashTable *scope_known;   /* server-store-scope-history.c: units' changes, likewise */
  GHashTable *scope_runs;    /* server-store-scope.c: each key's run of changes not written yet */
  GHashTable *scope_regions; /* server-store-scope.c: regions scope_regions holds, for the store's life */
};

ServerStore *server_store_sqlite_open (const char  *path,
                                       GError     **error);
ServerStore *server_store_pg_open     (const char  *url,
                                       GError     **error);

G_END_DECLS
