/* receipt-pdf.h — the purchase-inspection record (进货查验记录) on A4, for a
 * PDF kept with the invoices or a print dialog: supplier and its licence,
 * the receiving business and date, every line with product, batch,
 * quantity, expiry and verdict, rejected goods with their reasons, and the
 * receiver's signature.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "print-flow.h"
#include "store.h"

G_BEGIN_DECLS

/* Adds to @record (a "receipt" record's data) what @store knows about its
 * parties and the record does not say yet: the supplier's licence number
 * (supplier_licence_no) and the receiving business (receiver_name). */
void      suyuan_receipt_record_complete   (SuyuanStore *store,
                                            JsonObject  *record);

/* Pages needed for @record on A4. */
int       suyuan_receipt_record_count_pages (JsonObject *record);
/* Draws page @page (0-based) in A4 points, origin at the top left. */
void      suyuan_receipt_record_draw_page  (JsonObject *record,
                                            cairo_t    *cr,
                                            int         page);
/* Writes every page to @path (through a partial file, renamed when complete). */
gboolean  suyuan_receipt_record_write_pdf  (JsonObject *record,
                                            const char *path,
                                            GError    **error);

G_END_DECLS
