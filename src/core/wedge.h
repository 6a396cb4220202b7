/* wedge.h — telling a keyboard-wedge scanner from a person by key timing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scanner types a whole code in a burst (a few ms per key) and ends it with
 * Enter; people type far slower. Callers feed every key with its time and
 * get the scan back when Enter closes a burst. No GTK here: the window's key
 * controller translates events, this module only judges timing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SUYUAN_WEDGE_DEFAULT_MAX_GAP_US   (50 * 1000)
#define SUYUAN_WEDGE_DEFAULT_MIN_LENGTH   4
#define SUYUAN_WEDGE_MAX_LENGTH           4096

typedef struct _SuyuanWedge SuyuanWedge;

SuyuanWedge *suyuan_wedge_new              (void);
void         suyuan_wedge_free             (SuyuanWedge *self);
/* Longest pause between two keys of one scan (Enter included). */
void         suyuan_wedge_set_max_gap      (SuyuanWedge *self,
                                            gint64       max_gap_us);
/* Shorter bursts are people (or chance), not scans. */
void         suyuan_wedge_set_min_length   (SuyuanWedge *self,
                                            guint        min_length);
/* Text some scanners send in place of GS (0x1D), e.g. "~" or "<GS>";
 * NULL or "" for none. Replaced by 0x1D in the scan. */
void         suyuan_wedge_set_gs_substitute (SuyuanWedge *self,
                                             const char  *text);

/* Feeds one character (GS may come as 0x1D). Returns TRUE when @c starts a
 * new candidate burst: the caller then remembers what the focused field held,
 * so that it can put it back if the burst turns out to be a scan. */
gboolean     suyuan_wedge_feed_char        (SuyuanWedge *self,
                                            gunichar     c,
                                            gint64       time_us);
/* Feeds Enter. Returns the scanned text (newly allocated, GS as 0x1D) when
 * Enter closes a scanner burst, else NULL and Enter is the person's. */
char        *suyuan_wedge_feed_enter       (SuyuanWedge *self,
                                            gint64       time_us);
/* Any other key (arrows, Backspace, a shortcut): no scan is under way. */
void         suyuan_wedge_break            (SuyuanWedge *self);
/* Whether keys are arriving in a burst right now (as of the last key). */
gboolean     suyuan_wedge_in_burst         (SuyuanWedge *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanWedge, suyuan_wedge_free)

G_END_DECLS
