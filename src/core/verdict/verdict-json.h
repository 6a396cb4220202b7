/* verdict-json.h — a lookup and its verdict as JSON (suyuanctl lookup --json).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "lookup.h"
#include "verdict.h"

G_BEGIN_DECLS

void  suyuan_verdict_to_json (const SuyuanVerdict *verdict,
                              JsonBuilder         *builder);
void  suyuan_lookup_to_json  (const SuyuanLookup  *lookup,
                              JsonBuilder         *builder);

G_END_DECLS
