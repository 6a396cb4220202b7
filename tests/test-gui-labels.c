/* test-gui-labels.c — the Labels page end to end under Xvfb: generate a
 * sheet, wait for the check by decoding, export through GtkPrintOperation and
 * read every cell of that PDF back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "label-check.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "test-support.h"
#include "paths.h"

#include <string.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanLabelsPage *page;
  char *dir;
} Scenario;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Scenario *) data)->window));
}

static gboolean
page_checked (gpointer data)
{
  return suyuan_labels_page_is_checked (((Scenario *) data)->page);
}

static gboolean
window_width_is (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (((Scenario *) data)->window)) <= 480;
}

/* What poppler made of the printed PDF, kept beside the screenshots to look at. */
static void
keep_page_picture (const char *pdf)
{
  g_autofree char *picture = g_strconcat (pdf, "-page1.png", NULL);
  g_autofree char *name = g_strdup_printf ("labels-printed-%s.png",
                                           g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en");
  g_autofree char *dest = g_build_filename (g_getenv ("SUYUAN_SCREENSHOT_DIR") ? g_getenv ("SUYUAN_SCREENSHOT_DIR") : ".",
                                            name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (picture);
  g_autoptr(GFile) to = g_file_new_for_path (dest);

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
}

static void
run_scenario (SuyuanApplication *suyuan_app,
              gpointer           data)
{
  Scenario *s = data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  const SuyuanLabelTemplate *tmpl = suyuan_label_template_find ("a4-3x7");
  g_autofree char *pdf = g_build_filename (s->dir, "printed.pdf", NULL);
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;
  const SuyuanLabelJob *job;
  GtkWidget *stack;

  s->window = SUYUAN_WINDOW (gtk_application_get_active_window (app));
  g_assert_nonnull (s->window);
  gtk_window_set_default_size (GTK_WINDOW (s->window), 1100, 900);
  g_assert_true (gui_wait_until (window_mapped, s, 10000));
  s->page = suyuan_window_get_labels_page (s->window);
  stack = gtk_widget_get_ancestor (GTK_WIDGET (s->page), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "labels");

  g_assert_true (suyuan_labels_page_choose (s->page, "PR-MILK", "A2611", 21, "a4-3x7"));
  /* A recalled batch is not offered at all. */
  g_assert_false (suyuan_labels_page_choose (s->page, "PR-AMOX", "250901", 21, "a4-3x7"));
  g_assert_true (suyuan_labels_page_choose (s->page, "PR-MILK", "A2611", 21, "a4-3x7"));
  g_assert_true (suyuan_labels_page_generate (s->page, &error));
  g_assert_no_error (error);
  g_assert_true (gui_wait_until (page_checked, s, 60000));
  job = suyuan_labels_page_get_job (s->page);
  g_assert_cmpuint (job->count, ==, 21);
  count = g_strdup_printf ("%u", job->count);
  g_assert_nonnull (strstr (suyuan_labels_page_get_status (s->page), count));
  g_test_message ("status: %s", suyuan_labels_page_get_status (s->page));
  g_free (gui_screenshot (GTK_WINDOW (s->window), "labels-desktop"));

  /* The same path as the Print button, exporting instead of printing. */
  g_assert_true (suyuan_labels_page_print (s->page, pdf, &error));
  g_assert_no_error (error);
  label_check_pdf_page (pdf, tmpl, job);
  keep_page_picture (pdf);

  gtk_window_set_default_size (GTK_WINDOW (s->window), 480, 800);
  gui_wait_until (window_width_is, s, 5000);
  gui_wait_ms (300);
  g_free (gui_screenshot (GTK_WINDOW (s->window), "labels-narrow"));
  g_application_quit (G_APPLICATION (app));
}

static void
test_labels_page (void)
{
  Scenario s = { 0 };
  g_autofree char *store_path = NULL;
  SuyuanStore *store;

  s.dir = test_dir_new ();
  store = test_open_demo_store (s.dir, &store_path);
  /* Expired batches are not offered: keep the one printed here valid. */
  g_assert_true (suyuan_store_exec (store, "UPDATE batches SET expiry_date = '2060-04-30'"
                                           " WHERE id = 'B-MILK-A2611'", NULL));
  suyuan_store_close (store);
  gui_run_app (store_path, NULL, run_scenario, &s);
  test_dir_free (s.dir);
}

int
main (int argc, char **argv)
{
  suyuan_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs an X display (run under xvfb-run)");
      return 77;
    }
  g_test_add_func ("/gui/labels-page", test_labels_page);
  return g_test_run ();
}
