/* bench-labels.c — 10,000 unique labels to one PDF, next to the `qrencode`
 * command writing the same codes to PNG files in the same run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "label-render.h"

#include <glib/gstdio.h>
#include <stdio.h>

#define N_LABELS 10000

static double
run_qrencode (const SuyuanLabelJob *job,
              const char           *dir,
              guint                 n)
{
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *png = g_build_filename (dir, "anchor.png", NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *argv[] = { "qrencode", "-l", "M", "-o", png, job->payloads->pdata[i], NULL };
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_error ("qrencode: %s", error->message);
    }
  return g_timer_elapsed (timer, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autofree char *pdf = g_build_filename (dir, "labels.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(SuyuanLabelJob) job = NULL;
  double reserve, ours[2], anchor;
  const char *templates[] = { "a4-4x10", "roll-40x30" };

  job = suyuan_label_job_new (store, "PR-MILK", "A2611", N_LABELS, SUYUAN_LABEL_PER_ITEM, NULL, &error);
  g_assert_no_error (error);
  reserve = g_timer_elapsed (timer, NULL);
  printf ("reserve %d serials + units + outbox: %.2f s\n", N_LABELS, reserve);
  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      const SuyuanLabelTemplate *tmpl = suyuan_label_template_find (templates[t]);
      GStatBuf st;

      g_timer_start (timer);
      if (!suyuan_label_write_pdf (job, tmpl, pdf, NULL, NULL, &error))
        g_error ("%s", error->message);
      ours[t] = g_timer_elapsed (timer, NULL) + reserve;
      g_stat (pdf, &st);
      printf ("suyuan %s: %d labels to PDF in %.2f s = %.0f labels/s (%.1f MB)\n", templates[t], N_LABELS,
              ours[t], N_LABELS / ours[t], st.st_size / 1e6);
    }
  anchor = run_qrencode (job, dir, N_LABELS);
  printf ("anchor: qrencode command, %d PNGs in %.2f s = %.0f codes/s\n", N_LABELS, anchor, N_LABELS / anchor);
  for (gsize t = 0; t < G_N_ELEMENTS (templates); t++)
    printf ("ratio: suyuan %s (text and PDF included) runs at %.1f× the qrencode loop\n",
            templates[t], anchor / ours[t]);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
