/* store.h — the terminal's SQLite store (one file, WAL, numbered migrations).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "code.h"
#include "lookup.h"

G_BEGIN_DECLS

#define SUYUAN_STORE_ERROR (suyuan_store_error_quark ())
typedef enum {
  SUYUAN_STORE_ERROR_OPEN,
  SUYUAN_STORE_ERROR_SQL,
  SUYUAN_STORE_ERROR_DATA,       /* a JSON record that is not well formed */
  SUYUAN_STORE_ERROR_TOO_NEW,    /* file made by a newer Suyuan */
} SuyuanStoreError;

typedef struct _SuyuanStore SuyuanStore;

GQuark        suyuan_store_error_quark  (void);
SuyuanStore  *suyuan_store_open         (const char   *path,
                                         GError      **error);
void          suyuan_store_close        (SuyuanStore  *store);
/* Creates the SQLite file @path readable by its owner only (0600), and takes
 * group and other access from @path and its -wal, -shm and -journal if they
 * exist already (SQLite gives those the database file's mode). For stores,
 * the server's database and its lookup mirror. */
gboolean      suyuan_store_make_private (const char   *path,
                                         GError      **error);
int           suyuan_store_get_schema_version (SuyuanStore *store);

gboolean      suyuan_store_begin        (SuyuanStore  *store,
                                         GError      **error);
/* A read transaction (ended by commit): many lookups under one snapshot
 * and one file lock instead of one per query. */
gboolean      suyuan_store_begin_read   (SuyuanStore  *store,
                                         GError      **error);
gboolean      suyuan_store_commit       (SuyuanStore  *store,
                                         GError      **error);
void          suyuan_store_rollback     (SuyuanStore  *store);

/* Master data and events in the exchange format (docs/data-format.md). */
gboolean      suyuan_store_apply_entity (SuyuanStore  *store,
                                         const char   *type,
                                         JsonObject   *object,
                                         GError      **error);
/* One member of a record as received: its name and a JSON scalar, or nested
 * JSON kept as text. Strings and names are NUL-terminated and valid UTF-8. */
typedef enum {
  SUYUAN_FIELD_NULL,
  SUYUAN_FIELD_BOOLEAN,
  SUYUAN_FIELD_INT,
  SUYUAN_FIELD_DOUBLE,
  SUYUAN_FIELD_STRING,
  SUYUAN_FIELD_JSON,
} SuyuanFieldKind;

typedef struct {
  const char     *name;
  SuyuanFieldKind kind;
  const char     *text;     /* STRING and JSON */
  gsize           len;
  gint64          integer;  /* INT and BOOLEAN */
  double          number;   /* DOUBLE */
} SuyuanField;

/* The same as suyuan_store_apply_entity, from fields; the last of two fields
 * with the same name wins, as in a JSON object. */
gboolean      suyuan_store_apply_fields (SuyuanStore       *store,
                                         const char        *type,
                                         const SuyuanField *fields,
                                         guint              n_fields,
                                         GError           **error);
gboolean      suyuan_store_import_document (SuyuanStore *store,
                                            JsonNode    *document,
                                            guint       *n_applied,
                                            GError     **error);

gint64        suyuan_store_get_cursor   (SuyuanStore  *store);
gboolean      suyuan_store_set_cursor   (SuyuanStore  *store,
                                         gint64        cursor,
                                         GError      **error);
/* A change of the feed the pull stepped past (it could not be read or
 * applied): counted, the last one kept with why, so the terminal can say so. */
gboolean      suyuan_store_note_skipped (SuyuanStore  *store,
                                         gint64        seq,
                                         const char   *why,
                                         GError      **error);
/* How many changes were stepped past; the last one's seq and why (owned,
 * NULL when none) in @last_seq and @last_why, each may be NULL. */
gint64        suyuan_store_get_skipped  (SuyuanStore  *store,
                                         gint64       *last_seq,
                                         char        **last_why);
/* The public resolver base the server names (GET /api/v1/config), which
 * labels use unless told otherwise; NULL when it names none. Owned. */
char         *suyuan_store_dup_server_resolver (SuyuanStore *store);
/* @url NULL forgets it. */
gboolean      suyuan_store_set_server_resolver (SuyuanStore *store,
                                                const char  *url,
                                                GError     **error);

/* The scope the store's units and events were pulled under, as the server
 * names it (docs/api.md, "Scoped pull"); NULL before any pull said one. */
char         *suyuan_store_dup_pulled_scope (SuyuanStore *store);
gboolean      suyuan_store_set_pulled_scope (SuyuanStore *store,
                                             const char  *scope,
                                             GError     **error);
/* For a new scope: drops the units and events pulled under the old one
 * (never the outbox, nor the events of records it has not sent), and sets
 * the cursor to 0 and the pulled scope to @new_scope, in one transaction. */
gboolean      suyuan_store_drop_scoped_data (SuyuanStore *store,
                                             const char  *new_scope,
                                             GError     **error);

/* How many units the store holds (those of its scope, and of records it
 * has not sent); -1 when it cannot be read. */
gint64        suyuan_store_count_units     (SuyuanStore *store);

/* When the store last pulled from the server in full (Unix time), 0 never. */
gint64        suyuan_store_get_synced_at (SuyuanStore *store);
gboolean      suyuan_store_set_synced_at (SuyuanStore *store,
                                          gint64       unix_time,
                                          GError     **error);
/* Called with the table's name on each row this connection inserts, updates
 * or deletes, inside the statement: keep it short (schedule work). NULL
 * @func stops watching; call it so before closing a watched store. */
typedef void (*SuyuanStoreChanged) (const char *table,
                                    gpointer    user_data);
void          suyuan_store_watch        (SuyuanStore        *store,
                                         SuyuanStoreChanged  func,
                                         gpointer            user_data);

SuyuanLookup *suyuan_store_lookup       (SuyuanStore      *store,
                                         const SuyuanCode *code,
                                         GError          **error);

/* "YYYY-MM-DD…" as YYYYMMDD, 0 when it is not a date. */
guint32       suyuan_iso_to_date        (const char   *iso);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanStore, suyuan_store_close)

G_END_DECLS
