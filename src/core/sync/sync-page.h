/* sync-page.h — one page of GET /api/v1/changes, read straight into fields.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

typedef struct {
  gint64      seq;        /* 0 when the change named none */
  const char *type;       /* "" when the change named none */
  guint       first;      /* its data's members: fields[first … first + n_fields) */
  guint       n_fields;
} SuyuanSyncChange;

typedef struct {
  char   *buffer;         /* the body, its strings decoded in place */
  GArray *changes;        /* SuyuanSyncChange */
  GArray *fields;         /* SuyuanField, pointing into buffer */
  gint64  last_seq;
  gboolean more;
  const char *scope;      /* the scope the server pulled for (in buffer), NULL when it names none */
  char   *skipped_why;    /* set on a page standing for one change that could not be read */
} SuyuanSyncPage;

/* Reads {"changes": [{"type": …, "data": {…}}, …], "last_seq": N, "more": B, "scope": S}
 * from @body (taken). The body came from the network: it must be strict JSON,
 * UTF-8, without NUL characters and nested at most 32 deep, or the page is
 * refused with a SUYUAN_SYNC_ERROR_PROTOCOL error naming what was wrong. */
SuyuanSyncPage *suyuan_sync_page_parse (GBytes         *body,
                                        GError        **error);
/* A page with no changes that steps past change @seq, unreadable because of
 * @why: the pull records it and goes on. */
SuyuanSyncPage *suyuan_sync_page_new_skip (gint64          seq,
                                           const char     *why);
/* The seq of the first change in a change page's raw text, as the server
 * writes it ({"changes":[{"seq":N, …), or 0. */
gint64          suyuan_sync_page_first_seq (const char     *text,
                                            gsize           len);
void            suyuan_sync_page_free  (SuyuanSyncPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanSyncPage, suyuan_sync_page_free)

G_END_DECLS
