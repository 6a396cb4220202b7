/* digital-link-private.h — the rules of GS1 Digital Link URI Syntax 1.2 that
 * are about the URI as a whole rather than one AI's value. Not installed.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scheme is exactly "http" or "https", in lower case. */
gboolean    suyuan_dl_scheme_ok         (const char *input);
/* Only the characters RFC 3986 allows in a URI (percent-encode the rest). */
gboolean    suyuan_dl_chars_ok          (const char *input);
/* A host, as suyuan_uri_split gives it, without an IPv6 zone identifier. */
gboolean    suyuan_dl_host_ok           (const char *host,
                                         gsize       length);
/* The numeric AI of a convenience alpha ("gtin" → "01"), or NULL. */
const char *suyuan_dl_alpha_to_ai       (const char *segment);
/* A query value decoded: '+' is a space there, then %XX. NULL when badly
 * encoded or holding NUL. */
char       *suyuan_dl_unescape_query    (const char *value);
/* Whether @quals (n of them) is a qualifier sequence @dlpkey allows
 * ("22,10,21|235": ordered, optional, one alternative). */
gboolean    suyuan_dl_sequence_ok       (const char        *dlpkey,
                                         const char *const *quals,
                                         guint              n);
/* Whether @ai, given in the query, would fit among the path's qualifiers:
 * then the URI is invalid, since key qualifiers belong in the path. */
gboolean    suyuan_dl_belongs_in_path   (const char        *dlpkey,
                                         const char *const *quals,
                                         guint              n,
                                         const char        *ai);

G_END_DECLS
