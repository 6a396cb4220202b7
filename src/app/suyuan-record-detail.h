/* suyuan-record-detail.h — one record of the Records page in full: a
 * purchase-inspection record, an inspection, a check scan or an event.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_RECORD_DETAIL (suyuan_record_detail_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanRecordDetail, suyuan_record_detail, SUYUAN, RECORD_DETAIL, GtkWidget)

/* Shows record @uuid of @kind from @store; FALSE with @error when it cannot. */
gboolean  suyuan_record_detail_show       (SuyuanRecordDetail *self,
                                           SuyuanStore        *store,
                                           const char         *uuid,
                                           const char         *kind,
                                           GError            **error);
/* The inspection's UUID when the record shown is one (it can be reprinted). */
const char *suyuan_record_detail_get_inspection_uuid (SuyuanRecordDetail *self);
/* The receipt's record UUID when the record shown is one (it can be reprinted). */
const char *suyuan_record_detail_get_receipt_uuid (SuyuanRecordDetail *self);
/* Everything shown, one "label: value" per line, for tests and copying. */
char     *suyuan_record_detail_dup_text   (SuyuanRecordDetail *self);

G_END_DECLS
