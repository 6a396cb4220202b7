/* store-writer.h — a thread with its own connection to a store's file that
 * commits writes one after another, in the order they were pushed, so the
 * main thread never waits for an fsync.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

typedef struct _SuyuanStoreWriter SuyuanStoreWriter;

/* Runs on the writer's thread inside a transaction on the writer's own
 * connection; FALSE with @error set rolls it back. */
typedef gboolean (*SuyuanWriteFunc) (SuyuanStore  *store,
                                     gpointer      data,
                                     GError      **error);
/* Runs on the thread that made the writer, after the commit (@error NULL)
 * or the rollback. */
typedef void     (*SuyuanWriteDone) (gpointer      data,
                                     const GError *error,
                                     gpointer      user_data);

/* A writer for the file @store was opened from; NULL with @error set for a
 * store with no file (in memory). The caller's thread-default main context
 * gets the done callbacks. */
SuyuanStoreWriter *suyuan_store_writer_new   (SuyuanStore       *store,
                                              GError           **error);
/* Queues a write; @data is freed with @destroy after @done ran. */
void               suyuan_store_writer_push  (SuyuanStoreWriter *writer,
                                              SuyuanWriteFunc    write,
                                              SuyuanWriteDone    done,
                                              gpointer           data,
                                              GDestroyNotify     destroy,
                                              gpointer           user_data);
/* Waits until every write pushed so far is committed or failed, then runs
 * their done callbacks: afterwards nothing of theirs is pending. */
void               suyuan_store_writer_flush (SuyuanStoreWriter *writer);
/* Writes pushed whose done callback has not run yet. */
guint              suyuan_store_writer_get_n_pending (SuyuanStoreWriter *writer);
/* Flushes, stops the thread and closes the connection. */
void               suyuan_store_writer_free  (SuyuanStoreWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanStoreWriter, suyuan_store_writer_free)

G_END_DECLS
