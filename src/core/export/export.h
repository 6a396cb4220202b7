/* export.h — every traceability event in the store, for people and for other
 * systems: CSV a spreadsheet opens (one row per event, the key data elements
 * the US FSMA 204 rule asks for) and EPCIS 2.0 JSON-LD.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "store.h"

G_BEGIN_DECLS

typedef enum {
  SUYUAN_EXPORT_CSV,               /* for scripts: English column names */
  SUYUAN_EXPORT_CSV_FOR_PEOPLE,    /* for a spreadsheet: the user's language */
  SUYUAN_EXPORT_EPCIS,
} SuyuanExportFormat;

/* @done of @total events written so far. */
typedef void (*SuyuanExportProgress) (guint    done,
                                      guint    total,
                                      gpointer data);

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

/* Any of the three to @out; stops with G_IO_ERROR_CANCELLED when
 * @cancellable (may be NULL) is cancelled. @progress (may be NULL) is called
 * in this thread every few thousand events. */
gboolean  suyuan_export_write (SuyuanStore          *store,
                               SuyuanExportFormat    format,
                               GOutputStream        *out,
                               GCancellable         *cancellable,
                               SuyuanExportProgress  progress,
                               gpointer              progress_data,
                               guint                *n_events,
                               GError              **error);

/* Writes the export of the store @store was opened from to the file @path,
 * in a worker thread with its own connection, so a large store does not
 * hold up the caller's main loop. The file appears only when complete: it is
 * written beside @path and renamed; a failure or a cancel leaves no file (and
 * a file already at @path as it was). @progress (may be NULL) is called in
 * the calling thread's main context, at most four times a second. */
void      suyuan_export_file_async  (SuyuanStore          *store,
                                     const char           *path,
                                     SuyuanExportFormat    format,
                                     GCancellable         *cancellable,
                                     SuyuanExportProgress  progress,
                                     gpointer              progress_data,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
/* @n_events (may be NULL): how many events the file holds. */
gboolean  suyuan_export_file_finish (GAsyncResult         *result,
                                     guint                *n_events,
                                     GError              **error);

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
/* The data of record @uuid, as kept (owned), or NULL with @error set. */
JsonObject *suyuan_record_dup_data    (SuyuanStore  *store,
                                       const char   *uuid,
                                       GError      **error);
GPtrArray *suyuan_records_search      (SuyuanStore  *store,
                                       const char   *query,
                                       guint         limit,
                                       GError      **error);

G_END_DECLS
