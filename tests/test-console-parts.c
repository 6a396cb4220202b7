/* test-console-parts.c — the console's pure parts: the server-drawn chart
 * (hostile labels escaped, bars stacked to scale) and the 双随机 draw
 * (reproducible from its seed, weighted by credit class, round robin).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "server-chart-svg.h"
#include "server-draw.h"
#include "lookup.h"

#include <string.h>

static void
test_chart_escapes (void)
{
  const char *days[] = { "12-01", "<b>12-02</b>" };
  const guint a[] = { 2, 0 }, b[] = { 1, 3 };
  ServerChartSeries series[] = { { "克隆码 & <script>", "#6a3d9a", a }, { "未知码\"", "#1f78b4", b } };
  g_autofree char *svg = server_chart_svg_bars ("每日 <预警>", days, 2, series, 2, 600, 300);
  g_auto(GStrv) titles = g_strsplit (svg, "<title>", -1);

  g_assert_true (g_str_has_prefix (svg, "<svg "));
  g_assert_null (strstr (svg, "<script>"));
  g_assert_null (strstr (svg, "<b>"));
  g_assert_nonnull (strstr (svg, "克隆码 &amp; &lt;script&gt;"));
  g_assert_nonnull (strstr (svg, "&lt;b&gt;12-02&lt;/b&gt;"));
  g_assert_nonnull (strstr (svg, "未知码&quot;"));
  g_assert_nonnull (strstr (svg, "<title>每日 &lt;预警&gt;</title>"));
  /* Three non-empty segments, each with its tooltip, and two legend keys. */
  g_assert_cmpint (g_strv_length (titles) - 1, ==, 1 + 3);
  g_assert_nonnull (strstr (svg, ": 3</title>"));
}

static GPtrArray *
parties (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_party_free);
  const char *classes = "AAAAAAAAAADDDDDDDDDD";

  for (int i = 0; i < 20; i++)
    {
      SuyuanParty *p = g_new0 (SuyuanParty, 1);

      p->id = g_strdup_printf ("P-%02d", i);
      p->name = g_strdup_printf ("shop %d", i);
      p->credit_class = g_strndup (classes + i, 1);
      g_ptr_array_add (list, p);
    }
  return list;
}

static void
test_draw (void)
{
  g_autoptr(GPtrArray) list = parties ();
  const char *inspectors[] = { "east-1", "east-2", NULL };
  g_autoptr(ServerDraw) first = server_draw_make (list, 6, "seed-1", inspectors);
  g_autoptr(ServerDraw) again = server_draw_make (list, 6, "seed-1", inspectors);
  guint d_drawn = 0;

  g_assert_cmpuint (first->tasks->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      ServerDrawTask *t = first->tasks->pdata[i], *u = again->tasks->pdata[i];

      g_assert_cmpstr (t->party_id, ==, u->party_id);
      g_assert_cmpstr (t->inspector, ==, inspectors[i % 2]);
    }
  /* Over many seeds, D (weight 8) is drawn far more often than A (1). */
  for (int s = 0; s < 200; s++)
    {
      g_autofree char *seed = g_strdup_printf ("seed-%d", s);
      g_autoptr(ServerDraw) draw = server_draw_make (list, 1, seed, inspectors);

      d_drawn += g_strcmp0 (((ServerDrawTask *) draw->tasks->pdata[0])->credit_class, "D") == 0;
    }
  g_assert_cmpuint (d_drawn, >, 150);
  g_assert_cmpuint (server_draw_weight ("A"), ==, 1);
  g_assert_cmpuint (server_draw_weight ("D"), ==, 8);
  g_assert_cmpuint (server_draw_weight (NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/console/chart-escapes", test_chart_escapes);
  g_test_add_func ("/console/draw", test_draw);
  return g_test_run ();
}
