/* store.h — the terminal's SQLite store (one file, WAL, numbered migrations).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

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
sqlite3      *suyuan_store_get_db       (SuyuanStore  *store);
int           suyuan_store_get_schema_version (SuyuanStore *store);

gboolean      suyuan_store_begin        (SuyuanStore  *store,
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

SuyuanLookup *suyuan_store_lookup       (SuyuanStore      *store,
                                         const SuyuanCode *code,
                                         GError          **error);

/* Shared by the store's modules. */
gboolean      suyuan_store_lookup_alerts (SuyuanStore  *store,
                                          SuyuanLookup *lookup,
                                          const char   *producer_id,
                                          GError      **error);
gboolean      suyuan_store_lookup_events (SuyuanStore  *store,
                                          SuyuanLookup *lookup,
                                          GError      **error);
gboolean      suyuan_store_exec         (SuyuanStore  *store,
                                         const char   *sql,
                                         GError      **error);
gboolean      suyuan_store_set_sql_error (SuyuanStore *store,
                                          GError     **error);
guint32       suyuan_iso_to_date        (const char   *iso);
/* A cached prepared statement, reset and with bindings cleared; owned by the store. */
sqlite3_stmt *suyuan_store_prepare      (SuyuanStore  *store,
                                         const char   *sql,
                                         GError      **error);
/* The same for SQL text that lives as long as the store, found by its address:
 * hashing the text costs more than a short statement runs. */
sqlite3_stmt *suyuan_store_prepare_static (SuyuanStore *store,
                                           const char  *sql,
                                           GError     **error);
char         *suyuan_stmt_dup_text      (sqlite3_stmt *stmt,
                                         int           column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanStore, suyuan_store_close)

G_END_DECLS
