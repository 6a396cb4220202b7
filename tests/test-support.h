/* test-support.h — helpers shared by the tests: temp dirs, the demo store,
 * a real suyuan-server on loopback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store-private.h"

G_BEGIN_DECLS

/* A fresh temporary directory, removed with its contents by test_dir_free. */
char         *test_dir_new          (void);
void          test_dir_free         (char *dir);
/* Another connection to the store file @path takes the write lock (BEGIN
 * IMMEDIATE), as sync or an export may, and holds it for @ms on a thread of
 * its own; returns once the lock is held. */
typedef struct _TestLock TestLock;
TestLock     *test_lock_hold        (const char *path,
                                     guint       ms);
gboolean      test_lock_is_held     (TestLock   *lock);
/* Waits until the lock is released, and frees @lock. */
void          test_lock_join        (TestLock   *lock);
/* A new store file in @dir with the demo data imported. */
SuyuanStore  *test_open_demo_store  (const char *dir,
                                     char      **path_out);

typedef struct {
  GPid pid;
  guint port;
  char *url;
  char *token;       /* an admin token, made before the server started */
} TestServer;

/* Starts suyuan-server on 127.0.0.1, any free port, with @import_json loaded. */
TestServer   *test_server_start     (const char *dir,
                                     const char *import_json);
/* The same with more server arguments (NULL-terminated, may be NULL). */
TestServer   *test_server_start_args (const char        *dir,
                                      const char        *import_json,
                                      const char *const *extra_args);
void          test_server_stop      (TestServer *server);
/* A new token made with `suyuan-server token create` on the database in @dir;
 * @party and @region may be NULL. */
char         *test_server_token     (const char *dir,
                                     const char *role,
                                     const char *region,
                                     const char *party,
                                     const char *name);
/* Whether the server tests run on PostgreSQL (under with-postgres.sh). */
gboolean      test_server_uses_pg   (void);
/* "--db=…" for the server database of @dir: a SQLite file in it, or a
 * PostgreSQL database of its own (made on first use). */
char         *test_server_db_arg    (const char *dir);
/* Whether any stored byte of the server database of @dir holds @text. */
gboolean      test_server_db_holds  (const char *dir,
                                     const char *text);
/* The one integer @sql gives on the terminal store @store (a count, say). */
gint64        test_store_int        (SuyuanStore *store,
                                     const char  *sql);
/* Runs @sql (one integer result) on the server database in @dir, read-only;
 * json_extract (data, '$.member') works on either backend. */
gint64        test_server_db_int    (const char *dir,
                                     const char *sql);

/* Runs @sql (no result) on the server database in @dir, as an older or
 * damaged server might have written it. */
void          test_server_db_exec   (const char *dir,
                                     const char *sql);

G_END_DECLS
