/* gui-support.c — see gui-support.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-support.h"

#include <gdk/x11/gdkx.h>

static gboolean
timeout_reached (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gui_wait_until (GuiCondition cond,
                gpointer     data,
                guint        timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached, &timed_out);

  while (!(cond && cond (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return cond ? cond (data) : TRUE;
}

void
gui_wait_ms (guint ms)
{
  gui_wait_until (NULL, NULL, ms);
}

static void
on_exited (GObject      *proc,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (proc), result, NULL);
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
run_xdotool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  /* Keep the main loop turning while xdotool types, so GTK takes the keys. */
  g_subprocess_wait_async (proc, NULL, on_exited, &done);
  g_assert_true (gui_wait_until (flag_set, &done, 30000));
  g_assert_true (g_subprocess_get_successful (proc));
}

void
gui_scanner_type (GtkWindow  *window,
                  const char *text)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *line = g_strconcat (text, "\n", NULL);
  const char *move[] = { "xdotool", "mousemove", "--window", xid, "40", "40", NULL };
  /* `type` sends "\n" as Return in the same run: a second xdotool process
   * could start later than a scanner's burst allows on a busy machine. */
  const char *type[] = { "xdotool", "type", "--delay", "4", line, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* A scanner's keys come 4 ms apart, but on a loaded machine xdotool itself
   * may be descheduled for longer than the default 50 ms gap; a user with a
   * slow scanner raises the same setting. It stays raised for the rest of
   * the test: the tests of hand typing use gui_xdotool_type () on their own. */
  if (g_settings_get_uint (settings, "wedge-max-gap-ms") < 250)
    g_settings_set_uint (settings, "wedge-max-gap-ms", 250);
  run_xdotool (move);
  gui_wait_ms (100);
  run_xdotool (type);
}

void
gui_xdotool_type (GtkWindow  *window,
                  const char *text,
                  guint       delay_ms)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *move[] = { "xdotool", "mousemove", "--window", xid, "40", "40", NULL };
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  /* `xdotool key` with one keysym per character, so a final Return comes in
   * the same run and follows the last key as closely as a scanner's does. */
  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("key"));
  g_ptr_array_add (argv, g_strdup ("--delay"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", delay_ms));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_ptr_array_add (argv, g_strdup (c == '\n' ? "Return" : gdk_keyval_name (gdk_unicode_to_keyval (c))));
    }
  g_ptr_array_add (argv, NULL);
  run_xdotool (move);
  gui_wait_ms (50);
  run_xdotool ((const char *const *) argv->pdata);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
}

char *
gui_screenshot (GtkWindow  *window,
                const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  const char *dir = g_getenv ("SUYUAN_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0, height = 0;

  /* A window just mapped may have no frame yet: try again for a while. */
  for (int tries = 0; node == NULL && tries < 20; tries++)
    {
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GtkSnapshot) snapshot = NULL;
      gboolean painted = FALSE;
      gulong handler;

      if (tries > 0)
        gui_wait_ms (100);
      /* Wait for a fresh frame, else the paintable holds the stale render node. */
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
      gtk_widget_queue_draw (widget);
      gui_wait_until (flag_set, &painted, 2000);
      g_signal_handler_disconnect (clock, handler);

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir ? dir : ".", 0755);
  path = g_strdup_printf ("%s/%s-%s.png", dir ? dir : ".", name,
                          g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en");
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return g_steal_pointer (&path);
}

void
gui_key (GtkWindow  *window,
         const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *move[] = { "xdotool", "mousemove", "--window", xid, "40", "40", NULL };
  const char *key[] = { "xdotool", "key", keys, NULL };

  run_xdotool (move);
  gui_wait_ms (100);
  run_xdotool (key);
}

gboolean
gui_widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
width_is (gpointer data)
{
  GtkWidget **args = data;

  return ABS (gtk_widget_get_width (args[0]) - GPOINTER_TO_INT (args[1])) <= 24;
}

void
gui_resize_window (GtkWindow *window,
                   int        width,
                   int        height)
{
  gpointer args[2] = { window, GINT_TO_POINTER (width) };

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  if (!gui_wait_until (width_is, args, 5000))
    g_error ("window is %d px wide, expected %d", gtk_widget_get_width (GTK_WIDGET (window)), width);
}
