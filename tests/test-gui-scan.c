/* test-gui-scan.c — scanning into the real window under Xvfb: keyboard-wedge
 * bursts wherever the focus is, never mixed with hand typing; feedback.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "test-support.h"
#include "paths.h"

#include <cairo.h>
#include <qrencode.h>
#include <glib/gi18n.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanVerdictBanner *banner;
  const char *expected_title;
} Ctx;

static gboolean
banner_shows (gpointer data)
{
  Ctx *c = data;

  return g_strcmp0 (suyuan_verdict_banner_get_title (c->banner), c->expected_title) == 0;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Ctx *) data)->window));
}

static void
expect_banner (Ctx        *c,
               const char *title,
               const char *what)
{
  c->expected_title = title;
  if (!gui_wait_until (banner_shows, c, 10000))
    g_error ("after %s the banner says “%s”, expected “%s”", what,
             suyuan_verdict_banner_get_title (c->banner), title);
}

static const char *
focused_text (Ctx *c)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (c->window));

  g_assert_true (GTK_IS_EDITABLE (focus));
  return gtk_editable_get_text (GTK_EDITABLE (focus));
}

static void
test_wedge (SuyuanApplication *app,
            Ctx               *c)
{
  SuyuanCheckPage *page = suyuan_window_get_check_page (c->window);
  SuyuanScanFeedback *feedback = suyuan_window_get_scan_feedback (c->window);
  g_autofree char *shot = NULL;
  guint sounds;

  /* Generous for a loaded machine: xdotool bursts are ~3 ms a key, people 250. */
  suyuan_wedge_input_set_max_gap_ms (suyuan_window_get_wedge_input (c->window), 120);
  suyuan_check_page_focus_entry (page);

  /* Someone starts typing a code by hand, and a scan arrives halfway. */
  gui_xdotool_type (GTK_WINDOW (c->window), "690", 250);
  g_assert_cmpstr (focused_text (c), ==, "690");
  sounds = suyuan_scan_feedback_get_n_sounds (feedback);
  gui_xdotool_type (GTK_WINDOW (c->window), "4006381333931\n", 3);
  expect_banner (c, _("Unknown code"), "a scanner burst into a half-typed field");
  /* The scan took nothing from and left nothing in what the person typed. */
  g_assert_cmpstr (focused_text (c), ==, "690");
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (c->banner), "scan-flash"));
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-wedge-unknown");
  g_test_message ("screenshot: %s", shot);

  /* The person finishes by hand: slow typing and Enter are the entry's. */
  gui_xdotool_type (GTK_WINDOW (c->window), "1234567908\n", 200);
  expect_banner (c, _("OK — may be sold"), "finishing the code by hand");
  g_assert_cmpstr (focused_text (c), ==, "");

  /* Focus away from any field: a scan still lands, STOP raises the alarm. */
  gtk_root_set_focus (GTK_ROOT (c->window), NULL);
  sounds = suyuan_scan_feedback_get_n_sounds (feedback);
  gui_xdotool_type (GTK_WINDOW (c->window), "0106901234567892" "17250331" "10A2501\n", 3);
  expect_banner (c, _("STOP — must not be sold"), "a scan with no field focused");
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (c->banner), "scan-flash-stop"));
  g_clear_pointer (&shot, g_free);
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-wedge-stop");
  g_test_message ("screenshot: %s", shot);
}

/* Renders @text as a QR code on white paper, as a camera would see a label. */
static char *
render_qr (const char *dir,
           const char *name,
           const char *text)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  const int module = 8, margin = 60;
  int side;
  cairo_surface_t *surface;
  cairo_t *cr;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_nonnull (qr);
  side = qr->width * module + 2 * margin;
  /* 640 × 480 like a webcam frame; the code sits off-centre. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 480);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.93, 0.92, 0.88);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 120, 40, side, side);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.05, 0.05, 0.1);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        cairo_rectangle (cr, 120 + margin + x * module, 40 + margin + y * module, module, module);
  cairo_fill (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  QRcode_free (qr);
  return path;
}

typedef struct {
  SuyuanCamera *camera;
  guint min;
  SuyuanScanFeedback *sounds;
  guint min_sounds;
} Decoded;

static gboolean
camera_decoded (gpointer data)
{
  Decoded *d = data;

  return suyuan_camera_get_n_decoded (d->camera) >= d->min;
}

static gboolean
sounds_reached (gpointer data)
{
  Decoded *d = data;

  return suyuan_scan_feedback_get_n_sounds (d->sounds) >= d->min_sounds;
}

/* Whether @widget lies wholly inside the scrolled window's viewport. */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t r;

  if (!gtk_widget_compute_bounds (widget, scroller, &r))
    return FALSE;
  g_test_message ("%s: %.0f to %.0f of %d", G_OBJECT_TYPE_NAME (widget), r.origin.y,
                  r.origin.y + r.size.height, gtk_widget_get_height (scroller));
  return r.origin.y >= -1 && r.origin.y + r.size.height <= gtk_widget_get_height (scroller) + 1;
}

/* Read further down with the camera on at 480 × 800 (a little, the verdict still in
 * sight, or down to the trace chain), then a new scan: the preview the
 * inspector aims with comes back into view, and so does the verdict. */
static guint
check_preview_stays (Ctx              *c,
                     SuyuanCheckPage  *page,
                     SuyuanCameraView *view)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                                              GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
  static const char *const codes[] = { "81234560000000011234", "0106901234567892" "17250331" "10A2501" };

  gui_wait_ms (300);
  g_assert_true (in_view (GTK_WIDGET (view)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj) + 300);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *shot = NULL;
      g_autofree char *name = g_strdup_printf ("scan-camera-rescan-%u", i);

      gtk_adjustment_set_value (adj, i == 0 ? 300 : gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
      gui_wait_ms (300);
      g_assert_false (in_view (GTK_WIDGET (view)));
      suyuan_window_scanned (c->window, codes[i]);
      gui_wait_ms (300);
      shot = gui_screenshot (GTK_WINDOW (c->window), name);
      g_test_message ("screenshot: %s", shot);
      g_assert_true (in_view (GTK_WIDGET (view)));
      g_assert_true (in_view (GTK_WIDGET (c->banner)));
    }
  return G_N_ELEMENTS (codes);
}

static void
test_camera (SuyuanApplication *app,
             Ctx               *c)
{
  SuyuanCheckPage *page = suyuan_window_get_check_page (c->window);
  SuyuanCameraView *view = suyuan_check_page_get_camera_view (page);
  SuyuanScanFeedback *feedback = suyuan_window_get_scan_feedback (c->window);
  const char *dir = g_object_get_data (G_OBJECT (app), "dir");
  g_autofree char *png = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *shot = NULL;
  Decoded d = { suyuan_camera_view_get_camera (view), 0, NULL, 0 };
  guint sounds = suyuan_scan_feedback_get_n_sounds (feedback);

  /* A recorded frame of expired milk, held in front of the camera. */
  png = render_qr (dir, "milk.png", "0106901234567892" "17250331" "10A2501");
  pipeline = g_strdup_printf ("filesrc location=\"%s\" ! pngdec ! imagefreeze is-live=true", png);
  g_setenv ("SUYUAN_CAMERA_PIPELINE", pipeline, TRUE);
  suyuan_check_page_show_camera (page, TRUE);
  expect_banner (c, _("STOP — must not be sold"), "showing a code to the camera");
  g_assert_cmpstr (suyuan_camera_view_get_state (view), ==, "preview");
  /* Held in view for many frames: still exactly one scan. */
  d.min = suyuan_camera_get_n_decoded (d.camera) + 10;
  g_assert_true (gui_wait_until (camera_decoded, &d, 20000));
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
  g_assert_cmpuint (suyuan_camera_view_get_n_frames (view), >, 0);
  g_test_message ("camera: %u frames decoded, %u shown", suyuan_camera_get_n_decoded (d.camera),
                  suyuan_camera_view_get_n_frames (view));
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-camera");
  g_test_message ("screenshot: %s", shot);
  /* Each of those scans sounded once. */
  sounds += check_preview_stays (c, page, view);
  /* And on a desktop-sized window. */
  gtk_window_set_default_size (GTK_WINDOW (c->window), 1100, 860);
  gui_wait_ms (300);
  g_clear_pointer (&shot, g_free);
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-camera-desktop");
  g_test_message ("screenshot: %s", shot);
  gtk_window_set_default_size (GTK_WINDOW (c->window), 480, 800);

  /* Hidden, the camera stops; shown again, the code is a new scan. */
  suyuan_check_page_show_camera (page, FALSE);
  gui_wait_ms (600);
  g_assert_false (suyuan_camera_is_running (d.camera));
  suyuan_check_page_show_camera (page, TRUE);
  d.min = suyuan_camera_get_n_decoded (d.camera) + 3;
  g_assert_true (gui_wait_until (camera_decoded, &d, 20000));
  /* Decoded in the camera's thread, judged on the main thread a moment later. */
  d.sounds = feedback;
  d.min_sounds = sounds + 2;
  g_assert_true (gui_wait_until (sounds_reached, &d, 5000));
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 2);
  suyuan_check_page_show_camera (page, FALSE);
  g_unsetenv ("SUYUAN_CAMERA_PIPELINE");
}

static gboolean
view_in_state (gpointer data)
{
  return g_strcmp0 (suyuan_camera_view_get_state (data), "no-camera") == 0;
}

static void
test_no_camera (SuyuanApplication *app,
                Ctx               *c)
{
  SuyuanCheckPage *page = suyuan_window_get_check_page (c->window);
  SuyuanCameraView *view = suyuan_check_page_get_camera_view (page);
  g_autolist(GstDevice) devices = suyuan_camera_list_devices ();
  g_autofree char *shot = NULL;

  if (devices != NULL)
    {
      g_test_message ("this machine has a camera: no-camera state not checked");
      return;
    }
  g_unsetenv ("SUYUAN_CAMERA_PIPELINE");
  suyuan_check_page_show_camera (page, TRUE);
  g_assert_true (gui_wait_until (view_in_state, view, 5000));
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-no-camera");
  g_test_message ("screenshot: %s", shot);
  suyuan_check_page_show_camera (page, FALSE);
}

typedef struct {
  guint no_code;
  guint failed;
} ImageCounts;

static void
count_no_code (SuyuanImageInput *input, const char *name, ImageCounts *counts)
{
  counts->no_code++;
}

static void
count_failed (SuyuanImageInput *input, const char *message, ImageCounts *counts)
{
  counts->failed++;
}

static gboolean
image_idle (gpointer data)
{
  return suyuan_image_input_get_n_busy (data) == 0;
}

static void
test_image_file (SuyuanApplication *app,
                 Ctx               *c)
{
  SuyuanImageInput *input = suyuan_window_get_image_input (c->window);
  SuyuanScanFeedback *feedback = suyuan_window_get_scan_feedback (c->window);
  const char *dir = g_object_get_data (G_OBJECT (app), "dir");
  g_autofree char *water = render_qr (dir, "water.png", "6901234567908");
  g_autofree char *text_path = g_build_filename (dir, "not-an-image.png", NULL);
  g_autofree char *blank_path = g_build_filename (dir, "blank.png", NULL);
  g_autoptr(GFile) water_file = g_file_new_for_path (water);
  g_autoptr(GFile) text_file = g_file_new_for_path (text_path);
  g_autoptr(GFile) blank_file = g_file_new_for_path (blank_path);
  cairo_surface_t *blank = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 240);
  g_autofree char *shot = NULL;
  ImageCounts counts = { 0 };
  guint sounds = suyuan_scan_feedback_get_n_sounds (feedback);

  g_signal_connect (input, "no-code", G_CALLBACK (count_no_code), &counts);
  g_signal_connect (input, "failed", G_CALLBACK (count_failed), &counts);
  /* The very call the file chooser makes with the chosen file. */
  suyuan_image_input_open_file (input, water_file);
  expect_banner (c, _("OK — may be sold"), "opening a photo of a code");
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);

  /* A photo with no code, and a file that is no image: told, nothing checked. */
  cairo_surface_write_to_png (blank, blank_path);
  cairo_surface_destroy (blank);
  g_assert_true (g_file_set_contents (text_path, "<b>not a png</b>", -1, NULL));
  suyuan_image_input_open_file (input, blank_file);
  suyuan_image_input_open_file (input, text_file);
  g_assert_true (gui_wait_until (image_idle, input, 10000));
  g_assert_cmpuint (counts.no_code, ==, 1);
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 1);
  g_assert_cmpstr (suyuan_verdict_banner_get_title (c->banner), ==, _("OK — may be sold"));
  g_signal_handlers_disconnect_by_data (input, &counts);

  /* A screenshot of a label pasted from another app: the real clipboard path. */
  {
    g_autofree char *unknown = render_qr (dir, "unknown.png", "4006381333931");
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (unknown, NULL);

    g_assert_nonnull (texture);
    gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (c->window)), texture);
    gtk_widget_activate_action (GTK_WIDGET (c->window), "win.paste-image", NULL);
    expect_banner (c, _("Unknown code"), "pasting an image of a code");
    g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 2);
  }
  shot = gui_screenshot (GTK_WINDOW (c->window), "scan-image-no-code");
  g_test_message ("screenshot: %s", shot);
}

static gboolean
claim_scan (SuyuanWindow *window,
            const char   *payload,
            char        **claimed)
{
  g_free (*claimed);
  *claimed = g_strdup (payload);
  return TRUE;
}

static void
test_scan_claimed (SuyuanApplication *app,
                   Ctx               *c)
{
  g_autofree char *claimed = NULL;
  const char *before = suyuan_verdict_banner_get_title (c->banner);
  gulong id = g_signal_connect (c->window, "scan", G_CALLBACK (claim_scan), &claimed);

  /* A page that takes scans itself gets them, and the Check page does not. */
  gtk_widget_activate_action (GTK_WIDGET (c->window), "win.scan", "s", "6901234567908");
  g_assert_cmpstr (claimed, ==, "6901234567908");
  g_assert_cmpstr (suyuan_verdict_banner_get_title (c->banner), ==, before);
  g_signal_handler_disconnect (c->window, id);
}

static gboolean
scan_claimed (gpointer data)
{
  return *(char **) data != NULL;
}

/* A real photo from the shared corpus through the same pipeline, when the
 * corpus is there ($SUYUAN_CORPUS_PHOTOS). */
static void
test_camera_corpus (SuyuanApplication *app,
                    Ctx               *c)
{
  const char *corpus = g_getenv ("SUYUAN_CORPUS_PHOTOS");
  SuyuanCheckPage *page = suyuan_window_get_check_page (c->window);
  g_autofree char *photo = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *claimed = NULL;
  gulong id;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_message ("no photo corpus: real-photo camera step skipped");
      return;
    }
  photo = g_build_filename (corpus, "qrcode-1", "13.png", NULL);
  {
    g_autofree char *txt = g_build_filename (corpus, "qrcode-1", "13.txt", NULL);

    g_assert_true (g_file_get_contents (txt, &expected, NULL, NULL));
    g_strchomp (expected);
  }
  pipeline = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! videoconvert ! imagefreeze is-live=true", photo);
  g_setenv ("SUYUAN_CAMERA_PIPELINE", pipeline, TRUE);
  id = g_signal_connect (c->window, "scan", G_CALLBACK (claim_scan), &claimed);
  suyuan_check_page_show_camera (page, TRUE);
  g_assert_true (gui_wait_until (scan_claimed, &claimed, 20000));
  g_assert_cmpstr (claimed, ==, expected);
  suyuan_check_page_show_camera (page, FALSE);
  g_signal_handler_disconnect (c->window, id);
  g_unsetenv ("SUYUAN_CAMERA_PIPELINE");
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           dir)
{
  Ctx c = { 0 };

  g_object_set_data (G_OBJECT (app), "dir", dir);

  c.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (c.window);
  gtk_window_set_default_size (GTK_WINDOW (c.window), 480, 800);
  g_assert_true (gui_wait_until (window_mapped, &c, 10000));
  c.banner = suyuan_check_page_get_banner (suyuan_window_get_check_page (c.window));
  /* One app run for all steps: each leaves the window as it found it. */
  test_wedge (app, &c);
  test_image_file (app, &c);
  test_no_camera (app, &c);
  test_camera (app, &c);
  test_scan_claimed (app, &c);
  test_camera_corpus (app, &c);
  g_application_quit (G_APPLICATION (app));
}

static void
test_scanning (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  gui_run_app (store_path, NULL, run_scenario, dir);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/scan/wedge-image-camera", test_scanning);
  return g_test_run ();
}
