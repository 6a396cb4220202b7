/* outbox.h — records the terminal made, waiting to be sent to suyuan-server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

/* Kinds the server accepts (docs/api.md, POST /api/v1/records). */
#define SUYUAN_RECORD_INSPECTION        "inspection"
#define SUYUAN_RECORD_RECEIPT           "receipt"
#define SUYUAN_RECORD_EVENT             "event"
#define SUYUAN_RECORD_SCAN              "scan"
#define SUYUAN_RECORD_CODE_REGISTRATION "code-registration"

/* Keeps @data as a new record of @kind: one row in `records` (the terminal's own
 * copy) and one in `outbox`, made with a fresh UUID and the current time. Joins
 * the caller's transaction when one is open, so a feature can write its own rows
 * and the record atomically; otherwise runs in its own. Returns the UUID. */
char     *suyuan_outbox_enqueue       (SuyuanStore  *store,
                                       const char   *kind,
                                       JsonObject   *data,
                                       GError      **error);
/* Keeps a record made earlier (@data is its JSON text) as suyuan_outbox_enqueue
 * does: for callers that queue records and write them in one burst. Joins the
 * caller's transaction when one is open. */
gboolean  suyuan_outbox_enqueue_text  (SuyuanStore  *store,
                                       const char   *uuid,
                                       const char   *kind,
                                       const char   *created_at,
                                       const char   *data,
                                       GError      **error);
/* Records not yet acknowledged by the server. */
gint64    suyuan_outbox_count_pending (SuyuanStore  *store);

typedef struct {
  gint64 rowid;
  char *uuid;
  char *body;   /* the record as JSON: {"uuid","kind","created_at","data"} */
} SuyuanOutboxItem;

void      suyuan_outbox_item_free     (SuyuanOutboxItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanOutboxItem, suyuan_outbox_item_free)

/* Up to @limit unsent items with rowid > @after, oldest first; counts an
 * attempt on each. */
GPtrArray *suyuan_outbox_next_batch   (SuyuanStore  *store,
                                       gint64        after,
                                       guint         limit,
                                       GError      **error);
/* Marks the items whose UUID is in @acknowledged as sent, in one transaction. */
gboolean  suyuan_outbox_mark_sent     (SuyuanStore  *store,
                                       GHashTable   *acknowledged,
                                       guint        *n_marked,
                                       GError      **error);

G_END_DECLS
