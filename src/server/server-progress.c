/* server-progress.c — how far long work at server start has come.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-progress.h"

/* Read once: the mirror's catch-up starts a progress on every lookup. */
static gint64
interval_seconds (void)
{
  static gsize seconds_plus_one;

  if (g_once_init_enter (&seconds_plus_one))
    {
      const char *text = g_getenv ("SUYUAN_SERVER_PROGRESS_SECONDS");
      char *end = NULL;
      gint64 seconds = text && *text ? g_ascii_strtoll (text, &end, 10) : -1;

      if (seconds < 0 || *end != '\0')
        seconds = SERVER_PROGRESS_SECONDS;
      g_once_init_leave (&seconds_plus_one, (gsize) seconds + 1);
    }
  return (gint64) seconds_plus_one - 1;
}

void
server_progress_start (ServerProgress *progress,
                       const char     *what,
                       const char     *unit,
                       gint64          total)
{
  progress->what = what;
  progress->unit = unit;
  progress->total = total;
  progress->interval = interval_seconds () * G_USEC_PER_SEC;
  progress->started = g_get_monotonic_time ();
  progress->due = progress->started + progress->interval;
}

void
server_progress_update (ServerProgress *progress,
                        gint64          done)
{
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed = now - progress->started;
  g_autofree char *left = NULL;

  if (now < progress->due || progress->total <= 0)
    return;
  progress->due = now + progress->interval;
  done = CLAMP (done, 0, progress->total);
  /* The rest at the rate so far: the work is pages of like size. */
  if (done > 0)
    {
      gint64 rest = (gint64) ((double) elapsed * (progress->total - done) / done / G_USEC_PER_SEC);

      left = rest >= 120 ? g_strdup_printf (", about %" G_GINT64_FORMAT " min left", (rest + 59) / 60)
                         : g_strdup_printf (", about %" G_GINT64_FORMAT " s left", rest);
    }
  g_message ("%s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " %s (%d%%) in %" G_GINT64_FORMAT " s%s",
             progress->what, done, progress->total, progress->unit,
             (int) (100.0 * done / progress->total), elapsed / G_USEC_PER_SEC, left ? left : "");
}
