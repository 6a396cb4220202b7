/* label-register.h — the store side of a label run (private to label-job.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "label-job.h"

G_BEGIN_DECLS

/* "YYYY-MM-DD", or NULL for 0. */
char     *suyuan_label_date_to_iso          (guint32         date);
/* Inside the caller's transaction: per item, reserves job->count serials and
 * fills job->serials and the units table; then queues the code-registration
 * record with suyuan_outbox_enqueue() and sets job->run_uuid to its UUID. */
gboolean  suyuan_label_reserve_and_register (SuyuanStore    *store,
                                             SuyuanLabelJob *job,
                                             GError        **error);

G_END_DECLS
