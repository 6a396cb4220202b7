/* server-csv.h — RFC 4180 CSV, as spreadsheets export it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rows of fields (each a GStrv); quoted fields may hold commas, quotes ("")
 * and line breaks. A UTF-8 byte-order mark is skipped; blank lines are left
 * out. NULL with @error for text that is not UTF-8 or an unclosed quote. */
GPtrArray *server_csv_parse (const char *text,
                             gsize       length,
                             GError    **error);

G_END_DECLS
