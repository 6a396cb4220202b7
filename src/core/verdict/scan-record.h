/* scan-record.h — check scans kept in the terminal's history (记录): what
 * was scanned, where, and what the verdict said. They go to the server with
 * the next sync, for its risk warnings (a unit seen at two places, unknown
 * codes at one business).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"
#include "verdict.h"

G_BEGIN_DECLS

typedef struct _SuyuanScanLog SuyuanScanLog;

/* Scans are queued and written together, so a burst of scans never waits
 * on the disk between two codes. @store is not owned. */
SuyuanScanLog *suyuan_scan_log_new   (SuyuanStore         *store);
/* Queues a "scan" record of @raw (at most 4096 bytes are kept) with its
 * verdict, whether the code is known and, when known, the product, lot and
 * serial from @lookup; @here_party_id
 * names the place (may be NULL). */
void           suyuan_scan_log_add   (SuyuanScanLog       *log,
                                      const char          *raw,
                                      const SuyuanLookup  *lookup,
                                      const SuyuanVerdict *verdict,
                                      const char          *here_party_id);
guint          suyuan_scan_log_get_n_queued (SuyuanScanLog *log);
/* Writes what is queued, in one transaction. */
gboolean       suyuan_scan_log_flush (SuyuanScanLog       *log,
                                      GError             **error);
/* Flushes, then frees. */
void           suyuan_scan_log_free  (SuyuanScanLog       *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanScanLog, suyuan_scan_log_free)

G_END_DECLS
