/* inspection-private.h — what the inspection's files share.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "inspection.h"

G_BEGIN_DECLS

/* Writes @item (its whole row) now on @store, or queues it on the
 * inspection's writer. */
gboolean suyuan_inspection_save_item (SuyuanStore          *store,
                                      SuyuanInspection     *inspection,
                                      SuyuanInspectionItem *item,
                                      GError              **error);

/* Binds @text, or NULL when it is NULL. */
void     suyuan_inspection_bind_text (sqlite3_stmt         *stmt,
                                      int                   index,
                                      const char           *text);

G_END_DECLS
