/* export.h — every traceability event in the store, for people and for other
 * systems: CSV a spreadsheet opens (one row per event, the key data elements
 * the US FSMA 204 rule asks for) and EPCIS 2.0 JSON-LD.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "store.h"

G_BEGIN_DECLS

/* UTF-8 with a byte-order mark, so spreadsheets read Chinese correctly; RFC 4180
 * quoting; cells that a spreadsheet would run as a formula are defused. */
gboolean  suyuan_export_csv   (SuyuanStore    *store,
                               GOutputStream  *out,
                               guint          *n_events,
                               GError        **error);
/* The same for a person: column names, event types and units in the user's
 * language (事件类型, 发货 …); data as recorded. */
gboolean  suyuan_export_csv_for_people (SuyuanStore    *store,
                                        GOutputStream  *out,
                                        guint          *n_events,
                                        GError        **error);
/* An EPCISDocument (schemaVersion 2.0) of ObjectEvents, oldest first. */
gboolean  suyuan_export_epcis (SuyuanStore    *store,
                               GOutputStream  *out,
                               guint          *n_events,
                               GError        **error);

/* The terminal's own records (scans, inspections, receipts, events), newest
 * first, for the history; @query (may be NULL) matches kind or content. */
typedef struct {
  char *uuid;
  char *kind;
  char *created_at;
  char *title;       /* who or what, from the record: supplier, product, code … */
  char *event_type;  /* for kind "event": "receiving", "shipping" …; else NULL */
  gboolean sent;     /* acknowledged by the server */
} SuyuanRecordSummary;

void       suyuan_record_summary_free (SuyuanRecordSummary *summary);
GPtrArray *suyuan_records_search      (SuyuanStore  *store,
                                       const char   *query,
                                       guint         limit,
                                       GError      **error);

G_END_DECLS
