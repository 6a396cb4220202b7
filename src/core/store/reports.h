/* reports.h — what terminals reported to suyuan-server (check scans,
 * finished inspections), as the server's lookup mirror keeps them for the
 * bureau's console: risk warnings and the list of inspections.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

/* The server's number of the last report kept (0: none). */
gint64     suyuan_store_get_report_cursor (SuyuanStore  *store);
/* Keeps the report numbered @seq (once by @uuid) and moves the cursor to
 * @seq; @data is the record's JSON text, @device the token that sent it,
 * @party that token's party (may be NULL). A check scan happened at @party,
 * else at the party it names; an inspection was of the party it names. Call
 * inside a transaction. */
gboolean   suyuan_store_add_report        (SuyuanStore  *store,
                                           gint64        seq,
                                           const char   *uuid,
                                           const char   *kind,
                                           const char   *created_at,
                                           const char   *data,
                                           const char   *device,
                                           const char   *party,
                                           GError      **error);

typedef struct {
  const char *from;              /* YYYY-MM-DD, inclusive; NULL: any */
  const char *to;                /* YYYY-MM-DD, inclusive; NULL: any */
  const char *region_prefix;     /* of the inspected party; NULL: any */
  const char *result;            /* pass, fail …; NULL: any */
  const char *party;             /* id, or part of the name; NULL: any */
} SuyuanInspectionFilter;

typedef struct {
  char *uuid;                    /* the record's */
  char *at;                      /* finished, UTC ISO 8601 */
  char *party_id;
  char *party_name;
  char *region;
  char *result;
  char *inspector;               /* as typed on the terminal */
  char *device;                  /* the token that sent it */
  gint64 n_items;
  gint64 n_stop;                 /* items whose verdict said stop */
} SuyuanInspectionReport;

/* At most this many inspections in one list, newest first. */
#define SUYUAN_INSPECTION_REPORTS_MAX 500

void       suyuan_inspection_report_free  (SuyuanInspectionReport *report);
/* Finished inspections matching @filter, newest first. Owned by the caller:
 * a GPtrArray of SuyuanInspectionReport. */
GPtrArray *suyuan_store_inspection_reports (SuyuanStore                  *store,
                                            const SuyuanInspectionFilter *filter,
                                            GError                      **error);
/* The report @uuid of @kind: its data as JSON text (owned), and its
 * summary in @out (may be NULL; free its members with
 * suyuan_inspection_report_free's). NULL when there is none. */
char      *suyuan_store_dup_report        (SuyuanStore             *store,
                                           const char              *uuid,
                                           const char              *kind,
                                           SuyuanInspectionReport **out,
                                           GError                 **error);
/* Whether a finished inspection sent by @device (NULL: by anyone) names
 * the photo @sha256 in an item's "photo_sha256". */
gboolean   suyuan_store_report_names_photo (SuyuanStore *store,
                                            const char  *device,
                                            const char  *sha256);
/* Whether a finished inspection of @party_id sent by @device arrived with a
 * finishing time at or after @since (UTC ISO 8601). */
gboolean   suyuan_store_inspected_since   (SuyuanStore  *store,
                                           const char   *party_id,
                                           const char   *device,
                                           const char   *since);

/* One piece of evidence behind a risk warning: an event or a check scan. */
typedef struct {
  char *id;
  char *what;                    /* "scan", or the event's type (selling …) */
  char *at;                      /* UTC ISO 8601 */
  char *party_id;
  char *party_name;
  char *product_name;
  char *serial;
  char *detail;                  /* a scan's code as scanned; an event's place */
  char *level;                   /* a scan's verdict (ok, warn, stop, unknown); NULL for events */
  char *finding;                 /* a scan's findings; an event's reason */
  char *device;                  /* the token that sent a scan */
} SuyuanEvidence;

void            suyuan_evidence_free     (SuyuanEvidence *evidence);
/* The event or check scan with @id, if its place is in @region_prefix
 * (NULL: anywhere); NULL when there is none. */
SuyuanEvidence *suyuan_store_dup_evidence (SuyuanStore  *store,
                                           const char   *id,
                                           const char   *region_prefix,
                                           GError      **error);

/* The parties whose region starts with @region_prefix, by id: a GPtrArray
 * of SuyuanParty (lookup.h; only id, name, kind, region and credit_class
 * set), owned by the caller. The 双随机 draw's candidates. */
GPtrArray      *suyuan_store_region_parties (SuyuanStore  *store,
                                             const char   *region_prefix,
                                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanInspectionReport, suyuan_inspection_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanEvidence, suyuan_evidence_free)

G_END_DECLS
