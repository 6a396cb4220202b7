/* code-json.h — the machine-readable form of a parsed code (suyuanctl's contract).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "code.h"

G_BEGIN_DECLS

void   suyuan_code_to_json     (const SuyuanCode *code,
                                JsonBuilder      *builder);
char  *suyuan_date_to_iso      (guint32           yyyymmdd);

G_END_DECLS
