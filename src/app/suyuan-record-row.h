/* suyuan-record-row.h — one row of the Records page: what was recorded,
 * when, and whether it reached the server.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SUYUAN_TYPE_RECORD_ROW (suyuan_record_row_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanRecordRow, suyuan_record_row, SUYUAN, RECORD_ROW, AdwActionRow)

GtkWidget  *suyuan_record_row_new       (const char *uuid,
                                         const char *kind,
                                         gboolean    synced);
const char *suyuan_record_row_get_uuid  (SuyuanRecordRow *self);
const char *suyuan_record_row_get_kind  (SuyuanRecordRow *self);
gboolean    suyuan_record_row_get_synced (SuyuanRecordRow *self);

G_END_DECLS
