/* server-store.h — the server's storage: every change numbered by a monotonic
 * sequence, so terminals pull what they lack after their cursor. A SQLite
 * file by default; a postgresql:// (or postgres://) URL selects PostgreSQL.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ServerStore ServerStore;

/* @path: a SQLite file, or a postgresql:// URL. */
ServerStore *server_store_open        (const char  *path,
                                       GError     **error);
void         server_store_close       (ServerStore *store);
/* Whether @path names a PostgreSQL database rather than a SQLite file. */
gboolean     server_store_path_is_pg  (const char  *path);
gint64       server_store_last_seq    (ServerStore *store);
/* Appends every entity of an exchange-format document as a change. */
gboolean     server_store_import      (ServerStore *store,
                                       JsonNode    *document,
                                       guint       *n_changes,
                                       GError     **error);
/* Appends {"changes":[…],"last_seq":N,"more":bool,"scope":ID} for changes
 * after @after to @out: the stored JSON text as it is, never parsed again.
 * @keys (NULL: every change) are the scope keys a change must have one of
 * (server-store-scope.h); a page that is not full says the feed's last seq,
 * so the cursor passes what the scope leaves out. @scope_id (hex digits or
 * a word; NULL: none) names the scope to the terminal. @last_seq (may be
 * NULL) gets N. */
gboolean     server_store_changes     (ServerStore       *store,
                                       gint64             after,
                                       guint              limit,
                                       const char *const *keys,
                                       const char        *scope_id,
                                       GString           *out,
                                       gint64            *last_seq,
                                       GError           **error);

/* One change as stored: @data is its JSON text, @len bytes. */
typedef void (*ServerChangeFunc) (gint64      seq,
                                  const char *type,
                                  const char *data,
                                  gsize       len,
                                  gpointer    user_data);
/* Calls @func for at most @limit changes after @after, in sequence order. */
gboolean     server_store_foreach_change (ServerStore      *store,
                                          gint64            after,
                                          guint             limit,
                                          ServerChangeFunc  func,
                                          gpointer          user_data,
                                          GError          **error);

typedef struct {
  char *uuid;
  char *kind;
  char *created_at;
  char *data;        /* JSON text of the record's "data" object */
  char *refusal;     /* set when the hook refused it: nothing of it was stored */
} ServerRecord;

/* Called inside the transaction for each record stored for the first time;
 * its changes commit or vanish with the record. A G_IO_ERROR_INVALID_DATA
 * error refuses just that record (its refusal says why); others fail all. */
typedef gboolean (*ServerRecordHook) (ServerStore        *store,
                                      const ServerRecord *record,
                                      gpointer            user_data,
                                      GError            **error);

/* Stores each record once by UUID (a UUID already held is left as it is), all
 * in one transaction: on success every record given is held. */
gboolean     server_store_add_records (ServerStore      *store,
                                       GPtrArray        *records,
                                       const char       *device,
                                       ServerRecordHook  hook,
                                       gpointer          hook_data,
                                       GError          **error);
/* Appends one change; inside a caller's transaction or on its own. */
gboolean     server_store_append      (ServerStore *store,
                                       const char  *type,
                                       JsonObject  *object,
                                       GError     **error);
/* Runs @func inside one write transaction, committed only when it succeeds. */
gboolean     server_store_transaction (ServerStore *store,
                                       gboolean   (*func) (ServerStore *, gpointer, GError **),
                                       gpointer     user_data,
                                       GError     **error);
/* @member of the newest @type change whose @key is @value, as text, or NULL;
 * @member NULL gives the whole object as JSON text. */
char        *server_store_entity_member (ServerStore *store,
                                         const char  *type,
                                         const char  *key,
                                         const char  *value,
                                         const char  *member);
gint64       server_store_count_records (ServerStore *store);
/* The producer_id of the product with @product_id (or else @gtin) as the
 * change feed holds it last, or NULL. */
char        *server_store_product_owner (ServerStore *store,
                                         const char  *product_id,
                                         const char  *gtin);

/* The batch that holds @lot of @product_id now, as terminals key batches,
 * or NULL. */
char        *server_store_batch_for_lot (ServerStore *store,
                                         const char  *product_id,
                                         const char  *lot);
/* Whether any unit of @product_id has a serial from @first to @last, both
 * decimal and of one width. */
gboolean     server_store_unit_in_range (ServerStore *store,
                                         const char  *product_id,
                                         const char  *first,
                                         const char  *last);

/* EPCIS capture jobs (server-epcis-jobs.c) outlive a restart: each is kept
 * as the JSON the REST binding answers with, by its id and the token name
 * that made it; saving a job held already changes its state, not its owner. */
gboolean     server_store_job_save    (ServerStore *store,
                                       const char  *id,
                                       const char  *owner,
                                       gboolean     running,
                                       const char  *json,
                                       GError     **error);
/* The job's JSON when @owner made it (@owner NULL: whoever did), or NULL. */
char        *server_store_job_load    (ServerStore *store,
                                       const char  *id,
                                       const char  *owner);
typedef void (*ServerJobFunc)         (gint64      seq,
                                       const char *json,
                                       gpointer    user_data);
/* Calls @func for at most @limit jobs numbered after @after, oldest first,
 * of @owner (NULL: anyone's), only those still running if @running_only. */
gboolean     server_store_job_foreach (ServerStore  *store,
                                       const char   *owner,
                                       gboolean      running_only,
                                       gint64        after,
                                       guint         limit,
                                       ServerJobFunc func,
                                       gpointer      user_data,
                                       GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerStore, server_store_close)

G_END_DECLS
