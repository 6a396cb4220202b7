/* suyuan-receipt-print.h — printing the purchase-inspection record.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Shows the print dialog for @record (a "receipt" record's data); with
 * @export_path set, exports that PDF instead. */
gboolean  suyuan_receipt_record_print (GtkWindow   *parent,
                                       JsonObject  *record,
                                       const char  *export_path,
                                       GError     **error);

G_END_DECLS
