/* test-gui-camera-choice.c — the camera the user chose is the one used next
 * time. Two cameras come from a GStreamer device provider registered here
 * (this machine has none); they stream videotestsrc through the real
 * pipeline, and the real device monitor finds them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "test-support.h"
#include "paths.h"

#include <gst/gst.h>

/* ---- two test cameras ---- */

typedef GstDevice TestCam;
typedef GstDeviceClass TestCamClass;
G_DEFINE_TYPE (TestCam, test_cam, GST_TYPE_DEVICE)

static GstElement *
test_cam_create_element (GstDevice  *device,
                         const char *name)
{
  GstElement *src = gst_element_factory_make ("videotestsrc", name);

  g_object_set (src, "is-live", TRUE, NULL);
  return src;
}

static void
test_cam_class_init (TestCamClass *klass)
{
  klass->create_element = test_cam_create_element;
}

static void
test_cam_init (TestCam *self)
{
}

static GstDevice *
test_cam_new (const char *name,
              const char *path)
{
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple ("video/x-raw");
  g_autoptr(GstStructure) props = gst_structure_new ("props", "device.path", G_TYPE_STRING, path, NULL);

  return g_object_new (test_cam_get_type (), "display-name", name, "device-class", "Video/Source",
                       "caps", caps, "properties", props, NULL);
}

typedef GstDeviceProvider TestCamProvider;
typedef GstDeviceProviderClass TestCamProviderClass;
G_DEFINE_TYPE (TestCamProvider, test_cam_provider, GST_TYPE_DEVICE_PROVIDER)

static GList *
test_cam_provider_probe (GstDeviceProvider *provider)
{
  GList *list = NULL;

  list = g_list_append (list, gst_object_ref_sink (test_cam_new ("Front camera", "/dev/video-test-1")));
  list = g_list_append (list, gst_object_ref_sink (test_cam_new ("Rear camera", "/dev/video-test-2")));
  return list;
}

static void
test_cam_provider_class_init (TestCamProviderClass *klass)
{
  klass->probe = test_cam_provider_probe;
  gst_device_provider_class_set_static_metadata (klass, "Test cameras", "Video/Source",
                                                 "Two cameras for tests", "Suyuan");
}

static void
test_cam_provider_init (TestCamProvider *self)
{
}

/* ---- the test ---- */

static GtkDropDown *
find_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
previewing (gpointer view)
{
  return g_strcmp0 (suyuan_camera_view_get_state (view), "preview") == 0
         && suyuan_camera_view_get_n_frames (view) > 0;
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  SuyuanWindow *window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  SuyuanCheckPage *page = suyuan_window_get_check_page (window);
  SuyuanCameraView *view = suyuan_check_page_get_camera_view (page);
  GSettings *settings = suyuan_application_get_settings (app);
  GtkDropDown *dropdown = find_dropdown (GTK_WIDGET (view));
  g_autofree char *saved = NULL;
  g_autofree char *shot = NULL;

  g_assert_true (gui_wait_until (mapped, window, 10000));
  g_assert_nonnull (dropdown);
  /* Saved last time: the rear camera, the second one found. */
  g_settings_set_string (settings, "camera-device", "/dev/video-test-2");
  suyuan_check_page_show_camera (page, TRUE);
  g_assert_true (gui_wait_until (previewing, view, 10000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  gui_wait_ms (200);
  shot = gui_screenshot (GTK_WINDOW (window), "camera-choice");
  g_test_message ("screenshot: %s", shot);

  /* The user picks the front camera: it is saved, and it streams. */
  gtk_drop_down_set_selected (dropdown, 0);
  saved = g_settings_get_string (settings, "camera-device");
  g_assert_cmpstr (saved, ==, "/dev/video-test-1");
  g_assert_true (gui_wait_until (previewing, view, 10000));

  /* Changed in Preferences: the view follows. */
  g_settings_set_string (settings, "camera-device", "/dev/video-test-2");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  /* A camera that is gone: the first one found, and the saved choice stays. */
  g_settings_set_string (settings, "camera-device", "/dev/video-gone");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "camera-device");
  g_assert_cmpstr (saved, ==, "/dev/video-gone");
  suyuan_check_page_show_camera (page, FALSE);
  g_application_quit (G_APPLICATION (app));
}

static void
test_camera_choice (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  g_unsetenv ("SUYUAN_CAMERA_PIPELINE");
  gui_run_app (store_path, NULL, run_scenario, NULL);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  gst_init (NULL, NULL);
  g_assert_true (gst_device_provider_register (NULL, "suyuantestcam", GST_RANK_PRIMARY,
                                               test_cam_provider_get_type ()));
  g_test_add_func ("/gui/camera-choice", test_camera_choice);
  return g_test_run ();
}
