/* server-store-reports.h — what terminals found, as the console reads it:
 * check scans and finished inspections, numbered in the order they were
 * stored so the lookup mirror takes each once (server-mirror.c).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* Whether records of @kind are reports (scan, inspection). */
gboolean server_store_is_report_kind (const char         *kind);
/* Keeps @record (a report kind, stored for the first time) with the token
 * that sent it and that token's party (may be NULL); inside the upload's
 * transaction. */
gboolean server_store_add_report     (ServerStore        *store,
                                      const ServerRecord *record,
                                      const char         *device,
                                      const char         *party,
                                      GError            **error);

typedef void (*ServerReportFunc) (gint64      seq,
                                  const char *uuid,
                                  const char *kind,
                                  const char *created_at,
                                  const char *data,
                                  const char *device,
                                  const char *party,
                                  gpointer    user_data);
/* Calls @func for at most @limit reports after @after, in order. */
gboolean server_store_foreach_report (ServerStore        *store,
                                      gint64              after,
                                      guint               limit,
                                      ServerReportFunc    func,
                                      gpointer            user_data,
                                      GError            **error);

G_END_DECLS
