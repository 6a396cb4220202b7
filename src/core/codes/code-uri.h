/* code-uri.h — splitting a scanned http(s) URI into host, path and query
 * without allocating; nothing here is ever opened.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *host;     /* without user info, port or IPv6 brackets */
  gsize host_len;
  const char *path;     /* from the first '/', may be empty */
  gsize path_len;
  const char *query;    /* after '?', NULL when there is none */
  gsize query_len;
} SuyuanUriParts;

/* FALSE unless @input is http:// or https:// (any case) with a sane host. */
gboolean  suyuan_uri_split (const char     *input,
                            SuyuanUriParts *parts);

G_END_DECLS
