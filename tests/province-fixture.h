/* province-fixture.h — what the scoped-pull tests build their provinces
 * with: GTINs, exchange-format objects, more of a feed, store counts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-support.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* GTIN-14 of @body (13 digits) with its check digit. */
char   *province_gtin        (const char        *body);
/* An object of string members from name, value pairs (NULL-terminated);
 * a NULL value leaves its member out. */
void    province_add_members (JsonBuilder       *b,
                              const char *const *pairs);
/* Ends the document @b holds and writes it to @dir/province.json; its path. */
char   *province_write       (JsonBuilder       *b,
                              const char        *dir);
/* Appends the exchange-format document @json to the feed of the server
 * database in @dir, as a second `suyuan-server --import-only` would. */
void    province_import_more (const char        *dir,
                              const char        *json);

G_END_DECLS
