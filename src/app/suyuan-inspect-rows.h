/* suyuan-inspect-rows.h — a business to start an inspection of (the scanned
 * products are SuyuanInspectItemRow).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "inspection.h"

G_BEGIN_DECLS

GtkWidget *suyuan_inspect_business_row_new (const SuyuanInspectionTask *business);

G_END_DECLS
