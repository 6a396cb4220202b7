/* bench-photo.c — what the shutter costs: the Take a Photo window's work
 * (PNG encode of a 1280×720 camera frame, written to a file; it runs in a
 * worker thread because it is slow) against the anchor measured in the same
 * run: one scanner decode pass over the same frame, which the camera does
 * for every frame anyway.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include "decoder.h"

#define WIDTH 1280
#define HEIGHT 720
#define ROUNDS 20

/* A textured scene (gradients and noise): PNG cannot shrink it to nothing. */
static guint8 *
make_frame (void)
{
  guint8 *rgb = g_malloc ((gsize) WIDTH * HEIGHT * 3);
  guint32 seed = 7;

  for (gsize i = 0; i < (gsize) WIDTH * HEIGHT; i++)
    {
      guint x = i % WIDTH, y = i / WIDTH;

      seed = seed * 1103515245 + 12345;
      rgb[i * 3] = (x / 5 + (seed >> 28)) & 0xff;
      rgb[i * 3 + 1] = (y / 3 + (seed >> 27)) & 0xff;
      rgb[i * 3 + 2] = ((x + y) / 7) & 0xff;
    }
  return rgb;
}

int
main (void)
{
  g_autofree guint8 *rgb = make_frame ();
  g_autofree guint8 *gray = g_malloc ((gsize) WIDTH * HEIGHT);
  g_autoptr(GBytes) bytes = g_bytes_new (rgb, (gsize) WIDTH * HEIGHT * 3);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (WIDTH, HEIGHT, GDK_MEMORY_R8G8B8, bytes, WIDTH * 3);
  g_autofree char *dir = g_dir_make_tmp ("suyuan-bench-photo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "photo.png", NULL);
  SuyuanDecodeOptions options;
  gint64 start, save_us, decode_us;
  gsize png_size = 0;

  for (gsize i = 0; i < (gsize) WIDTH * HEIGHT; i++)
    gray[i] = (rgb[i * 3] + rgb[i * 3 + 1] + rgb[i * 3 + 2]) / 3;
  suyuan_decode_options_init (&options);
  options.time_budget_ms = 150;    /* as the camera's decode thread */

  start = g_get_monotonic_time ();
  for (int i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);

      png_size = g_bytes_get_size (png);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), png_size, NULL));
    }
  save_us = (g_get_monotonic_time () - start) / ROUNDS;

  start = g_get_monotonic_time ();
  for (int i = 0; i < ROUNDS; i++)
    g_ptr_array_unref (suyuan_decode_gray (gray, WIDTH, HEIGHT, WIDTH, &options));
  decode_us = (g_get_monotonic_time () - start) / ROUNDS;

  g_print ("photo save (PNG %u kB):    %6.1f ms per photo\n", (guint) (png_size / 1024), save_us / 1000.0);
  g_print ("anchor, one decode pass: %6.1f ms per frame\n", decode_us / 1000.0);
  g_print ("ratio save / decode:     %6.2f\n", (double) save_us / MAX (decode_us, 1));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
