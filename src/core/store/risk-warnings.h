/* risk-warnings.h — what the events and check scans say went wrong (风险预警):
 * goods sold or received after a notice flagged their batch, expired goods
 * received, one serialised code sold twice or seen at two places, scans of
 * unknown codes piling up at one business.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

typedef struct {
  char *kind;                    /* sold-flagged, received-flagged, received-expired, cloned-code,
                                    unknown-scans (public-queries: the server's own) */
  char *at;                      /* when it happened, UTC ISO 8601 */
  char *product_id;
  char *product_name;
  char *batch_id;
  char *lot;
  char *serial;                  /* NULL for batch-level events */
  char *party_id;                /* where (cloned codes: the first place) */
  char *party_name;
  char *notice_kind;             /* recall, unqualified, hold; NULL otherwise */
  char *alert_id;                /* the notice that flagged the batch, if any */
  char *evidence;                /* the event ids and report (scan) UUIDs behind it, comma-separated */
  gint64 count;                  /* how many sightings or scans it stands on */
} SuyuanRiskWarning;

/* At most this many warnings of each kind, newest first. */
#define SUYUAN_RISK_MAX_PER_KIND 1000
/* Scans of unknown codes at one business in one day that make a warning. */
#define SUYUAN_RISK_UNKNOWN_SCANS_PER_DAY 5

void       suyuan_risk_warning_free   (SuyuanRiskWarning *warning);
/* Every warning the store's events give, of parties whose region starts with
 * @region_prefix (NULL: all), newest first within each kind. Owned by the
 * caller: a GPtrArray of SuyuanRiskWarning. */
GPtrArray *suyuan_store_risk_warnings (SuyuanStore  *store,
                                       const char   *region_prefix,
                                       GError      **error);

G_END_DECLS
