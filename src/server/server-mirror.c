/* server-mirror.c — a terminal store the server keeps beside its change feed,
 * fed from the feed exactly as terminals are, so online lookups give the
 * same answer as `suyuanctl lookup` on a synced terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-mirror.h"

#define MIRROR_PAGE 5000

SuyuanStore *
server_mirror_open (const char *db_path,
                    GError    **error)
{
  g_autofree char *path = g_strconcat (db_path, ".lookup", NULL);

  return suyuan_store_open (path, error);
}

/* One page of changes after @cursor applied with the new cursor, in one
 * transaction; returns how many, or -1. */
static gint64
apply_page (SuyuanStore *mirror,
            sqlite3     *feed,
            gint64       cursor,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0, last = cursor;

  if (sqlite3_prepare_v2 (feed, "SELECT seq, type, data FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_SQL, "%s", sqlite3_errmsg (feed));
      return -1;
    }
  sqlite3_bind_int64 (stmt, 1, cursor);
  sqlite3_bind_int (stmt, 2, MIRROR_PAGE);
  if (!suyuan_store_begin (mirror, error))
    {
      sqlite3_finalize (stmt);
      return -1;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) data = json_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);
      g_autoptr(GError) local = NULL;

      last = sqlite3_column_int64 (stmt, 0);
      n++;
      /* A change terminals cannot apply either must not stop every later lookup. */
      if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data)
          || !suyuan_store_apply_entity (mirror, (const char *) sqlite3_column_text (stmt, 1),
                                         json_node_get_object (data), &local))
        g_warning ("lookup mirror: change %" G_GINT64_FORMAT " skipped: %s", last,
                   local ? local->message : "not an object");
    }
  sqlite3_finalize (stmt);
  if (!suyuan_store_set_cursor (mirror, last, error) || !suyuan_store_commit (mirror, error))
    {
      suyuan_store_rollback (mirror);
      return -1;
    }
  return n;
}

gboolean
server_mirror_catch_up (SuyuanStore *mirror,
                        ServerStore *store,
                        GError     **error)
{
  gint64 cursor;

  while ((cursor = suyuan_store_get_cursor (mirror)) < server_store_last_seq (store))
    if (apply_page (mirror, server_store_get_db (store), cursor, error) < 0)
      return FALSE;
  return TRUE;
}
