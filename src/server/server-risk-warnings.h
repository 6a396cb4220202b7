/* server-risk-warnings.h — the warnings (风险预警) the API and the console's
 * page show: the store's, and public queries of one code from many places.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-api.h"

G_BEGIN_DECLS

/* The kinds, in the order the chart stacks them. */
extern const char *const server_risk_kinds[];
#define SERVER_RISK_N_KINDS 6
/* Evidence listed at most per warning; the count says how much there is. */
#define SERVER_RISK_MAX_EVIDENCE 100

/* What @who may see (an inspector: its region; public queries: admins
 * only): a GPtrArray of SuyuanRiskWarning, newest first within each kind. */
GPtrArray  *server_risk_warnings_collect (ServerContext          *ctx,
                                          const ServerPrincipal  *who,
                                          GError                **error);

typedef struct {
  char *date;                              /* YYYY-MM-DD, UTC */
  guint counts[SERVER_RISK_N_KINDS];       /* by server_risk_kinds */
  guint total;
} ServerRiskDay;

/* Warnings per UTC day, oldest first: a GArray of ServerRiskDay whose
 * dates are freed with it. */
GArray     *server_risk_daily            (GPtrArray              *warnings);

G_END_DECLS
