/* server-store-backup.c — SQLite's online backup API behind `suyuan-server backup`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "exit-status.h"
#include "server-store-backup.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

static gboolean
sqlite_failed (sqlite3    *db,
               const char *path,
               GError    **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

gboolean
server_backup_sqlite (const char *db_path,
                      const char *out_path,
                      GError    **error)
{
  g_autofree char *part = g_strconcat (out_path, ".part", NULL);
  sqlite3 *src = NULL, *dst = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int fd, rc;

  /* The copy holds the token hashes: readable by its owner only, from the start. */
  g_unlink (part);
  fd = g_open (part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", part, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* Read-only and never created: a mistyped --db is an error, not an empty backup. */
  if (sqlite3_open_v2 (db_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite_failed (src, db_path, error);
      goto out;
    }
  sqlite3_busy_timeout (src, 5000);
  if (sqlite3_open_v2 (part, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sqlite_failed (dst, part, error);
      goto out;
    }
  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      sqlite_failed (dst, part, error);
      goto out;
    }
  /* All pages in one step: one read transaction, so one consistent snapshot. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", db_path, sqlite3_errstr (rc));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_close_v2 (dst);
  sqlite3_close_v2 (src);
  if (ok && g_rename (part, out_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", out_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (part);
  return ok;
}

int
server_backup_main (int    argc,
                    char **argv)
{
  g_autofree char *db_path = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The SQLite database (default suyuan-server.db)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("OUT"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Copy the server’s SQLite database to OUT while the server runs.\n"
                                           "For PostgreSQL use pg_dump (docs/server.md)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("suyuan-server backup: %s\n", error->message);
      return SUYUAN_EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr ("%s\n", _("suyuan-server backup: give one output file"));
      return SUYUAN_EXIT_USAGE;
    }
  if (db_path == NULL)
    db_path = g_strdup ("suyuan-server.db");
  if (g_str_has_prefix (db_path, "postgresql://") || g_str_has_prefix (db_path, "postgres://"))
    {
      g_printerr ("%s\n", _("suyuan-server backup: for PostgreSQL use pg_dump (see docs/server.md)"));
      return SUYUAN_EXIT_USAGE;
    }
  if (!server_backup_sqlite (db_path, argv[1], &error))
    {
      g_printerr ("suyuan-server backup: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  return SUYUAN_EXIT_OK;
}
