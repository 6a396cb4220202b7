/* scan-record.h — a check scan kept in the terminal's history (记录) and sent
 * to the server: what was scanned, where, and what the verdict said.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"
#include "verdict.h"

G_BEGIN_DECLS

/* Queues a "scan" record of @raw (at most 4096 bytes are kept) with its
 * verdict and, when known, the product and lot from @lookup; @here_party_id
 * names the place (may be NULL). Returns the record's UUID (owned). */
char *suyuan_scan_record (SuyuanStore         *store,
                          const char          *raw,
                          const SuyuanLookup  *lookup,
                          const SuyuanVerdict *verdict,
                          const char          *here_party_id,
                          GError             **error);

G_END_DECLS
