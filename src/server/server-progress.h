/* server-progress.h — log lines that say how far long work at server start
 * has come (the scope backfill, the lookup mirror), so an operator waiting
 * an hour on a province's feed sees it move.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Seconds between two lines: $SUYUAN_SERVER_PROGRESS_SECONDS, else this. */
#define SERVER_PROGRESS_SECONDS 30

typedef struct {
  const char *what;   /* "giving the change feed its scope keys" */
  const char *unit;   /* "changes" */
  gint64 total;
  gint64 started;     /* monotonic, µs */
  gint64 due;         /* when the next line may be written */
  gint64 interval;
} ServerProgress;

/* Nothing is written yet: work that ends within one interval says nothing. */
void server_progress_start  (ServerProgress *progress,
                             const char     *what,
                             const char     *unit,
                             gint64          total);
/* @done of the total: a line when one is due, with the share and the time left. */
void server_progress_update (ServerProgress *progress,
                             gint64          done);

G_END_DECLS
