/* test-gui-photo.c — an inspector photographs a finding: the item's camera
 * button opens the Take a Photo window on a recorded camera frame, the
 * shutter saves that frame as a PNG in the photo folder and attaches it, and
 * the printed record counts the photo. The preview must not scan the code in
 * the picture, and the Check page's camera must not run at the same time.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-window.h"
#include "suyuan-check-page.h"
#include "suyuan-inspect-page.h"
#include "suyuan-photo-window.h"
#include "inspection.h"
#include "test-support.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

/* In the frame: a product code, which must not become a scan. */
#define FRAME_CODE "6901234567908"

typedef struct {
  SuyuanWindow *window;
  SuyuanInspectPage *page;
  SuyuanPhotoWindow *photo;
  char *dir;
  char *store_path;
  char *frame;
  guint min_frames;
} Scenario;

static gboolean
page_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Scenario *) data)->page));
}

static gboolean
item_added (gpointer data)
{
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (((Scenario *) data)->page);

  return inspection != NULL && inspection->items->len == 1;
}

static gboolean
frames_shown (gpointer data)
{
  Scenario *s = data;
  SuyuanCameraView *view = suyuan_photo_window_get_camera_view (s->photo);

  return suyuan_camera_view_get_n_frames (view) >= s->min_frames && suyuan_camera_view_get_texture (view) != NULL;
}

static gboolean
no_camera_shown (gpointer data)
{
  return g_strcmp0 (suyuan_camera_view_get_state (suyuan_photo_window_get_camera_view (data)), "no-camera") == 0;
}

static gboolean
not_saving (gpointer data)
{
  return !suyuan_photo_window_is_saving (data);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
screenshot (GtkWindow  *window,
            const char *name)
{
  g_autofree char *path = NULL;

  gui_wait_ms (300);
  path = gui_screenshot (window, name);
  g_test_message ("screenshot: %s", path);
}

/* A QR code as a camera would see it on the shelf (qrencode, 198 px: rows
 * of an odd byte count, so the frame's stride is padded). */
static char *
record_frame (const char *dir)
{
  g_autofree char *png = g_build_filename (dir, "frame.png", NULL);
  const char *argv[] = { "qrencode", "-s", "6", "-o", png, FRAME_CODE, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&png);
}

/* The saved photo is the frame itself: same size, and the code still reads. */
static void
check_photo_file (Scenario   *s,
                  const char *path)
{
  g_autoptr(GdkTexture) frame = gdk_texture_new_from_filename (s->frame, NULL);
  g_autoptr(GdkTexture) photo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = suyuan_photo_window_dir ();
  g_autofree char *out = NULL;
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "scan", "--text", path, NULL };
  GStatBuf st;

  photo = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (photo), ==, gdk_texture_get_width (frame));
  g_assert_cmpint (gdk_texture_get_height (photo), ==, gdk_texture_get_height (frame));
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (out), ==, FRAME_CODE);
}

static void
check_stored (Scenario         *s,
              SuyuanInspection *inspection,
              const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (s->store_path, &error);
  g_autoptr(SuyuanInspection) stored = NULL;
  g_autofree char *dir = suyuan_photo_window_dir ();
  g_autofree char *expected = g_strdup_printf ("%s/%s-1-1.png", dir, inspection->uuid);

  g_assert_true (g_str_has_prefix (dir, s->dir));
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpuint (suyuan_inspection_get_item (inspection, 1)->photos->len, ==, 1);
  g_assert_no_error (error);
  stored = suyuan_inspection_load (store, inspection->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->items->len, ==, 1);
  g_assert_cmpuint (suyuan_inspection_get_item (stored, 1)->photos->len, ==, 1);
  g_assert_cmpstr (suyuan_inspection_get_item (stored, 1)->photos->pdata[0], ==, path);
}

static void
check_printed (Scenario *s)
{
  g_autofree char *pdf = g_build_filename (s->dir, "record.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *one_photo = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", 1), 1);
  g_autoptr(GError) error = NULL;
  const char *to_text[] = { "pdftotext", "-layout", pdf, "-", NULL };

  g_assert_true (suyuan_inspect_page_print (s->page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, NULL, &error));
  g_assert_nonnull (strstr (text, one_photo));
}

/* The photo folder cannot be made (a file is in its way): the window says
 * where it tried, stays open, and the item keeps what it had. */
static void
check_unsaveable (Scenario *s)
{
  g_autofree char *dir = suyuan_photo_window_dir ();
  g_autofree char *aside = g_strconcat (dir, ".aside", NULL);
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (s->page);

  g_assert_cmpint (g_rename (dir, aside), ==, 0);
  g_assert_true (g_file_set_contents (dir, "in the way", -1, NULL));
  s->photo = SUYUAN_PHOTO_WINDOW (suyuan_inspect_page_take_photo (s->page, 1));
  g_object_add_weak_pointer (G_OBJECT (s->photo), (gpointer *) &s->photo);
  s->min_frames = 2;
  g_assert_true (gui_wait_until (frames_shown, s, 20000));
  g_assert_true (suyuan_photo_window_take (s->photo));
  g_assert_true (gui_wait_until (not_saving, s->photo, 20000));
  g_assert_nonnull (strstr (suyuan_photo_window_get_status (s->photo), dir));
  g_assert_cmpuint (suyuan_inspection_get_item (inspection, 1)->photos->len, ==, 1);
  screenshot (GTK_WINDOW (s->photo), "photo-unsaveable");
  gtk_window_close (GTK_WINDOW (s->photo));
  g_assert_true (gui_wait_until (is_null, &s->photo, 5000));
  g_assert_cmpint (g_unlink (dir), ==, 0);
  g_assert_cmpint (g_rename (aside, dir), ==, 0);
}

/* Without a camera the window says so and offers the file chooser; the
 * shutter does nothing but say why. */
static void
check_no_camera (Scenario *s)
{
  g_unsetenv ("SUYUAN_CAMERA_PIPELINE");
  s->photo = SUYUAN_PHOTO_WINDOW (suyuan_inspect_page_take_photo (s->page, 1));
  g_object_add_weak_pointer (G_OBJECT (s->photo), (gpointer *) &s->photo);
  g_assert_true (gui_wait_until (no_camera_shown, s->photo, 10000));
  screenshot (GTK_WINDOW (s->photo), "photo-no-camera");
  g_assert_false (suyuan_photo_window_take (s->photo));
  g_assert_cmpstr (suyuan_photo_window_get_status (s->photo), ==, _("No picture from the camera yet."));
  gtk_window_close (GTK_WINDOW (s->photo));
  g_assert_true (gui_wait_until (is_null, &s->photo, 5000));
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           data)
{
  Scenario *s = data;
  SuyuanCheckPage *check;
  SuyuanCamera *check_camera, *photo_camera;
  SuyuanInspection *inspection;
  GtkWidget *stack;
  g_autofree char *pipeline = NULL;
  g_autofree char *path = NULL;

  s->window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (s->window), 1100, 860);
  check = suyuan_window_get_check_page (s->window);
  check_camera = suyuan_camera_view_get_camera (suyuan_check_page_get_camera_view (check));
  pipeline = g_strdup_printf ("filesrc location=\"%s\" ! pngdec ! imagefreeze is-live=true", s->frame);
  g_setenv ("SUYUAN_CAMERA_PIPELINE", pipeline, TRUE);
  /* The Check page's camera left on, then the inspector goes to Inspect. */
  suyuan_check_page_show_camera (check, TRUE);
  stack = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_VIEW_STACK);
  s->page = SUYUAN_INSPECT_PAGE (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "inspect"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "inspect");
  g_assert_true (gui_wait_until (page_mapped, s, 10000));

  gtk_editable_set_text (suyuan_inspect_page_get_inspector_entry (s->page), "王检查");
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (suyuan_inspect_page_get_task_list (s->page), 0)));
  inspection = suyuan_inspect_page_get_inspection (s->page);
  g_assert_nonnull (inspection);
  gui_scanner_type (GTK_WINDOW (s->window), "81234560000000011234");
  g_assert_true (gui_wait_until (item_added, s, 10000));

  /* The camera button of the recalled drug. */
  s->photo = SUYUAN_PHOTO_WINDOW (suyuan_inspect_page_take_photo (s->page, 1));
  g_object_add_weak_pointer (G_OBJECT (s->photo), (gpointer *) &s->photo);
  photo_camera = suyuan_camera_view_get_camera (suyuan_photo_window_get_camera_view (s->photo));
  s->min_frames = 5;
  g_assert_true (gui_wait_until (frames_shown, s, 20000));
  /* One camera at a time, and the preview scans nothing. */
  g_assert_false (suyuan_camera_is_running (check_camera));
  g_assert_cmpuint (suyuan_camera_get_n_decoded (photo_camera), ==, 0);
  g_assert_cmpuint (inspection->items->len, ==, 1);
  gtk_window_set_default_size (GTK_WINDOW (s->photo), 900, 700);
  screenshot (GTK_WINDOW (s->photo), "photo-desktop");
  gtk_window_set_default_size (GTK_WINDOW (s->photo), 480, 800);
  screenshot (GTK_WINDOW (s->photo), "photo-narrow");

  /* Saved in a worker thread: the window closes once the photo is attached. */
  g_assert_true (suyuan_photo_window_take (s->photo));
  g_assert_true (gui_wait_until (is_null, &s->photo, 20000));
  g_assert_cmpuint (inspection->items->len, ==, 1);
  g_assert_cmpuint (suyuan_inspection_get_item (inspection, 1)->photos->len, ==, 1);
  path = g_strdup (suyuan_inspection_get_item (inspection, 1)->photos->pdata[0]);
  check_photo_file (s, path);
  check_stored (s, inspection, path);
  check_unsaveable (s);
  check_no_camera (s);
  screenshot (GTK_WINDOW (s->window), "photo-attached");

  /* The finding gets its action, or finishing would first ask about it. */
  g_assert_true (suyuan_inspect_page_set_action (s->page, 1, SUYUAN_ACTION_SEALED, NULL));
  g_assert_true (suyuan_inspect_page_finish (s->page, SUYUAN_RESULT_RECTIFY));
  check_printed (s);
  g_application_quit (G_APPLICATION (app));
}

static void
test_photo (void)
{
  Scenario s = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data_home = NULL;
  SuyuanStore *store;

  s.dir = test_dir_new ();
  /* The photo folder lives under the data dir: a fresh one, before GTK asks. */
  data_home = g_build_filename (s.dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  s.frame = record_frame (s.dir);
  store = test_open_demo_store (s.dir, &s.store_path);
  g_assert_true (json_parser_load_from_data (parser,
      "{\"id\":\"T-8\",\"party_id\":\"P-SHOP\",\"kind\":\"random\",\"due_date\":\"2026-11-30\"}", -1, NULL));
  g_assert_true (suyuan_store_apply_entity (store, "inspection_task",
                                            json_node_get_object (json_parser_get_root (parser)), NULL));
  suyuan_store_close (store);
  gui_run_app (s.store_path, NULL, run_scenario, &s);
  g_unsetenv ("SUYUAN_CAMERA_PIPELINE");
  g_free (s.frame);
  g_free (s.store_path);
  test_dir_free (s.dir);
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/inspect-photo", test_photo);
  return g_test_run ();
}
