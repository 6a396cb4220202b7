/* suyuan-records-page.h — Records (记录): what this terminal recorded,
 * searchable, and every traceability event exported as CSV or EPCIS.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "suyuan-record-row.h"
#include "suyuan-record-detail.h"
#include "suyuan-export-bar.h"
#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_RECORDS_PAGE (suyuan_records_page_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanRecordsPage, suyuan_records_page, SUYUAN, RECORDS_PAGE, GtkWidget)

void      suyuan_records_page_set_store  (SuyuanRecordsPage *self,
                                          SuyuanStore       *store);
/* Shows the records matching @query (NULL or "": all, newest first). */
void      suyuan_records_page_search     (SuyuanRecordsPage *self,
                                          const char        *query);
/* The current search again (after a sync). */
void      suyuan_records_page_refresh    (SuyuanRecordsPage *self);
guint     suyuan_records_page_get_n_rows (SuyuanRecordsPage *self);
/* Starts writing the export to @path in the background, as the Export
 * buttons do after asking where; the export bar shows it running (its
 * "running" property) and a toast names the file when it is written.
 * FALSE with @error while another export runs. */
gboolean  suyuan_records_page_export     (SuyuanRecordsPage *self,
                                          const char        *path,
                                          gboolean           csv,
                                          GError           **error);
SuyuanExportBar *suyuan_records_page_get_export_bar (SuyuanRecordsPage *self);

/* Opens @row's record in full, as tapping it does. */
gboolean          suyuan_records_page_open       (SuyuanRecordsPage *self,
                                                  SuyuanRecordRow   *row);
SuyuanRecordDetail *suyuan_records_page_get_detail (SuyuanRecordsPage *self);
GtkListBox       *suyuan_records_page_get_list   (SuyuanRecordsPage *self);
/* Prints the inspection or purchase-inspection record shown again; with @export_path, to that PDF. */
gboolean          suyuan_records_page_print      (SuyuanRecordsPage *self,
                                                  const char        *export_path,
                                                  GError           **error);

G_END_DECLS
