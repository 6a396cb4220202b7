/* bench-camera.c — does continuous decoding keep the preview smooth?
 * Runs the real camera pipeline on a live 1280×720 test source with no code
 * in it (the decoder's worst case: every pass runs, nothing ends it early),
 * first with decoding off (the anchor), then on, and prints preview frame
 * rates side by side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "suyuan-camera.h"

#define SECONDS 4

static void
count_frame (SuyuanCamera *camera, GBytes *rgb, int w, int h, int stride, guint *n)
{
  (*n)++;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
run (gboolean scanning,
     double  *preview_fps,
     double  *decoded_fps)
{
  g_autoptr(SuyuanCamera) camera = suyuan_camera_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  guint frames = 0;
  gint64 start;
  double seconds;

  suyuan_camera_set_scanning (camera, scanning);
  g_signal_connect (camera, "frame", G_CALLBACK (count_frame), &frames);
  if (!suyuan_camera_start (camera, &error))
    g_error ("camera: %s", error->message);
  start = g_get_monotonic_time ();
  g_timeout_add_seconds (SECONDS, quit_loop, loop);
  g_main_loop_run (loop);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  *preview_fps = frames / seconds;
  *decoded_fps = suyuan_camera_get_n_decoded (camera) / seconds;
  suyuan_camera_stop (camera);
}

int
main (void)
{
  double off_preview, off_decoded, on_preview, on_decoded;

  g_setenv ("SUYUAN_CAMERA_PIPELINE",
            "videotestsrc is-live=true pattern=ball ! video/x-raw,width=1280,height=720,framerate=30/1", TRUE);
  run (FALSE, &off_preview, &off_decoded);
  run (TRUE, &on_preview, &on_decoded);
  g_print ("source: 1280x720 at 30 fps, %d s per run\n", SECONDS);
  g_print ("preview, decoding off (anchor): %5.1f fps\n", off_preview);
  g_print ("preview, decoding on:           %5.1f fps  (%.2f x anchor)\n", on_preview,
           off_preview > 0 ? on_preview / off_preview : 0);
  g_print ("frames decoded:                 %5.1f fps  (%.2f of preview frames, %.0f ms each)\n",
           on_decoded, on_preview > 0 ? on_decoded / on_preview : 0,
           on_decoded > 0 ? 1000.0 / on_decoded : 0);
  return 0;
}
