/* verdict.h — judging a code: one pure function of the code, what the store
 * knows, the day and the settings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"
#include "lookup.h"

G_BEGIN_DECLS

/* Ordered by severity, so MAX() of two levels is the graver one. */
typedef enum {
  SUYUAN_LEVEL_OK = 0,
  SUYUAN_LEVEL_UNKNOWN,
  SUYUAN_LEVEL_WARN,
  SUYUAN_LEVEL_STOP,
} SuyuanLevel;

typedef struct {
  const char *id;        /* stable machine name: "expired", "recalled" … */
  SuyuanLevel level;
  char *message;         /* translated, for people (dates in the locale's form) */
  guint32 date;          /* the date it is about (expiry, licence end) as YYYYMMDD, or 0 */
} SuyuanReason;

typedef struct {
  SuyuanLevel level;
  GPtrArray *reasons;    /* of SuyuanReason */
} SuyuanVerdict;

/* Near-expiry thresholds in days, per product category. */
typedef struct {
  int near_expiry_days_food;        /* also the default for agri and cold-chain */
  int near_expiry_days_drug;        /* also the default for vaccine */
  int near_expiry_days_other;
  int near_expiry_days_vaccine;
  int near_expiry_days_agri;
  int near_expiry_days_cold_chain;
  const char *here_party_id;        /* the place being checked; NULL when not known */
} SuyuanVerdictSettings;

void            suyuan_verdict_settings_init (SuyuanVerdictSettings *settings);
SuyuanVerdict  *suyuan_verdict_judge      (const SuyuanCode            *code,
                                           const SuyuanLookup          *lookup,
                                           guint32                      today,
                                           const SuyuanVerdictSettings *settings);
void            suyuan_verdict_free       (SuyuanVerdict  *verdict);
gboolean        suyuan_verdict_has_reason (const SuyuanVerdict *verdict,
                                           const char          *id);
const char     *suyuan_level_to_string    (SuyuanLevel     level);
guint32         suyuan_today              (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanVerdict, suyuan_verdict_free)

G_END_DECLS
