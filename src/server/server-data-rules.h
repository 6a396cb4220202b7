/* server-data-rules.h — what any stored object must be, whoever sent it, so
 * the change feed always stays servable to every terminal (docs/api.md,
 * "Data rules").
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One change's JSON text at most: terminals refuse a field over 8 KiB. */
#define SERVER_MAX_OBJECT_BYTES (24 * 1024)
/* A change page stops adding changes past this many bytes (terminals take 64 MiB). */
#define SERVER_MAX_PAGE_BYTES (2 * 1024 * 1024)
/* Integers beyond ±2^53 lose digits in many JSON readers; json-glib wraps 2^63. */
#define SERVER_MAX_JSON_INT ((gint64) 1 << 53)
/* An EPCIS quantity or any count a record carries. */
#define SERVER_MAX_QUANTITY 1e9

/* Whether a request body escapes a NUL character (\u0000), which the JSON
 * reader would silently cut strings at. */
gboolean server_data_holds_nul    (GBytes      *body);
/* Numbers finite and in range, the JSON text (@text_len bytes; 0: not
 * checked) at most SERVER_MAX_OBJECT_BYTES: a G_IO_ERROR_INVALID_DATA error
 * saying what is wrong otherwise. */
gboolean server_data_check_object (const char  *type,
                                   JsonObject  *object,
                                   gsize        text_len,
                                   GError     **error);
/* A quantity a record may carry: finite, 0 < q ≤ SERVER_MAX_QUANTITY. */
gboolean server_data_quantity_ok  (JsonNode    *node);

G_END_DECLS
