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
/* An EPCISDocument (schemaVersion 2.0) of ObjectEvents, oldest first. */
gboolean  suyuan_export_epcis (SuyuanStore    *store,
                               GOutputStream  *out,
                               guint          *n_events,
                               GError        **error);

/* The EPCIS writer in parts, for suyuan-server's EPCIS query over its mirror
 * of the terminal schema: the document up to its open eventList, then any of
 * the calls that add events, then the closing. Added events count in
 * @n_events. A store failure returns FALSE with @error set. */
void      suyuan_epcis_begin  (JsonBuilder    *b);
/* The event @event_id as it stands now; nothing when the store lacks it. */
gboolean  suyuan_epcis_add_event (SuyuanStore  *store,
                                  const char   *event_id,
                                  JsonBuilder  *b,
                                  guint        *n_events,
                                  GError      **error);
/* Up to @limit events of @product_id, oldest first: of one unit when @serial
 * is set, of one batch when @batch_id is; either may be NULL. */
gboolean  suyuan_epcis_add_events_of (SuyuanStore  *store,
                                      const char   *product_id,
                                      const char   *serial,
                                      const char   *batch_id,
                                      guint         limit,
                                      JsonBuilder  *b,
                                      guint        *n_events,
                                      GError      **error);
void      suyuan_epcis_end    (JsonBuilder    *b);

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
