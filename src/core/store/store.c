/* store.c — opening the store, transactions, statements and lookups.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store.h"
#include "store-schema.h"
#include "store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

struct _SuyuanStore {
  sqlite3 *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, prepared once */
  GHashTable *by_address;   /* static SQL text's address → the same statements */
};

G_DEFINE_QUARK (suyuan-store-error-quark, suyuan_store_error)

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

gboolean
suyuan_store_set_sql_error (SuyuanStore *store,
                            GError     **error)
{
  g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_SQL,
               _("Database error: %s"), sqlite3_errmsg (store->db));
  return FALSE;
}

gboolean
suyuan_store_step_done (SuyuanStore  *store,
                        sqlite3_stmt *stmt,
                        GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

gboolean
suyuan_store_make_private (const char  *path,
                           GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_OPEN,
                   _("Cannot open the store “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 077) != 0 && g_chmod (file, st.st_mode & 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_OPEN,
                       _("Cannot make “%s” private (chmod 600): %s"), file, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

SuyuanStore *
suyuan_store_open (const char *path,
                   GError    **error)
{
  g_autoptr(SuyuanStore) store = g_new0 (SuyuanStore, 1);
  g_autofree char *dir = g_path_get_dirname (path);

  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             finalize_statement);
  store->by_address = g_hash_table_new (NULL, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s” for the store"), dir);
      return NULL;
    }
  if (!suyuan_store_make_private (path, error))
    return NULL;
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_OPEN,
                   _("Cannot open the store “%s”: %s"), path, sqlite3_errmsg (store->db));
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 5000);
  /* synchronous=FULL: what the user records (scans, receipts, inspections,
   * the outbox) is on disk when the commit returns, power cut or not. Only a
   * pull relaxes it, for pages a power cut would simply pull again. */
  if (!suyuan_store_exec (store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                 "PRAGMA foreign_keys = ON;", error)
      || !suyuan_store_schema_migrate (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

void
suyuan_store_close (SuyuanStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->by_address, g_hash_table_unref);
  g_clear_pointer (&store->statements, g_hash_table_unref);
  sqlite3_close_v2 (store->db);
  g_free (store);
}

sqlite3 *
suyuan_store_get_db (SuyuanStore *store)
{
  return store->db;
}

gboolean
suyuan_store_exec (SuyuanStore *store,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_SQL,
                   _("Database error: %s"), message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
suyuan_store_prepare (SuyuanStore *store,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      suyuan_store_set_sql_error (store, error);
      return NULL;
    }
  g_hash_table_insert (store->statements, g_strdup (sql), stmt);
  return stmt;
}

sqlite3_stmt *
suyuan_store_prepare_static (SuyuanStore *store,
                             const char  *sql,
                             GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->by_address, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = suyuan_store_prepare (store, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (store->by_address, (gpointer) sql, stmt);
  return stmt;
}

char *
suyuan_stmt_dup_text (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

int
suyuan_store_get_schema_version (SuyuanStore *store)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "PRAGMA user_version", NULL);
  int version;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

gboolean
suyuan_store_begin (SuyuanStore *store,
                    GError     **error)
{
  return suyuan_store_exec (store, "BEGIN IMMEDIATE", error);
}

gboolean
suyuan_store_begin_read (SuyuanStore *store,
                         GError     **error)
{
  return suyuan_store_exec (store, "BEGIN", error);
}

gboolean
suyuan_store_commit (SuyuanStore *store,
                     GError     **error)
{
  return suyuan_store_exec (store, "COMMIT", error);
}

void
suyuan_store_rollback (SuyuanStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

guint32
suyuan_iso_to_date (const char *iso)
{
  guint y, m, d;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return 0;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  return y * 10000 + m * 100 + d;
}

gint64
suyuan_store_get_cursor (SuyuanStore *store)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "SELECT value FROM sync_state WHERE key = 'cursor'", NULL);
  gint64 cursor;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  cursor = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return cursor;
}

gboolean
suyuan_store_note_skipped (SuyuanStore *store,
                           gint64       seq,
                           const char  *why,
                           GError     **error)
{
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL && why != NULL, FALSE);

  last = g_strdup_printf ("%" G_GINT64_FORMAT " %.500s", seq, why);
  stmt = suyuan_store_prepare (store,
      "INSERT INTO sync_state (key, value) VALUES ('skipped_count', 1), ('skipped_last', ?1)"
      " ON CONFLICT (key) DO UPDATE SET value = CASE key WHEN 'skipped_count' THEN value + 1"
      " ELSE excluded.value END", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, last, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return suyuan_store_set_sql_error (store, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
suyuan_store_get_skipped (SuyuanStore *store,
                          gint64      *last_seq,
                          char       **last_why)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;

  g_return_val_if_fail (store != NULL, 0);

  if (last_seq)
    *last_seq = 0;
  if (last_why)
    *last_why = NULL;
  stmt = suyuan_store_prepare (store, "SELECT (SELECT value FROM sync_state WHERE key = 'skipped_count'),"
                                      " (SELECT value FROM sync_state WHERE key = 'skipped_last')", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  count = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      char *end = NULL;
      gint64 seq = g_ascii_strtoll (text, &end, 10);

      if (last_seq)
        *last_seq = seq;
      if (last_why)
        *last_why = g_strdup (end && *end == ' ' ? end + 1 : "");
    }
  sqlite3_reset (stmt);
  return count;
}

gboolean
suyuan_store_set_cursor (SuyuanStore *store,
                         gint64       cursor,
                         GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "INSERT INTO sync_state (key, value) VALUES ('cursor', ?1)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cursor);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

char *
suyuan_store_dup_server_resolver (SuyuanStore *store)
{
  sqlite3_stmt *stmt;
  char *url = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  stmt = suyuan_store_prepare (store, "SELECT value FROM sync_state WHERE key = 'server-resolver'", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return url;
}

gboolean
suyuan_store_set_server_resolver (SuyuanStore *store,
                                  const char  *url,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, FALSE);
  if (url == NULL)
    stmt = suyuan_store_prepare (store, "DELETE FROM sync_state WHERE key = 'server-resolver'", error);
  else
    stmt = suyuan_store_prepare (store,
        "INSERT INTO sync_state (key, value) VALUES ('server-resolver', ?1)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  if (url != NULL)
    sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return suyuan_store_set_sql_error (store, error);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}
