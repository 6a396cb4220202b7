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

#include <glib/gi18n.h>
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

static gboolean
editor_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
editor_closed (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
lot_typed (gpointer data)
{
  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (data)), "MB01");
}

static gboolean
batch_offered (gpointer data)
{
  Scenario *s = data;

  return suyuan_labels_page_choose (s->page, "PR-06901234567991", "MB01", 6, "roll-50x30");
}

typedef struct {
  SuyuanProductEditor *editor;
  const char *text;
} TypedInto;

static gboolean
text_arrived (gpointer data)
{
  TypedInto *t = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (t->editor));

  return GTK_IS_EDITABLE (focus) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), t->text) == 0;
}

/* Types @text into field @name of @editor, replacing what it held. */
static void
type_into (SuyuanProductEditor *editor,
           const char          *name,
           const char          *text)
{
  TypedInto t = { editor, text };

  suyuan_product_editor_focus_field (editor, name);
  gui_wait_ms (50);
  gui_key (GTK_WINDOW (editor), "ctrl+a");
  gui_xdotool_type (GTK_WINDOW (editor), text, 5);
  /* Every key must have arrived before the focus moves on. */
  g_assert_true (gui_wait_until (text_arrived, &t, 5000));
}

/* A producer adds a product through the editor, typed as they would, is told
 * what is wrong with a mistyped GTIN, fixes it, and prints labels for it. */
static void
add_product_and_print (Scenario *s)
{
  const SuyuanLabelTemplate *tmpl = suyuan_label_template_find ("roll-50x30");
  g_autofree char *pdf = g_build_filename (s->dir, "new-product.pdf", NULL);
  g_autoptr(SuyuanProductEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *lot_row;
  const SuyuanLabelJob *job;

  editor = g_object_ref (suyuan_labels_page_open_product_editor (s->page, FALSE));
  g_assert_true (gui_wait_until (editor_mapped, editor, 10000));
  /* Saving an empty form points at the name. */
  g_assert_false (suyuan_product_editor_save (editor));
  g_assert_cmpstr (suyuan_product_editor_get_error (editor), ==, _("Give the product a name"));

  type_into (editor, "name", "Mung bean cake");
  type_into (editor, "spec", "250 g");
  type_into (editor, "gtin", "6901234567992");
  type_into (editor, "shelf-life", "90");
  suyuan_product_editor_choose (editor, "food", "");
  type_into (editor, "new-producer", "Nanshan Foods");
  type_into (editor, "licence", "SC11111111111111");
  gui_wait_ms (100);
  g_assert_false (suyuan_product_editor_save (editor));
  gui_wait_ms (100);
  g_free (gui_screenshot (GTK_WINDOW (editor), "labels-product-error"));
  g_assert_cmpstr (suyuan_product_editor_get_error (editor), ==,
                   _("The GTIN’s check digit is wrong: check the number on the barcode"));

  type_into (editor, "gtin", "6901234567991");
  gui_wait_ms (100);
  g_assert_true (suyuan_product_editor_save (editor));
  g_assert_true (gui_wait_until (editor_closed, editor, 5000));

  /* A new lot typed on the page, then six labels that read back. */
  lot_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (s->page), SUYUAN_TYPE_LABELS_PAGE, "new_lot_row");
  gtk_window_present (GTK_WINDOW (s->window));
  gtk_widget_grab_focus (lot_row);
  gui_wait_ms (200);
  gui_xdotool_type (GTK_WINDOW (s->window), "MB01", 5);
  g_assert_true (gui_wait_until (lot_typed, lot_row, 5000));
  gui_key (GTK_WINDOW (s->window), "Return");
  g_assert_true (gui_wait_until (batch_offered, s, 5000));
  g_assert_true (suyuan_labels_page_generate (s->page, &error));
  g_assert_no_error (error);
  g_assert_true (gui_wait_until (page_checked, s, 60000));
  job = suyuan_labels_page_get_job (s->page);
  g_assert_cmpstr (job->gtin, ==, "06901234567991");
  g_assert_cmpstr (job->name, ==, "Mung bean cake");
  g_assert_cmpstr (job->producer, ==, "Nanshan Foods");
  g_assert_cmpint (job->shelf_life_days, ==, 90);
  g_assert_true (suyuan_labels_page_print (s->page, pdf, &error));
  g_assert_no_error (error);
  label_check_pdf_page (pdf, tmpl, job);
  g_free (gui_screenshot (GTK_WINDOW (s->window), "labels-new-product"));

  /* The editor on a phone-sized screen, opened on the product just made. */
  g_clear_object (&editor);
  editor = g_object_ref (suyuan_labels_page_open_product_editor (s->page, TRUE));
  gtk_window_set_default_size (GTK_WINDOW (editor), 480, 800);
  g_assert_true (gui_wait_until (editor_mapped, editor, 10000));
  gui_wait_ms (300);
  g_free (gui_screenshot (GTK_WINDOW (editor), "labels-product-narrow"));
  gtk_window_close (GTK_WINDOW (editor));
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer unused)
{
  GtkWindow *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* Print, as the user clicks it: a question, and Cancel prints nothing. */
static void
check_print_asks (Scenario *s)
{
  AdwMessageDialog *dialog;

  suyuan_labels_page_press_print (s->page);
  g_assert_true (gui_wait_until (message_dialog_shown, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (find_message_dialog ());
  g_assert_true (adw_message_dialog_has_response (dialog, "print"));
  g_free (gui_screenshot (GTK_WINDOW (dialog), "labels-placeholder-ask"));
  /* Cancel closes the question and prints nothing. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (gui_wait_until (message_dialog_shown, NULL, 300));
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

  /* No resolver named: the Print button asks before printing codes that lead nowhere. */
  g_assert_true (suyuan_labels_page_uses_placeholder (s->page));
  check_print_asks (s);

  /* The same path as the Print button, exporting instead of printing. */
  g_assert_true (suyuan_labels_page_print (s->page, pdf, &error));
  g_assert_no_error (error);
  label_check_pdf_page (pdf, tmpl, job);
  keep_page_picture (pdf);
  add_product_and_print (s);

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
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/labels-page", test_labels_page);
  return g_test_run ();
}
