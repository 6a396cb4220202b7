/* server-store-sqlite-scope.c — the SQLite backend's scope keys: writing
 * them beside each change, and the scoped pull's (key, seq) range reads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-sqlite-private.h"

#include <gio/gio.h>

gboolean
sqlite_tag (ServerStore *store, gint64 seq, const char *const *keys, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);

  if (self->tag == NULL
      && (self->tag = ssql_prepare (self, "INSERT OR IGNORE INTO change_scope (key, seq) VALUES (?1, ?2)", error)) == NULL)
    return FALSE;
  for (; keys && *keys; keys++)
    {
      sqlite3_reset (self->tag);
      sqlite3_bind_text (self->tag, 1, *keys, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->tag, 2, seq);
      if (sqlite3_step (self->tag) != SQLITE_DONE)
        return ssql_error (self, error);
      sqlite3_clear_bindings (self->tag);
    }
  return TRUE;
}

static int
compare_seq (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Adds the seqs of @key after @after up to @bound, at most @limit, to @seqs. */
static gboolean
key_seqs (SqliteStore *self, const char *key, gint64 after, gint64 bound, guint limit, GArray *seqs,
          GError **error)
{
  int rc;

  if (self->scoped == NULL
      && (self->scoped = ssql_prepare (self, "SELECT seq FROM change_scope WHERE key = ?1 AND seq > ?2"
                                             " AND seq <= ?3 ORDER BY seq LIMIT ?4", error)) == NULL)
    return FALSE;
  sqlite3_bind_text (self->scoped, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (self->scoped, 2, after);
  sqlite3_bind_int64 (self->scoped, 3, bound);
  sqlite3_bind_int64 (self->scoped, 4, limit);
  while ((rc = sqlite3_step (self->scoped)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (self->scoped, 0);

      g_array_append_val (seqs, seq);
    }
  sqlite3_reset (self->scoped);
  sqlite3_clear_bindings (self->scoped);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

/* Per key the first @limit seqs after @after from its (key, seq) range,
 * each key read only up to the @limit-th seq found so far (a city's
 * counties, one after another), then those changes by seq: SQLite never
 * walks the feed itself. */
gboolean
sqlite_foreach_scoped (ServerStore *store, gint64 after, gint64 through, guint limit, const char *const *keys,
                       ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) list = NULL;
  guint kept = 0;
  int rc;

  for (const char *const *k = keys; *k; k++)
    {
      gint64 bound = kept >= limit ? g_array_index (seqs, gint64, limit - 1) : through;

      if (!key_seqs (self, *k, after, bound, limit, seqs, error))
        return FALSE;
      g_array_sort (seqs, compare_seq);
      kept = 0;
      for (guint i = 0; i < seqs->len; i++)   /* a change of two keys once */
        if (kept == 0 || g_array_index (seqs, gint64, kept - 1) != g_array_index (seqs, gint64, i))
          g_array_index (seqs, gint64, kept++) = g_array_index (seqs, gint64, i);
      g_array_set_size (seqs, MIN (kept, limit));
      kept = seqs->len;
    }
  if (seqs->len == 0)
    return TRUE;
  if (self->by_seq == NULL
      && (self->by_seq = ssql_prepare (self, "SELECT c.seq, c.type, c.data FROM json_each (?1) AS j"
                                             " CROSS JOIN changes AS c ON c.seq = j.value ORDER BY c.seq", error)) == NULL)
    return FALSE;
  list = g_string_new ("[");
  for (guint i = 0; i < seqs->len; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (seqs, gint64, i));
  g_string_append_c (list, ']');
  sqlite3_bind_text (self->by_seq, 1, list->str, (int) list->len, SQLITE_STATIC);
  while ((rc = sqlite3_step (self->by_seq)) == SQLITE_ROW)
    func (sqlite3_column_int64 (self->by_seq, 0), (const char *) sqlite3_column_text (self->by_seq, 1),
          (const char *) sqlite3_column_text (self->by_seq, 2),
          (gsize) sqlite3_column_bytes (self->by_seq, 2), user_data);
  sqlite3_reset (self->by_seq);
  sqlite3_clear_bindings (self->by_seq);
  if (rc != SQLITE_DONE)
    return ssql_error (self, error);
  return TRUE;
}

/* Unit registrations, not copies, in seq order: all of @batch_id (the
 * changes_unit_batch index), or @product_id's from @first to @last of
 * @batch_id (changes_unit; @batch_id NULL: any batch). */
gboolean
sqlite_foreach_unit (ServerStore *store, const char *batch_id, const char *product_id, const char *first,
                     const char *last, ServerChangeFunc func, gpointer user_data, GError **error)
{
  SqliteStore *self = SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  if (product_id == NULL)
    stmt = ssql_prepare (self, "SELECT seq, type, data FROM changes WHERE type = 'unit' AND json_valid(data)"
                               " AND json_extract(data, '$.batch_id') = ?1 AND copy_of IS NULL ORDER BY seq", error);
  else
    stmt = ssql_prepare (self, "SELECT seq, type, data FROM changes WHERE type = 'unit' AND json_valid(data)"
                               " AND json_extract(data, '$.product_id') = ?2"
                               " AND json_extract(data, '$.serial') BETWEEN ?3 AND ?4"
                               " AND length(json_extract(data, '$.serial')) = length(?3)"
                               " AND (?1 IS NULL OR json_extract(data, '$.batch_id') = ?1)"
                               " AND copy_of IS NULL ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  if (product_id != NULL)
    {
      sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, last, -1, SQLITE_STATIC);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2), user_data);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || ssql_error (self, error);
}

gint64
sqlite_backfill_through (ServerStore *store)
{
  return ssql_query_int (SQLITE_STORE (store), "SELECT COALESCE(max(through), -1) FROM change_scope_backfill", -1);
}

gboolean
sqlite_backfill_done (ServerStore *store, GError **error)
{
  return ssql_exec (SQLITE_STORE (store), "DELETE FROM change_scope_backfill", error);
}

