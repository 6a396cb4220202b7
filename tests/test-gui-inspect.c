/* test-gui-inspect.c — the Inspect page end to end under Xvfb: pick the
 * assigned task, scan products as a hardware scanner types them, record an
 * action and a photo, finish, print the record to PDF; then start another
 * inspection by scanning a licence. Checks the store and the outbox.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "suyuan-inspect-page.h"
#include "suyuan-records-page.h"
#include "inspection.h"
#include "outbox.h"
#include "test-support.h"
#include "paths.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanInspectPage *page;
  char *dir;
  char *store_path;
  guint n_items;
} Scenario;

static gboolean
page_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Scenario *) data)->page));
}

static gboolean
items_reach (gpointer data)
{
  Scenario *s = data;
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (s->page);

  return inspection != NULL && inspection->items->len >= s->n_items;
}

static gboolean
inspection_open (gpointer data)
{
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (((Scenario *) data)->page);

  return inspection != NULL && inspection->finished_at == NULL;
}

static void
screenshot (Scenario   *s,
            const char *name)
{
  g_autofree char *path = NULL;

  gui_wait_ms (400);
  path = gui_screenshot (GTK_WINDOW (s->window), name);
  g_test_message ("screenshot: %s", path);
}

static void
check_stored (Scenario         *s,
              SuyuanInspection *inspection)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (s->store_path, &error);
  g_autoptr(SuyuanInspection) stored = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  stored = suyuan_inspection_load (store, inspection->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->result, ==, SUYUAN_RESULT_PASS);
  g_assert_cmpstr (stored->party_id, ==, "P-SHOP");
  g_assert_cmpstr (stored->inspector, ==, "王检查");
  g_assert_cmpuint (stored->items->len, ==, 3);
  g_assert_cmpint (suyuan_inspection_get_item (stored, 1)->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_cmpint (suyuan_inspection_get_item (stored, 1)->action, ==, SUYUAN_ACTION_SEALED);
  g_assert_cmpstr (suyuan_inspection_get_item (stored, 1)->notes, ==, "封存 12 盒");
  g_assert_cmpuint (suyuan_inspection_get_item (stored, 1)->photos->len, ==, 1);
  g_assert_cmpint (suyuan_inspection_get_item (stored, 2)->level, ==, SUYUAN_LEVEL_OK);
  g_assert_cmpstr (suyuan_inspection_get_item (stored, 3)->code, ==, "01069012345678921725033110A2501");

  /* Offline: the record waits in the outbox, unsent. */
  stmt = suyuan_store_prepare (store, "SELECT body FROM outbox WHERE kind = 'inspection' AND sent_at IS NULL", &error);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  body = suyuan_stmt_dup_text (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  g_assert_nonnull (strstr (body, inspection->uuid));
  g_assert_nonnull (strstr (body, "\"result\":\"pass\""));
  g_assert_nonnull (strstr (body, "\"override_reason\":\"企业当场销毁过期批次\""));
  g_assert_nonnull (strstr (body, "\"action\":\"sealed\""));
}

static void
check_printed (Scenario *s)
{
  g_autofree char *pdf = g_build_filename (s->dir, "record.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s/inspect-printed-%s", g_getenv ("SUYUAN_SCREENSHOT_DIR"),
                                             g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en");
  g_autoptr(GError) error = NULL;
  const char *to_text[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *to_png[] = { "pdftoppm", "-r", "60", "-png", "-singlefile", pdf, prefix, NULL };
  int status;

  /* The Print button's path, exporting instead of showing the dialog. */
  g_assert_true (suyuan_inspect_page_print (s->page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_nonnull (strstr (text, "惠民大药房（城东店）"));
  g_assert_nonnull (strstr (text, "浙CB5710288"));
  g_assert_nonnull (strstr (text, "81234560000000011234"));
  g_assert_nonnull (strstr (text, _("On-site Inspection Record")));
  g_assert_true (g_spawn_sync (NULL, (char **) to_png, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_test_message ("printed page: %s.png", prefix);
}

static gboolean
inspecting_market (gpointer data)
{
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (((Scenario *) data)->page);

  return inspection != NULL && g_strcmp0 (inspection->party_id, "P-MARKET") == 0;
}

/* The newest verdict and the finish button stay on screen at 480×800 however
 * far the list is scrolled: neither lives in the scrolling part. */
static void
check_reachable (Scenario *s)
{
  GtkWidget *banner = GTK_WIDGET (suyuan_inspect_page_get_banner (s->page));
  GtkWidget *finish = suyuan_inspect_page_get_finish_button (s->page);
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  int height = gtk_widget_get_height (GTK_WIDGET (s->window));
  graphene_rect_t bounds;

  g_assert_null (gtk_widget_get_ancestor (banner, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_null (gtk_widget_get_ancestor (finish, GTK_TYPE_SCROLLED_WINDOW));
  /* Scrolled to the end of the list, as after many scans. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (s->page), SUYUAN_TYPE_INSPECT_PAGE,
                                                                 "inspect_scroller"));
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  gui_wait_ms (300);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  gui_wait_ms (300);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, gtk_adjustment_get_page_size (adj));
  screenshot (s, "inspect-scrolled-narrow");
  g_assert_true (gtk_widget_compute_bounds (banner, GTK_WIDGET (s->window), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
  g_assert_true (gtk_widget_compute_bounds (finish, GTK_WIDGET (s->window), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
  g_assert_true (gtk_widget_get_mapped (finish));
}

static void
dialog_screenshot (AdwMessageDialog *dialog,
                   const char       *name)
{
  g_autofree char *path = NULL;

  gui_wait_ms (400);
  path = gui_screenshot (GTK_WINDOW (dialog), name);
  g_test_message ("screenshot: %s", path);
}

static AdwMessageDialog *
wait_dialog (Scenario     *s,
             GtkEditable **entry)
{
  AdwMessageDialog *dialog = suyuan_inspect_page_get_dialog (s->page, entry);

  g_assert_nonnull (dialog);
  gui_wait_ms (300);
  return dialog;
}

/* As a tap on the dialog's button: the answer, then the dialog goes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_wait_ms (100);
}

/* Finishing asks what is missing, one question at a time, and never lets a
 * STOP finding pass as 合格 without a reason. */
static void
finish_with_questions (Scenario *s)
{
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (s->page);
  GSettings *settings = suyuan_application_get_settings (SUYUAN_APPLICATION (
                          gtk_window_get_application (GTK_WINDOW (s->window))));
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  /* 放弃 asks first; Back keeps everything. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (s->page), SUYUAN_TYPE_INSPECT_PAGE,
                                                     "discard_button"), "clicked");
  dialog = wait_dialog (s, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Discard this inspection?"));
  dialog_screenshot (dialog, "inspect-discard-narrow");
  answer (dialog, "back");
  g_assert_true (inspection_open (s));
  g_assert_cmpuint (inspection->items->len, ==, 3);

  /* No name yet: asked where the user looks, then remembered. */
  g_assert_false (suyuan_inspect_page_finish (s->page, SUYUAN_RESULT_PASS));
  dialog = wait_dialog (s, &entry);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Who inspected?"));
  g_assert_nonnull (entry);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (entry, "王检查");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  dialog_screenshot (dialog, "inspect-name-narrow");
  answer (dialog, "save");
  {
    g_autofree char *remembered = g_settings_get_string (settings, "inspector-name");

    g_assert_cmpstr (remembered, ==, "王检查");
  }

  /* The expired milk (item 3) has no action: it is named before finishing. */
  dialog = wait_dialog (s, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Findings without an action"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "• 3. "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "A2501"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "• 1. "));
  dialog_screenshot (dialog, "inspect-unhandled-narrow");
  answer (dialog, "back");
  g_assert_true (inspection_open (s));
  g_assert_true (suyuan_inspect_page_set_action (s->page, 3, SUYUAN_ACTION_REMOVED, NULL));

  /* 合格 over a STOP needs a reason; without one it stays open. */
  g_assert_false (suyuan_inspect_page_finish (s->page, SUYUAN_RESULT_PASS));
  dialog = wait_dialog (s, &entry);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Compliant, although a product must not be sold?"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "override"));
  dialog_screenshot (dialog, "inspect-override-narrow");
  answer (dialog, "back");
  g_assert_true (inspection_open (s));
  g_assert_false (suyuan_inspect_page_finish (s->page, SUYUAN_RESULT_PASS));
  dialog = wait_dialog (s, &entry);
  gtk_editable_set_text (entry, "企业当场销毁过期批次");
  answer (dialog, "override");
  if (inspection->finished_at == NULL)
    g_error ("not finished: %s", suyuan_inspect_page_get_status (s->page));
  g_assert_cmpint (inspection->result, ==, SUYUAN_RESULT_PASS);
}

/* Records opens the finished inspection in full and prints it again. */
static void
check_in_records (Scenario *s)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (s->page), ADW_TYPE_VIEW_STACK));
  SuyuanRecordsPage *records = SUYUAN_RECORDS_PAGE (adw_view_stack_get_child_by_name (stack, "records"));
  g_autofree char *pdf = g_build_filename (s->dir, "reprint.pdf", NULL);
  g_autofree char *text = NULL, *printed = NULL;
  g_autoptr(GError) error = NULL;
  const char *to_text[] = { "pdftotext", "-layout", pdf, "-", NULL };
  GtkListBoxRow *row;
  SuyuanRecordRow *found = NULL;
  int status;

  adw_view_stack_set_visible_child_name (stack, "records");
  gui_wait_ms (200);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (suyuan_records_page_get_list (records), i)) != NULL; i++)
    {
      g_autofree char *kind = NULL;

      g_object_get (row, "kind", &kind, NULL);
      if (g_strcmp0 (kind, "inspection") == 0)
        {
          found = SUYUAN_RECORD_ROW (row);
          break;
        }
    }
  g_assert_nonnull (found);
  g_assert_true (suyuan_records_page_open (records, found));
  text = suyuan_record_detail_dup_text (suyuan_records_page_get_detail (records));
  g_test_message ("inspection record: %s", text);
  g_assert_nonnull (strstr (text, "惠民大药房（城东店）"));
  g_assert_nonnull (strstr (text, suyuan_inspection_result_label (SUYUAN_RESULT_PASS)));
  g_assert_nonnull (strstr (text, "企业当场销毁过期批次"));
  g_assert_nonnull (strstr (text, "王检查"));
  screenshot (s, "inspect-record-narrow");
  g_assert_true (suyuan_records_page_print (records, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &printed, NULL, &status, &error));
  g_assert_nonnull (strstr (printed, "惠民大药房（城东店）"));
  gtk_widget_activate_action (GTK_WIDGET (records), "records.back", NULL);
  adw_view_stack_set_visible_child_name (stack, "inspect");
  gui_wait_ms (200);
}

/* The next business: its licence scanned starts the inspection, which is in
 * the store at once (it would come back after a crash). */
static void
check_next_by_licence (Scenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanInspection) open = NULL;
  GtkEditable *search;

  gui_scanner_type (GTK_WINDOW (s->window), "JY13301020099887");
  g_assert_true (gui_wait_until (inspecting_market, s, 10000));
  g_assert_true (inspection_open (s));
  store = suyuan_store_open (s->store_path, &error);
  g_assert_no_error (error);
  open = suyuan_inspection_load_open (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (open);
  g_assert_cmpstr (open->party_name, ==, "城东农贸市场");
  g_assert_cmpstr (open->inspector, ==, "王检查");
  screenshot (s, "inspect-next-desktop");

  /* Discarded after the question; then part of the licence and Enter find it again. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (s->page), SUYUAN_TYPE_INSPECT_PAGE,
                                                     "discard_button"), "clicked");
  answer (wait_dialog (s, NULL), "discard");
  g_assert_null (suyuan_inspect_page_get_inspection (s->page));
  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (s->page), SUYUAN_TYPE_INSPECT_PAGE,
                                                        "search_entry"));
  gtk_editable_set_text (search, "0099887");
  g_signal_emit_by_name (search, "activate");
  g_assert_true (gui_wait_until (inspecting_market, s, 5000));
}

/* Every item row's save is committed (its "saved"). */
static gboolean
items_saved (gpointer data)
{
  Scenario *s = data;
  SuyuanInspection *inspection = suyuan_inspect_page_get_inspection (s->page);

  for (guint i = 0; inspection != NULL && i < inspection->items->len; i++)
    {
      int seq = ((SuyuanInspectionItem *) inspection->items->pdata[i])->seq;
      gboolean saved = FALSE;

      g_object_get (suyuan_inspect_page_get_item_row (s->page, seq), "saved", &saved, NULL);
      if (!saved)
        return FALSE;
    }
  return TRUE;
}

/* Notes recorded while the store is locked: kept and shown at once, the
 * row says "Saving…" until the commit, then it is saved, and in the store. */
static void
action_while_locked (Scenario *s)
{
  TestLock *lock = test_lock_hold (s->store_path, 1500);
  g_autofree char *text = NULL;
  gboolean saved = TRUE;
  gint64 start, took;
  sqlite3_stmt *stmt;
  SuyuanStore *store;

  start = g_get_monotonic_time ();
  g_assert_true (suyuan_inspect_page_set_action (s->page, 3, SUYUAN_ACTION_NONE, "货架第三层"));
  took = g_get_monotonic_time () - start;
  g_test_message ("notes with the store locked returned after %.1f ms", took / 1000.0);
  g_assert_cmpint (took, <, 1000 * 1000);
  g_object_get (suyuan_inspect_page_get_item_row (s->page, 3), "saved", &saved, "save-text", &text, NULL);
  g_assert_false (saved);
  g_assert_cmpstr (text, ==, _("Saving…"));
  gui_wait_ms (300);
  g_assert_true (test_lock_is_held (lock));
  screenshot (s, "inspect-saving");
  test_lock_join (lock);
  g_assert_true (gui_wait_until (items_saved, s, 10000));
  store = suyuan_application_get_store (SUYUAN_APPLICATION (g_application_get_default ()));
  stmt = suyuan_store_prepare (store, "SELECT notes FROM inspection_items WHERE inspection_uuid = ?1 AND seq = 3",
                               NULL);
  sqlite3_bind_text (stmt, 1, suyuan_inspect_page_get_inspection (s->page)->uuid, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "货架第三层");
  sqlite3_reset (stmt);
}

static void
run_scenario (SuyuanApplication *suyuan_app,
              gpointer           data)
{
  Scenario *s = data;
  GtkApplication *app = GTK_APPLICATION (suyuan_app);
  g_autofree char *photo = g_build_filename (s->dir, "shelf.png", NULL);
  SuyuanScanFeedback *feedback;
  SuyuanInspection *inspection;
  GtkListBoxRow *task_row;
  GtkWidget *stack;
  guint sounds;

  s->window = SUYUAN_WINDOW (gtk_application_get_active_window (app));
  feedback = suyuan_window_get_scan_feedback (s->window);
  /* Generous: on a loaded machine xdotool keys arrive late, unlike a scanner's. */
  suyuan_wedge_input_set_max_gap_ms (suyuan_window_get_wedge_input (s->window), 400);
  gtk_window_set_default_size (GTK_WINDOW (s->window), 1100, 860);
  stack = gtk_widget_get_ancestor (GTK_WIDGET (suyuan_window_get_check_page (s->window)), ADW_TYPE_VIEW_STACK);
  s->page = SUYUAN_INSPECT_PAGE (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), "inspect"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "inspect");
  g_assert_true (gui_wait_until (page_mapped, s, 10000));
  screenshot (s, "inspect-start-desktop");

  /* A new inspector takes the assigned task without naming themself first. */
  g_assert_cmpstr (gtk_editable_get_text (suyuan_inspect_page_get_inspector_entry (s->page)), ==, "");
  task_row = gtk_list_box_get_row_at_index (suyuan_inspect_page_get_task_list (s->page), 0);
  g_assert_nonnull (task_row);
  gtk_widget_activate (GTK_WIDGET (task_row));
  g_assert_true (inspection_open (s));
  inspection = suyuan_inspect_page_get_inspection (s->page);
  g_assert_cmpstr (inspection->party_name, ==, "惠民大药房（城东店）");

  /* Products arrive as a hardware scanner types them. */
  sounds = suyuan_scan_feedback_get_n_sounds (feedback);
  gui_scanner_type (GTK_WINDOW (s->window), "81234560000000011234");
  s->n_items = 1;
  if (!gui_wait_until (items_reach, s, 10000))
    {
      screenshot (s, "inspect-debug");
      g_error ("status '%s' visible %s", suyuan_inspect_page_get_status (s->page),
               adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)));
    }
  gui_scanner_type (GTK_WINDOW (s->window), "6901234567908");
  s->n_items = 2;
  g_assert_true (gui_wait_until (items_reach, s, 10000));
  gui_scanner_type (GTK_WINDOW (s->window), "0106901234567892" "17250331" "10A2501");
  s->n_items = 3;
  if (!gui_wait_until (items_reach, s, 10000))
    {
      screenshot (s, "inspect-debug");
      g_error ("status '%s' items %u check level %d focus %s", suyuan_inspect_page_get_status (s->page), inspection->items->len,
               suyuan_check_page_get_level (suyuan_window_get_check_page (s->window)),
               gtk_root_get_focus (GTK_ROOT (s->window)) ? G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (s->window))) : "none");
    }
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), ==, sounds + 3);
  g_assert_cmpint (suyuan_inspection_get_item (inspection, 1)->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_cmpint (suyuan_inspection_get_item (inspection, 3)->level, ==, SUYUAN_LEVEL_STOP);
  /* The last verdict reads as on Check: the big banner, STOP in words. */
  g_assert_cmpstr (suyuan_verdict_banner_get_title (suyuan_inspect_page_get_banner (s->page)), ==,
                   _("STOP — must not be sold"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (suyuan_inspect_page_get_banner (s->page)), "verdict-stop"));
  /* The Check page did not take them. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (s->page)));

  g_assert_true (suyuan_inspect_page_set_action (s->page, 1, SUYUAN_ACTION_SEALED, "封存 12 盒"));
  g_assert_true (g_file_set_contents (photo, "not really a png", -1, NULL));
  g_assert_true (suyuan_inspect_page_attach_photo (s->page, 1, photo));
  g_assert_true (gui_wait_until (items_saved, s, 10000));
  action_while_locked (s);
  /* The row shows what was kept: its properties, as the template binds them. */
  {
    g_autofree char *notes = NULL;
    int seq = 0, action = 0, level = 0;
    guint n_photos = 0;
    gboolean editable = FALSE;

    g_object_get (suyuan_inspect_page_get_item_row (s->page, 1), "seq", &seq, "action", &action,
                  "notes", &notes, "n-photos", &n_photos, "level", &level, "editable", &editable, NULL);
    g_assert_cmpint (seq, ==, 1);
    g_assert_cmpint (action, ==, SUYUAN_ACTION_SEALED);
    g_assert_cmpstr (notes, ==, "封存 12 盒");
    g_assert_cmpuint (n_photos, ==, 1);
    g_assert_cmpint (level, ==, SUYUAN_LEVEL_STOP);
    g_assert_true (editable);
  }
  screenshot (s, "inspect-items-desktop");
  gtk_window_set_default_size (GTK_WINDOW (s->window), 480, 800);
  screenshot (s, "inspect-items-narrow");
  check_reachable (s);

  finish_with_questions (s);
  check_stored (s, inspection);
  screenshot (s, "inspect-finished-narrow");
  check_printed (s);
  check_in_records (s);
  gtk_window_set_default_size (GTK_WINDOW (s->window), 1100, 860);
  screenshot (s, "inspect-finished-desktop");
  check_next_by_licence (s);
  g_application_quit (G_APPLICATION (app));
}

static void
test_inspect_page (void)
{
  Scenario s = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  SuyuanStore *store;

  s.dir = test_dir_new ();
  store = test_open_demo_store (s.dir, &s.store_path);
  g_assert_true (json_parser_load_from_data (parser,
      "{\"id\":\"T-7\",\"party_id\":\"P-SHOP\",\"kind\":\"random\",\"due_date\":\"2026-11-30\"}", -1, NULL));
  g_assert_true (suyuan_store_apply_entity (store, "inspection_task",
                                            json_node_get_object (json_parser_get_root (parser)), NULL));
  suyuan_store_close (store);
  gui_run_app (s.store_path, NULL, run_scenario, &s);
  g_free (s.store_path);
  test_dir_free (s.dir);
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/inspect-page", test_inspect_page);
  return g_test_run ();
}
