/* server-chart-svg.h — a small bar chart as plain SVG text, drawn on the
 * server so it reads without scripting: axes, a label per day, one stacked
 * series per kind and a legend.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *label;        /* in the legend; escaped */
  const char *colour;       /* #rrggbb, ours */
  const guint *values;      /* one per x label */
} ServerChartSeries;

/* An <svg> element drawn on @width × @height units, as wide as its box (the
 * viewBox keeps its proportions)
 * with a bar per x label, its series stacked; @title names it for screen
 * readers. Every label is escaped. Owned by the caller. */
char *server_chart_svg_bars (const char              *title,
                             const char *const       *x_labels,
                             guint                    n_x,
                             const ServerChartSeries *series,
                             guint                    n_series,
                             guint                    width,
                             guint                    height);

G_END_DECLS
