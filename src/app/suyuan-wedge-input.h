/* suyuan-wedge-input.h — keyboard-wedge scanners, wherever the focus is.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SUYUAN_TYPE_WEDGE_INPUT (suyuan_wedge_input_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanWedgeInput, suyuan_wedge_input, SUYUAN, WEDGE_INPUT, GObject)

/* Watches every key @window gets (capture phase) and emits "scanned" with
 * the text of each scanner burst; what the burst typed into the focused field
 * is taken back, so hand typing and scans never mix. */
SuyuanWedgeInput *suyuan_wedge_input_new             (GtkWidget        *window);
void              suyuan_wedge_input_set_max_gap_ms  (SuyuanWedgeInput *self,
                                                      guint             max_gap_ms);
void              suyuan_wedge_input_set_gs_substitute (SuyuanWedgeInput *self,
                                                        const char       *text);
/* The substitute in effect (NULL: none). The Check page's entry uses the same
 * one; "gs-substitute-changed" says when it changes. */
const char       *suyuan_wedge_input_get_gs_substitute (SuyuanWedgeInput *self);
/* Follows the "gs-substitute" and "wedge-max-gap-ms" keys of @settings live;
 * $SUYUAN_WEDGE_GS, when set, overrides the substitute key. */
void              suyuan_wedge_input_bind_settings  (SuyuanWedgeInput *self,
                                                     GSettings        *settings);

G_END_DECLS
