/* server-chart-svg.c — see server-chart-svg.h. Colours and sizes are SVG
 * attributes, not style, so the console's Content-Security-Policy (no
 * inline style) leaves the chart alone.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-chart-svg.h"

#include <string.h>

#define MARGIN_LEFT 44
#define MARGIN_RIGHT 12
#define MARGIN_TOP 16
#define MARGIN_BOTTOM 40
#define LEGEND_ROW 20
#define FONT "font-family=\"sans-serif\" font-size=\"12\""

/* A step of 1, 2 or 5 × 10^k that gives at most five ticks up to @max. */
static guint
tick_step (guint max)
{
  guint step = 1;

  while (max / step > 5)
    {
      if (max / (step * 2) <= 5)
        return step * 2;
      if (max / (step * 5) <= 5)
        return step * 5;
      step *= 10;
    }
  return step;
}

static void
append_text (GString    *svg,
             double      x,
             double      y,
             const char *anchor,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append_printf (svg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" " FONT " fill=\"#333\">%s</text>\n",
                          x, y, anchor, escaped);
}

char *
server_chart_svg_bars (const char              *title,
                       const char *const       *x_labels,
                       guint                    n_x,
                       const ServerChartSeries *series,
                       guint                    n_series,
                       guint                    width,
                       guint                    height)
{
  GString *svg = g_string_new (NULL);
  g_autofree char *escaped_title = g_markup_escape_text (title ? title : "", -1);
  guint legend_rows = (n_series + 2) / 3;
  double plot_w = (double) width - MARGIN_LEFT - MARGIN_RIGHT;
  double plot_h = (double) height - MARGIN_TOP - MARGIN_BOTTOM - legend_rows * LEGEND_ROW;
  double bottom = MARGIN_TOP + plot_h;
  double slot = n_x > 0 ? plot_w / n_x : plot_w;
  guint max = 0, step, label_every;

  g_return_val_if_fail (n_x == 0 || x_labels != NULL, NULL);
  g_return_val_if_fail (n_series == 0 || series != NULL, NULL);

  for (guint x = 0; x < n_x; x++)
    {
      guint total = 0;

      for (guint s = 0; s < n_series; s++)
        total += series[s].values[x];
      max = MAX (max, total);
    }
  step = tick_step (MAX (max, 1));
  max = ((MAX (max, 1) + step - 1) / step) * step;
  /* Day labels at most every 48 px, so they never overlap. */
  label_every = MAX (1, (guint) ((48.0 + MAX (slot, 1.0) - 1) / MAX (slot, 1.0)));

  g_string_append_printf (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\""
                               " viewBox=\"0 0 %u %u\" width=\"100%%\" aria-label=\"%s\">\n"
                               "<title>%s</title>\n", width, height, escaped_title, escaped_title);
  /* Grid lines and the y axis's numbers. */
  for (guint v = 0; v <= max; v += step)
    {
      double y = bottom - plot_h * v / max;
      g_autofree char *number = g_strdup_printf ("%u", v);

      g_string_append_printf (svg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                              MARGIN_LEFT, y, MARGIN_LEFT + plot_w, y);
      append_text (svg, MARGIN_LEFT - 6, y + 4, "end", number);
    }
  /* The bars, each series stacked on the ones before it. */
  for (guint x = 0; x < n_x; x++)
    {
      double bar_w = CLAMP (slot * 0.7, 1.0, 36.0);
      double left = MARGIN_LEFT + slot * x + (slot - bar_w) / 2;
      double top = bottom;

      for (guint s = 0; s < n_series; s++)
        {
          double h = plot_h * series[s].values[x] / max;
          g_autofree char *label = g_markup_escape_text (series[s].label ? series[s].label : "", -1);
          g_autofree char *day = g_markup_escape_text (x_labels[x] ? x_labels[x] : "", -1);

          if (series[s].values[x] == 0)
            continue;
          top -= h;
          g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                       "<title>%s %s: %u</title></rect>\n",
                                  left, top, bar_w, h, series[s].colour, day, label, series[s].values[x]);
        }
      if (x % label_every == 0)
        append_text (svg, MARGIN_LEFT + slot * x + slot / 2, bottom + 16, "middle", x_labels[x]);
    }
  /* The axes over the bars. */
  g_string_append_printf (svg, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n"
                               "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n",
                          MARGIN_LEFT, MARGIN_TOP, MARGIN_LEFT, bottom,
                          MARGIN_LEFT, bottom, MARGIN_LEFT + plot_w, bottom);
  /* The legend, three to a row. */
  for (guint s = 0; s < n_series; s++)
    {
      double lx = MARGIN_LEFT + (plot_w / 3) * (s % 3);
      double ly = bottom + MARGIN_BOTTOM - 8 + LEGEND_ROW * (s / 3);

      g_string_append_printf (svg, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                              lx, ly - 10, series[s].colour);
      append_text (svg, lx + 18, ly, "start", series[s].label);
    }
  g_string_append (svg, "</svg>\n");
  return g_string_free (svg, FALSE);
}
