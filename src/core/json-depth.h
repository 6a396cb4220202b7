/* json-depth.h — how deep JSON text nests, found without parsing it.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Arrays and objects nest deeper than any of our formats needs. */
#define SUYUAN_JSON_MAX_DEPTH 64

/* TRUE when no array or object in @data (JSON text, not necessarily valid)
 * opens more than @max_depth levels deep. One pass over the bytes without
 * recursion: run it before handing network text to a recursive parser
 * (json-glib), which a deep enough nesting would crash. */
gboolean suyuan_json_depth_within (const char *data,
                                   gsize       len,
                                   guint       max_depth);

G_END_DECLS
