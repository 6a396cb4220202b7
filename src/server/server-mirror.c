/* server-mirror.c — a terminal store the server keeps beside its change feed,
 * fed from the feed exactly as terminals are, so online lookups give the
 * same answer as `suyuanctl lookup` on a synced terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-mirror.h"
#include "server-progress.h"
#include "server-store-reports.h"
#include "reports.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define MIRROR_PAGE 5000

/* What names a PostgreSQL database in @url: host, port, path and the
 * parameters (a schema in options, say), without user name or password. */
static char *
database_key (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  const char *at = strrchr (url, '@');
  GString *key;
  GUriParamsIter iter;
  char *name, *value;

  if (uri == NULL)  /* forms GUri does not take (several hosts): all after the user */
    return g_strdup (at ? at + 1 : url);
  key = g_string_new (NULL);
  g_string_append_printf (key, "%s:%d%s", g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                          g_uri_get_port (uri), g_uri_get_path (uri));
  if (g_uri_get_query (uri) == NULL)
    return g_string_free (key, FALSE);
  g_uri_params_iter_init (&iter, g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE);
  while (g_uri_params_iter_next (&iter, &name, &value, NULL))
    {
      if (g_strcmp0 (name, "password") != 0)
        g_string_append_printf (key, "&%s=%s", name, value);
      g_free (name);
      g_free (value);
    }
  return g_string_free (key, FALSE);
}

char *
server_mirror_default_path (const char *db)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  if (!server_store_path_is_pg (db))
    return g_strconcat (db, ".lookup", NULL);
  /* A URL makes no file name: the mirror goes to the state directory, named
   * by a hash of what identifies the database. */
  key = database_key (db);
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name[16] = '\0';
  return g_strdup_printf ("%s/suyuan-server/%s.lookup", g_get_user_state_dir (), name);
}

SuyuanStore *
server_mirror_open (const char *path,
                    GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return NULL;
    }
  return suyuan_store_open (path, error);
}

typedef struct {
  SuyuanStore *mirror;
  gint64 last;
  gint64 n;
} Apply;

static void
apply_change (gint64      seq,
              const char *type,
              const char *text,
              gsize       len,
              gpointer    user_data)
{
  Apply *apply = user_data;
  g_autoptr(JsonNode) data = json_from_string (text, NULL);
  g_autoptr(GError) local = NULL;

  apply->last = seq;
  apply->n++;
  /* A change terminals cannot apply either must not stop every later lookup. */
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data)
      || !suyuan_store_apply_entity (apply->mirror, type, json_node_get_object (data), &local))
    g_warning ("lookup mirror: change %" G_GINT64_FORMAT " skipped: %s", seq,
               local ? local->message : "not an object");
}

/* The next page of changes after the mirror's cursor applied with the new
 * cursor, in one transaction; the cursor is read inside it, so two
 * connections catching up at once never apply a change twice. Returns how
 * many were applied, or -1. */
static gint64
apply_page (SuyuanStore *mirror,
            ServerStore *store,
            gint64       last_seq,
            GError     **error)
{
  Apply apply = { mirror, 0, 0 };

  if (!suyuan_store_begin (mirror, error))
    return -1;
  apply.last = suyuan_store_get_cursor (mirror);
  if (apply.last >= last_seq)
    return suyuan_store_commit (mirror, error) ? 0 : (suyuan_store_rollback (mirror), -1);
  if (!server_store_foreach_change (store, apply.last, MIRROR_PAGE, apply_change, &apply, error))
    {
      suyuan_store_rollback (mirror);
      return -1;
    }
  /* A short page is the end of the feed's originals: numbers up to @last_seq
   * it did not give are copies of history for scoped pull (the mirror holds
   * their originals). Stepping past them keeps the next lookup from reading
   * them all again. Numbers become visible in order, so none is still due. */
  if (apply.n < MIRROR_PAGE && apply.last < last_seq)
    apply.last = last_seq;
  if (!suyuan_store_set_cursor (mirror, apply.last, error) || !suyuan_store_commit (mirror, error))
    {
      suyuan_store_rollback (mirror);
      return -1;
    }
  return apply.n;
}

typedef struct {
  SuyuanStore *mirror;
  gint64 n;
  GError *error;
} Reports;

static void
apply_report (gint64      seq,
              const char *uuid,
              const char *kind,
              const char *created_at,
              const char *data,
              const char *device,
              const char *party,
              gpointer    user_data)
{
  Reports *reports = user_data;
  g_autoptr(GError) local = NULL;

  reports->n++;
  if (reports->error != NULL)
    return;
  /* A report the mirror cannot read is skipped, not retried forever; only
   * a storage error stops the page. */
  if (!suyuan_store_add_report (reports->mirror, seq, uuid, kind, created_at, data, device, party, &local))
    {
      if (g_error_matches (local, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA))
        g_warning ("lookup mirror: report %" G_GINT64_FORMAT " skipped: %s", seq, local->message);
      else
        reports->error = g_steal_pointer (&local);
    }
}

/* The reports (check scans, inspections) after the mirror's last, a page
 * per transaction; how many were applied, or -1. */
static gint64
apply_reports (SuyuanStore *mirror,
               ServerStore *store,
               GError     **error)
{
  Reports reports = { mirror, 0, NULL };

  if (!suyuan_store_begin (mirror, error))
    return -1;
  if (!server_store_foreach_report (store, suyuan_store_get_report_cursor (mirror), MIRROR_PAGE,
                                    apply_report, &reports, error)
      || (reports.error != NULL && (g_propagate_error (error, reports.error), TRUE))
      || !suyuan_store_commit (mirror, error))
    {
      suyuan_store_rollback (mirror);
      return -1;
    }
  return reports.n;
}

gboolean
server_mirror_catch_up (SuyuanStore *mirror,
                        ServerStore *store,
                        GError     **error)
{
  gint64 last_seq = server_store_last_seq (store);
  gint64 first = suyuan_store_get_cursor (mirror);
  ServerProgress progress;
  gint64 n;

  server_progress_start (&progress, "bringing the lookup mirror up to date", "changes", last_seq - first);
  while (suyuan_store_get_cursor (mirror) < last_seq)
    if ((n = apply_page (mirror, store, last_seq, error)) < 0)
      return FALSE;
    else if (n == 0)
      break;  /* numbers past the cursor not committed (or rolled back): none to apply */
    else
      server_progress_update (&progress, suyuan_store_get_cursor (mirror) - first);
  while ((n = apply_reports (mirror, store, error)) == MIRROR_PAGE)
    ;
  return n >= 0;
}

static gint busy;

gboolean
server_mirror_busy (void)
{
  return g_atomic_int_get (&busy) != 0;
}

void
server_mirror_set_busy (gboolean is_busy)
{
  g_atomic_int_set (&busy, is_busy ? 1 : 0);
}
