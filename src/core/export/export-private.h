/* export-private.h — one traceability event as both exports read it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "export.h"

G_BEGIN_DECLS

enum {
  EXPORT_ID, EXPORT_TYPE, EXPORT_TIME, EXPORT_LOT, EXPORT_PRODUCT_ID, EXPORT_GTIN,
  EXPORT_PRODUCT, EXPORT_QUANTITY, EXPORT_SERIAL, EXPORT_PARTY_ID, EXPORT_PARTY,
  EXPORT_PLACE, EXPORT_SOURCE, EXPORT_DESTINATION, EXPORT_DISPOSITION, EXPORT_REASON,
  EXPORT_REFERENCE, EXPORT_PRODUCT_KEY, EXPORT_N_COLUMNS
};

/* Calls @row for each event, oldest first, with EXPORT_N_COLUMNS strings
 * (NULL where the store has nothing). @cancellable and @progress may be NULL;
 * @progress is called now and then, in the calling thread. */
typedef gboolean (*SuyuanExportRow) (const char *const *columns,
                                     gpointer           data,
                                     GError           **error);
gboolean  suyuan_export_each (SuyuanStore          *store,
                              SuyuanExportRow       row,
                              gpointer              data,
                              GCancellable         *cancellable,
                              SuyuanExportProgress  progress,
                              gpointer              progress_data,
                              guint                *n_events,
                              GError              **error);
/* The EPCIS document written event by event, never whole in memory. */
gboolean  suyuan_export_epcis_stream (SuyuanStore          *store,
                                      GOutputStream        *out,
                                      GCancellable         *cancellable,
                                      SuyuanExportProgress  progress,
                                      gpointer              progress_data,
                                      guint                *n_events,
                                      GError              **error);

/* One ObjectEvent per row (@builder is a JsonBuilder inside the eventList
 * suyuan_epcis_begin opened; the GS1 Digital Link or urn:x-suyuan URIs come
 * from the GTIN, product, lot and serial columns). */
gboolean  suyuan_epcis_event (const char *const *columns,
                              gpointer           builder,
                              GError           **error);

G_END_DECLS
