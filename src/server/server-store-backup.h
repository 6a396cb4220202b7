/* server-store-backup.h — `suyuan-server backup`: a consistent copy of a live SQLite database.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Copies the SQLite database @db_path to @out_path through SQLite's online
 * backup API (one read transaction: a snapshot, while the server keeps
 * writing). Written beside @out_path, mode 0600, and renamed over it. */
gboolean server_backup_sqlite (const char *db_path,
                               const char *out_path,
                               GError    **error);

/* `suyuan-server backup [--db FILE] OUT`: returns the exit status. */
int      server_backup_main   (int    argc,
                               char **argv);

G_END_DECLS
