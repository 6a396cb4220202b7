/* scan-dedup.h — continuous scanning: one scan per code brought into view.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A camera reads the same code in frame after frame; what the user means is
 * one scan each time a code comes into view. A code stays "in view" until no
 * frame has read it for a while, which also bridges frames that miss it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SUYUAN_SCAN_DEDUP_DEFAULT_ABSENT_US (1500 * 1000)

typedef struct _SuyuanScanDedup SuyuanScanDedup;

SuyuanScanDedup *suyuan_scan_dedup_new        (gint64           absent_us);
void             suyuan_scan_dedup_free       (SuyuanScanDedup *self);
/* Feeds the payloads read in one frame at @now_us (monotonic). Returns TRUE
 * when @payload is new in view: a scan to report. Call suyuan_scan_dedup_frame_done
 * after each frame's payloads, even when none were read. */
gboolean         suyuan_scan_dedup_seen       (SuyuanScanDedup *self,
                                               const char      *payload,
                                               gsize            length,
                                               gint64           now_us);
/* Forgets codes not read since @now_us - absent: they have left the view. */
void             suyuan_scan_dedup_frame_done (SuyuanScanDedup *self,
                                               gint64           now_us);
/* Forgets everything, e.g. when the camera changes. */
void             suyuan_scan_dedup_reset      (SuyuanScanDedup *self);
guint            suyuan_scan_dedup_in_view    (SuyuanScanDedup *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanScanDedup, suyuan_scan_dedup_free)

G_END_DECLS
