/* suyuan-trace-view.h — the trace chain as a timeline: each step, who was
 * responsible, when and where, from the producer to this shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "lookup.h"
#include "verdict.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_TRACE_VIEW (suyuan_trace_view_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanTraceView, suyuan_trace_view, SUYUAN, TRACE_VIEW, GtkWidget)

/* NULL or a lookup without events hides the view. With @verdict (may be
 * NULL), the step a STOP comes from (the sale of a unit scanned again…) is
 * marked as the cause. */
void         suyuan_trace_view_set_lookup    (SuyuanTraceView     *self,
                                              const SuyuanLookup  *lookup,
                                              const SuyuanVerdict *verdict);
guint        suyuan_trace_view_get_n_steps   (SuyuanTraceView    *self);
/* The step marked as the STOP's cause, or -1. */
int          suyuan_trace_view_get_cause_step (SuyuanTraceView   *self);
/* "step title|party" of step @i, as shown; for tests and accessibility. */
char        *suyuan_trace_view_dup_step_text (SuyuanTraceView    *self,
                                              guint               i);
const char  *suyuan_event_type_to_label      (const char         *type);

G_END_DECLS
