/* test-gui-receive.c — receiving the demo delivery to P-SHOP in the real
 * window under Xvfb, the codes typed by the X server as a hand scanner
 * sends them: the tally, rejecting, finishing, and what the store and the
 * outbox hold afterwards.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gui-app.h"
#include "gui-support.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "suyuan-receive-page.h"
#include "suyuan-records-page.h"
#include "test-support.h"
#include "paths.h"

#include <glib/gi18n.h>

typedef struct {
  SuyuanWindow *window;
  SuyuanReceivePage *page;
  AdwViewStack *stack;
  guint n_scans;
  int width;
} Ctx;

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Ctx *) data)->window));
}

static gboolean
width_is (gpointer data)
{
  Ctx *c = data;

  return gtk_widget_get_width (GTK_WIDGET (c->window)) == c->width;
}

static gboolean
check_shown (gpointer data)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (((Ctx *) data)->stack), "check") == 0;
}

static guint
total_scans (Ctx *c)
{
  SuyuanReceipt *receipt = suyuan_receive_page_get_receipt (c->page);
  g_autoptr(JsonObject) json = NULL;

  if (receipt == NULL)
    return 0;
  json = suyuan_receipt_to_json (receipt);
  return (guint) json_object_get_int_member (json, "scans");
}

static gboolean
scan_counted (gpointer data)
{
  Ctx *c = data;

  return total_scans (c) > c->n_scans;
}

/* Every line's scans are committed (the rows' "saved"). */
static gboolean
all_saved (gpointer data)
{
  Ctx *c = data;
  SuyuanReceiveRow *row;

  for (guint i = 0; (row = suyuan_receive_page_get_row (c->page, i)) != NULL; i++)
    {
      gboolean saved = FALSE;

      g_object_get (row, "saved", &saved, NULL);
      if (!saved)
        return FALSE;
    }
  return TRUE;
}

static void
shot (Ctx        *c,
      const char *what)
{
  g_autofree char *name = g_strdup_printf ("receive-%s", what);
  g_autofree char *path = NULL;

  gui_wait_ms (300);
  path = gui_screenshot (GTK_WINDOW (c->window), name);
  g_test_message ("screenshot: %s", path);
}

static void
resize (Ctx *c,
        int  width,
        int  height)
{
  c->width = width;
  gtk_window_set_default_size (GTK_WINDOW (c->window), width, height);
  gui_wait_until (width_is, c, 5000);
}

/* Types @code and Return as a scanner does; waits until the receipt counted it
 * (@counts: whether the page counts it as a scan of goods). */
static void
scanner (Ctx        *c,
         const char *code,
         gboolean    counts)
{
  SuyuanScanFeedback *feedback = suyuan_window_get_scan_feedback (c->window);
  guint sounds = suyuan_scan_feedback_get_n_sounds (feedback);
  g_autofree char *typed = g_strconcat (code, "\n", NULL);

  c->n_scans = total_scans (c);
  gui_xdotool_type (GTK_WINDOW (c->window), typed, 3);
  if (counts && !gui_wait_until (scan_counted, c, 10000))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (c->window));

      shot (c, "failed-scan");
      g_error ("the receipt did not count %s (focus on %s, entry “%s”)", code,
               focus ? G_OBJECT_TYPE_NAME (focus) : "nothing",
               gtk_editable_get_text (GTK_EDITABLE (suyuan_receive_page_get_code_entry (c->page))));
    }
  if (!counts)
    gui_wait_ms (500);
  g_assert_true (gui_wait_until (all_saved, c, 10000));
  /* Every scan beeps, whether it counted or not; the Receive page stays. */
  g_assert_cmpuint (suyuan_scan_feedback_get_n_sounds (feedback), >, sounds);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (c->stack), ==, "receive");
}

static void
assert_row (Ctx        *c,
            guint       index,
            const char *part1,
            const char *part2)
{
  SuyuanReceiveRow *row = suyuan_receive_page_get_row (c->page, index);
  g_autofree char *text = NULL;
  guint row_index = G_MAXUINT;

  g_assert_nonnull (row);
  g_object_get (row, "text", &text, "index", &row_index, NULL);
  g_test_message ("row %u: %s", index, text);
  g_assert_cmpuint (row_index, ==, index);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, part1));
  if (part2)
    g_assert_nonnull (strstr (text, part2));
}


/* The first row of @kind on the Records page, or NULL. Also checks that
 * no row shows an internal id or a bare dash. */
static SuyuanRecordRow *
find_record_row (SuyuanRecordsPage *records,
                 const char        *kind)
{
  GtkListBox *list = suyuan_records_page_get_list (records);
  SuyuanRecordRow *found = NULL;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      g_autofree char *row_kind = NULL;
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      g_assert_true (SUYUAN_IS_RECORD_ROW (row));
      g_object_get (row, "kind", &row_kind, NULL);
      g_assert_null (strstr (title, "PR-"));
      g_assert_null (strstr (title, "P-SHOP"));
      g_assert_false (g_str_has_suffix (title, "· —"));
      if (found == NULL && g_strcmp0 (row_kind, kind) == 0)
        found = SUYUAN_RECORD_ROW (row);
    }
  return found;
}

/* Records: the receipt and its events in the history, searchable, exported. */
/* 再次打印 on a purchase-inspection record: the A4 record as a PDF (the
 * print dialog's own export), with what the law asks for. */
static void
print_receipt (Ctx        *c,
               const char *dir)
{
  SuyuanRecordsPage *records = SUYUAN_RECORDS_PAGE (adw_view_stack_get_child_by_name (c->stack, "records"));
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s/receipt-printed-%s", g_getenv ("SUYUAN_SCREENSHOT_DIR"),
                                             g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en");
  g_autofree char *text = NULL, *rejected = NULL;
  g_autoptr(GError) error = NULL;
  const char *to_text[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *to_png[] = { "pdftoppm", "-r", "60", "-png", "-singlefile", pdf, prefix, NULL };
  int status;

  g_assert_true (suyuan_records_page_print (records, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_test_message ("printed receipt: %s", text);
  rejected = g_strdup_printf (_("Rejected: %s"), "过期");  /* the reason wraps in its column */
  g_assert_nonnull (strstr (text, _("Purchase inspection record")));
  g_assert_nonnull (strstr (text, "九州医药物流有限公司"));
  g_assert_nonnull (strstr (text, "浙AA5710023"));
  g_assert_nonnull (strstr (text, "惠民大药房（城东店）"));
  g_assert_nonnull (strstr (text, "布洛芬缓释胶囊"));
  g_assert_nonnull (strstr (text, rejected));
  g_assert_true (g_spawn_sync (NULL, (char **) to_png, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_test_message ("printed page: %s.png", prefix);
}

static void
test_records (Ctx        *c,
              const char *dir)
{
  SuyuanRecordsPage *records = SUYUAN_RECORDS_PAGE (adw_view_stack_get_child_by_name (c->stack, "records"));
  g_autofree char *csv_path = g_build_filename (dir, "events.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *head = NULL;
  g_autofree char *received = NULL;
  g_autoptr(GError) error = NULL;

  adw_view_stack_set_visible_child_name (c->stack, "records");
  gui_wait_ms (200);
  /* The receipt and one receiving event per box and per yoghurt line. */
  g_assert_cmpuint (suyuan_records_page_get_n_rows (records), ==, 1 + 3);
  shot (c, "records-narrow");
  /* A row opens the purchase-inspection record in full. */
  {
    SuyuanRecordRow *row = find_record_row (records, "receipt");
    g_autofree char *text = NULL;
    gboolean synced = TRUE;

    g_assert_nonnull (row);
    g_object_get (row, "synced", &synced, NULL);
    g_assert_false (synced);
    g_signal_emit_by_name (suyuan_records_page_get_list (records), "row-activated", row);
    text = suyuan_record_detail_dup_text (suyuan_records_page_get_detail (records));
    g_test_message ("receipt record: %s", text);
    g_assert_nonnull (strstr (text, _("Purchase inspection record")));
    g_assert_nonnull (strstr (text, "九州医药物流有限公司"));
    g_assert_nonnull (strstr (text, "布洛芬缓释胶囊"));
    g_assert_nonnull (strstr (text, "过期 expired"));
    g_assert_nonnull (strstr (text, "浙AA5710023"));
    g_assert_nonnull (strstr (text, "惠民大药房（城东店）"));
    /* Dates as the locale writes them (zh_CN: 2025年3月31日), as everywhere. */
    {
      g_autoptr(GDateTime) expiry = g_date_time_new_local (2025, 3, 31, 0, 0, 0);
      g_autofree char *day = g_date_time_format (expiry, _("%Y-%m-%d"));

      g_assert_nonnull (strstr (text, day));
    }
    g_assert_null (strstr (text, "PR-IBU"));
    shot (c, "record-detail-narrow");
    print_receipt (c, dir);
    gtk_widget_activate_action (GTK_WIDGET (records), "records.back", NULL);
  }
  suyuan_records_page_search (records, "九州医药");
  g_assert_cmpuint (suyuan_records_page_get_n_rows (records), ==, 1);
  suyuan_records_page_search (records, "布洛芬");
  g_assert_cmpuint (suyuan_records_page_get_n_rows (records), ==, 1 + 2);
  suyuan_records_page_search (records, "100%_");
  g_assert_cmpuint (suyuan_records_page_get_n_rows (records), ==, 0);
  suyuan_records_page_search (records, NULL);
  resize (c, 1100, 860);
  shot (c, "records-desktop");
  g_assert_true (gui_export_and_wait (records, csv_path, TRUE));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  /* For a person: column names and event types in their language. */
  head = g_strdup_printf ("\xef\xbb\xbf%s,", _("Event ID"));
  received = g_strdup_printf (",%s,", _("Received"));
  g_assert_true (g_str_has_prefix (csv, head));
  g_assert_nonnull (strstr (csv, received));
  resize (c, 480, 800);
}

/* As a tap on one of the question's buttons: the answer, then it goes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_wait_ms (100);
}

/* Typed into the page's own code entry, as a person with no scanner does. */
static void
type_code (Ctx        *c,
           const char *code)
{
  GtkEntry *entry = suyuan_receive_page_get_code_entry (c->page);

  c->n_scans = total_scans (c);
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gui_wait_until (scan_counted, c, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

/* Receiving without a shipment asks who delivered, and records it. */
static void
test_ad_hoc (Ctx *c)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  SuyuanReceipt *receipt;

  adw_view_stack_set_visible_child_name (c->stack, "receive");
  gtk_widget_activate_action (GTK_WIDGET (c->page), "receive.ad-hoc", NULL);
  dialog = suyuan_receive_page_get_confirm_dialog (c->page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Who delivered the goods?"));
  g_assert_null (suyuan_receive_page_get_receipt (c->page));
  entry = suyuan_receive_page_get_confirm_entry (c->page);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "start"));
  gtk_editable_set_text (entry, "九州医药");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "start"));
  gui_wait_ms (300);
  g_free (gui_screenshot (GTK_WINDOW (dialog), "receive-supplier"));
  answer (dialog, "start");
  receipt = suyuan_receive_page_get_receipt (c->page);
  g_assert_nonnull (receipt);
  g_assert_cmpstr (suyuan_receipt_get_supplier_name (receipt), ==, "九州医药物流有限公司");
  shot (c, "ad-hoc-narrow");
  /* Nothing scanned yet: cancelling needs no question. */
  gtk_widget_activate_action (GTK_WIDGET (c->page), "receive.cancel", NULL);
  g_assert_null (suyuan_receive_page_get_confirm_dialog (c->page));
  g_assert_null (suyuan_receive_page_get_receipt (c->page));
}

static void
run_scenario (SuyuanApplication *app,
              gpointer           dir)
{
  Ctx c = { 0 };
  SuyuanStore *store = suyuan_application_get_store (app);
  SuyuanVerdictBanner *banner;
  AdwMessageDialog *dialog;
  GtkEntry *entry;

  c.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  resize (&c, 1100, 860);
  g_assert_true (gui_wait_until (window_mapped, &c, 10000));
  /* Generous: on a loaded machine xdotool keys arrive late, unlike a scanner's. */
  suyuan_wedge_input_set_max_gap_ms (suyuan_window_get_wedge_input (c.window), 400);
  c.stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (suyuan_window_get_check_page (c.window)),
                                                     ADW_TYPE_VIEW_STACK));
  c.page = SUYUAN_RECEIVE_PAGE (adw_view_stack_get_child_by_name (c.stack, "receive"));
  adw_view_stack_set_visible_child_name (c.stack, "receive");
  banner = suyuan_receive_page_get_banner (c.page);

  /* The delivery waiting for this shop (the 2 November one was received). */
  g_assert_cmpuint (suyuan_receive_page_get_n_shipments (c.page), ==, 1);
  shot (&c, "start-desktop");
  g_assert_true (suyuan_receive_page_start (c.page, 0));
  assert_row (&c, 0, "布洛芬缓释胶囊", "0 / 3");
  assert_row (&c, 1, "原味酸奶", "0 / 2");

  scanner (&c, "82345670000001041234", TRUE);
  scanner (&c, "82345670000001051234", TRUE);
  /* The same box again: a warning, not a third box. */
  scanner (&c, "82345670000001051234", TRUE);
  g_assert_cmpstr (suyuan_verdict_banner_get_title (banner), ==, _("OK — may be sold"));
  assert_row (&c, 0, "2 / 3", _("Duplicated code"));
  scanner (&c, "0106901234567922" "10Y2611", TRUE);
  assert_row (&c, 1, "1 / 2", _("Near expiry"));
  /* Expired milk nobody shipped: STOP, an extra line. */
  scanner (&c, "0106901234567892" "17250331" "10A2501", TRUE);
  g_assert_cmpstr (suyuan_verdict_banner_get_title (banner), ==, _("STOP — must not be sold"));
  assert_row (&c, 2, _("Not in the shipment"), _("Expired"));
  {
    int level = -1;
    gboolean rejected = TRUE;

    g_object_get (suyuan_receive_page_get_row (c.page, 2), "level", &level, "rejected", &rejected, NULL);
    g_assert_cmpint (level, ==, SUYUAN_LEVEL_STOP);
    g_assert_false (rejected);
  }
  /* A code nobody knows is not counted at all. */
  scanner (&c, "4006381333931", FALSE);
  g_assert_cmpstr (suyuan_verdict_banner_get_title (banner), ==, _("Unknown code"));
  g_assert_null (suyuan_receive_page_get_row (c.page, 3));
  /* Water nobody shipped, typed in the entry: a sound code, yet no green light. */
  type_code (&c, "6901234567908");
  g_assert_cmpstr (suyuan_verdict_banner_get_title (banner), ==, _("Warning — check before selling"));
  g_assert_nonnull (strstr (suyuan_verdict_banner_get_details (banner),
                            _("Not in this shipment: check the delivery note before taking it in")));
  assert_row (&c, 3, "天然饮用水", _("Not in the shipment"));
  /* The verdict stays in view and takes no caret. */
  g_assert_null (gtk_widget_get_ancestor (GTK_WIDGET (banner), GTK_TYPE_SCROLLED_WINDOW));
  g_assert_false (gtk_widget_get_can_focus (GTK_WIDGET (banner)));
  g_test_message ("summary: %s", suyuan_receive_page_get_summary (c.page));
  shot (&c, "tally-desktop");

  /* Finishing with the expired milk still accepted asks first; going back keeps it open. */
  gtk_widget_activate_action (GTK_WIDGET (c.page), "receive.finish", NULL);
  dialog = suyuan_receive_page_get_confirm_dialog (c.page);
  g_assert_nonnull (dialog);
  gui_wait_ms (300);
  g_free (gui_screenshot (GTK_WINDOW (dialog), "receive-confirm"));
  answer (dialog, "cancel");
  g_assert_nonnull (suyuan_receive_page_get_receipt (c.page));

  /* Reject the milk, with a reason, as the dialog asks. */
  gtk_widget_activate_action (GTK_WIDGET (c.page), "receive.reject", "i", 2);
  dialog = suyuan_receive_page_get_reject_dialog (c.page, &entry);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gui_wait_ms (200);
  gtk_editable_set_text (GTK_EDITABLE (entry), "过期 expired");
  g_free (gui_screenshot (GTK_WINDOW (dialog), "receive-reject"));
  adw_message_dialog_response (dialog, "reject");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  assert_row (&c, 2, _("Rejected"), "过期 expired");
  {
    gboolean rejected = FALSE;

    g_object_get (suyuan_receive_page_get_row (c.page, 2), "rejected", &rejected, NULL);
    g_assert_true (rejected);
  }
  /* The water goes back too; an empty reason is refused. */
  gtk_widget_activate_action (GTK_WIDGET (c.page), "receive.reject", "i", 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reject"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reject"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "无随货单");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reject"));
  adw_message_dialog_response (dialog, "reject");
  assert_row (&c, 3, _("Rejected"), "无随货单");

  resize (&c, 480, 800);
  shot (&c, "tally-narrow");

  /* A short delivery is not signed off unseen: the short lines are named. */
  gtk_widget_activate_action (GTK_WIDGET (c.page), "receive.finish", NULL);
  dialog = suyuan_receive_page_get_confirm_dialog (c.page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Finish with goods missing?"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "布洛芬缓释胶囊"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "原味酸奶"));
  gui_wait_ms (300);
  g_free (gui_screenshot (GTK_WINDOW (dialog), "receive-missing"));
  answer (dialog, "finish");
  g_assert_null (suyuan_receive_page_get_confirm_dialog (c.page));
  g_assert_null (suyuan_receive_page_get_receipt (c.page));
  g_assert_cmpuint (suyuan_receive_page_get_n_shipments (c.page), ==, 0);
  /* Stored and waiting for the server: the record and the receiving events. */
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM outbox WHERE kind = 'receipt' AND sent_at IS NULL"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM outbox WHERE kind = 'event' AND sent_at IS NULL"), ==, 3);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM records WHERE kind = 'receipt'"
                                      " AND json_extract (data, '$.lines[2].reject_reason') = '过期 expired'"), ==, 1);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM units WHERE product_id = 'PR-IBU'"
                                      " AND serial IN ('000000104', '000000105') AND state = 'received'"
                                      " AND last_party_id = 'P-SHOP'"), ==, 2);
  g_assert_cmpint (test_store_int (store, "SELECT count(*) FROM receipts WHERE finished_at IS NOT NULL"), ==, 1);
  shot (&c, "finished-narrow");

  test_records (&c, dir);
  test_ad_hoc (&c);

  /* With no receipt open, scans go back to the Check page, and are kept in Records. */
  gui_xdotool_type (GTK_WINDOW (c.window), "6901234567908\n", 3);
  gui_wait_until (check_shown, &c, 5000);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (c.stack), ==, "check");
  {
    SuyuanRecordsPage *records = SUYUAN_RECORDS_PAGE (adw_view_stack_get_child_by_name (c.stack, "records"));
    SuyuanRecordRow *row;
    g_autofree char *text = NULL;

    /* Kept once the scanning pauses. */
    gui_wait_ms (800);
    adw_view_stack_set_visible_child_name (c.stack, "records");
    gui_wait_ms (200);
    row = find_record_row (records, "scan");
    g_assert_nonnull (row);
    g_assert_true (suyuan_records_page_open (records, row));
    text = suyuan_record_detail_dup_text (suyuan_records_page_get_detail (records));
    g_assert_nonnull (strstr (text, "天然饮用水"));
    g_assert_nonnull (strstr (text, _("OK — may be sold")));
    shot (&c, "record-scan-narrow");
    gtk_widget_activate_action (GTK_WIDGET (records), "records.back", NULL);
  }
  g_application_quit (G_APPLICATION (app));
}

static void
test_receiving (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  SuyuanStore *store;

  store = test_open_demo_store (dir, &store_path);
  /* Near expiry whatever day the test runs. */
  g_assert_true (suyuan_store_exec (store, "UPDATE batches SET expiry_date = date ('now', 'localtime', '+3 days')"
                                           " WHERE id = 'B-YOGURT-Y2611'", NULL));
  suyuan_store_close (store);
  g_setenv ("SUYUAN_PARTY", "P-SHOP", TRUE);
  gui_run_app (store_path, NULL, run_scenario, dir);
  test_dir_free (g_steal_pointer (&dir));
}

/* The app closed in the middle of a delivery: it opens on that receipt again. */
static void
run_resume (SuyuanApplication *app,
            gpointer           data)
{
  Ctx c = { 0 };

  c.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  resize (&c, 480, 800);
  g_assert_true (gui_wait_until (window_mapped, &c, 10000));
  suyuan_wedge_input_set_max_gap_ms (suyuan_window_get_wedge_input (c.window), 400);
  c.stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (suyuan_window_get_check_page (c.window)),
                                                     ADW_TYPE_VIEW_STACK));
  c.page = SUYUAN_RECEIVE_PAGE (adw_view_stack_get_child_by_name (c.stack, "receive"));
  adw_view_stack_set_visible_child_name (c.stack, "receive");
  g_assert_nonnull (suyuan_receive_page_get_receipt (c.page));
  assert_row (&c, 0, "布洛芬缓释胶囊", "2 / 3");
  shot (&c, "resumed-narrow");
  /* Cancelling scanned goods asks first; going back keeps them. */
  gtk_widget_activate_action (GTK_WIDGET (c.page), "receive.cancel", NULL);
  g_assert_nonnull (suyuan_receive_page_get_confirm_dialog (c.page));
  g_assert_cmpstr (adw_message_dialog_get_heading (suyuan_receive_page_get_confirm_dialog (c.page)), ==,
                   _("Cancel this receipt?"));
  answer (suyuan_receive_page_get_confirm_dialog (c.page), "cancel");
  g_assert_nonnull (suyuan_receive_page_get_receipt (c.page));
  /* Counting goes on from there: the third box completes the line. */
  scanner (&c, "82345670000001061234", TRUE);
  assert_row (&c, 0, "布洛芬缓释胶囊", "3 / 3");
  /* Closing the window ends this app run; a window left open would take the
   * next test's keystrokes. */
  gtk_window_destroy (GTK_WINDOW (c.window));
}

static void
test_resume (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = test_open_demo_store (dir, &store_path);
  g_autoptr(GPtrArray) shipments = suyuan_receipt_list_shipments (store, "P-SHOP", &error);
  SuyuanReceipt *receipt;
  SuyuanVerdictSettings settings;

  g_assert_no_error (error);
  suyuan_verdict_settings_init (&settings);
  receipt = suyuan_receipt_new_from_shipment (store, ((SuyuanShipment *) shipments->pdata[0])->key, &error);
  g_assert_no_error (error);
  suyuan_receipt_scan (receipt, "82345670000001041234", 20261123, &settings, NULL, NULL, &error);
  g_assert_no_error (error);
  suyuan_receipt_scan (receipt, "82345670000001051234", 20261123, &settings, NULL, NULL, &error);
  g_assert_no_error (error);
  suyuan_receipt_free (receipt);
  suyuan_store_close (store);
  g_setenv ("SUYUAN_PARTY", "P-SHOP", TRUE);
  gui_run_app (store_path, NULL, run_resume, dir);
  test_dir_free (g_steal_pointer (&dir));
}

typedef struct {
  guint n;
  gint64 last;
  gint64 max_gap;               /* µs: the longest the main loop did not answer */
} Ticks;

static gboolean
count_tick (gpointer data)
{
  Ticks *t = data;
  gint64 now = g_get_monotonic_time ();

  t->n++;
  if (t->last > 0)
    t->max_gap = MAX (t->max_gap, now - t->last);
  t->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
save_failed (gpointer data)
{
  Ctx *c = data;
  g_autofree char *text = NULL;

  g_object_get (suyuan_receive_page_get_row (c->page, 0), "save-text", &text, NULL);
  return g_strcmp0 (text, _("Not saved")) == 0;
}

static void
row_save_state (Ctx         *c,
                guint        index,
                gboolean    *saved,
                char       **text)
{
  g_object_get (suyuan_receive_page_get_row (c->page, index), "saved", saved, "save-text", text, NULL);
}

/* A scan while the store is locked: counted and shown at once, the window
 * keeps drawing, the line says "Saving…" until the commit, then saved. */
static void
run_locked (SuyuanApplication *app,
            gpointer           data)
{
  const char *path = data;
  Ctx c = { 0 };
  TestLock *lock;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  gboolean saved = TRUE;
  Ticks ticks = { 0 };
  guint tick_id;
  gint64 start, took;

  c.window = SUYUAN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  resize (&c, 1100, 860);
  g_assert_true (gui_wait_until (window_mapped, &c, 10000));
  c.stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (suyuan_window_get_check_page (c.window)),
                                                     ADW_TYPE_VIEW_STACK));
  c.page = SUYUAN_RECEIVE_PAGE (adw_view_stack_get_child_by_name (c.stack, "receive"));
  adw_view_stack_set_visible_child_name (c.stack, "receive");
  g_assert_true (suyuan_receive_page_start (c.page, -1));

  lock = test_lock_hold (path, 2000);
  tick_id = g_timeout_add (10, count_tick, &ticks);
  start = g_get_monotonic_time ();
  g_assert_true (suyuan_receive_page_scan (c.page, "82345670000001041234"));
  took = g_get_monotonic_time () - start;
  g_test_message ("scan with the store locked returned after %.1f ms", took / 1000.0);
  /* It did not wait for the lock (2 s) as a commit on this thread would. */
  g_assert_cmpint (took, <, 1000 * 1000);
  assert_row (&c, 0, "布洛芬缓释胶囊", NULL);
  row_save_state (&c, 0, &saved, &text);
  g_test_message ("after the scan: saved %d, “%s”", saved, text);
  g_assert_false (saved);
  g_assert_cmpstr (text, ==, _("Saving…"));
  ticks.last = g_get_monotonic_time ();
  gui_wait_ms (1000);
  /* The main loop ran all along: a blocked one would miss the timer for as
   * long as the lock is held (2 s; before, a scan waited for it). */
  g_test_message ("%u ticks of a 10 ms timer in 1 s, longest gap %.0f ms", ticks.n, ticks.max_gap / 1000.0);
  g_assert_cmpuint (ticks.n, >=, 3);
  g_assert_cmpint (ticks.max_gap, <, 700 * 1000);
  g_assert_true (test_lock_is_held (lock));
  g_clear_pointer (&text, g_free);
  row_save_state (&c, 0, &saved, &text);
  g_test_message ("after 1 s: saved %d, “%s”", saved, text);
  g_assert_false (saved);
  shot (&c, "saving");
  test_lock_join (lock);
  g_assert_true (gui_wait_until (all_saved, &c, 10000));
  g_clear_pointer (&text, g_free);
  row_save_state (&c, 0, &saved, &text);
  g_assert_true (saved);
  g_assert_cmpstr (text, ==, "");
  sql = g_strdup_printf ("SELECT count (*) FROM receipt_serials WHERE receipt_uuid = '%s'",
                         suyuan_receipt_get_uuid (suyuan_receive_page_get_receipt (c.page)));
  g_assert_cmpint (test_store_int (suyuan_application_get_store (app), sql), ==, 1);
  shot (&c, "saved");

  /* A save that fails says so where the user looks, and the line stays
   * counted and marked; the next scan saves it, once. */
  g_assert_true (suyuan_store_exec (suyuan_application_get_store (app),
      "CREATE TRIGGER refuse BEFORE INSERT ON receipt_serials"
      " BEGIN SELECT RAISE (ABORT, 'disk full'); END", NULL));
  g_assert_true (suyuan_receive_page_scan (c.page, "82345670000001051234"));
  g_assert_true (gui_wait_until (save_failed, &c, 10000));
  g_test_message ("failed save: %s", suyuan_receive_page_get_last_scan (c.page));
  {
    const char *format = _("Not saved: %s. The next scan or finishing saves it again.");
    g_autofree char *prefix = g_strndup (format, strstr (format, "%s") - format);

    g_assert_true (g_str_has_prefix (suyuan_receive_page_get_last_scan (c.page), prefix));
  }
  g_assert_nonnull (strstr (suyuan_receive_page_get_last_scan (c.page), "disk full"));
  assert_row (&c, 0, "布洛芬缓释胶囊", "| 2");
  shot (&c, "not-saved");
  g_assert_true (suyuan_store_exec (suyuan_application_get_store (app), "DROP TRIGGER refuse", NULL));
  g_assert_true (suyuan_receive_page_scan (c.page, "82345670000001061234"));
  g_assert_true (gui_wait_until (all_saved, &c, 10000));
  g_assert_cmpint (test_store_int (suyuan_application_get_store (app), sql), ==, 3);
  g_source_remove (tick_id);
  gtk_window_destroy (GTK_WINDOW (c.window));
}

static void
test_locked (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store_path = NULL;

  suyuan_store_close (test_open_demo_store (dir, &store_path));
  g_setenv ("SUYUAN_PARTY", "P-SHOP", TRUE);
  gui_run_app (store_path, NULL, run_locked, store_path);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;
  g_test_add_func ("/gui/receive/resume", test_resume);
  /* Before the shipment: that scenario quits with its window still open. */
  g_test_add_func ("/gui/receive/locked", test_locked);
  g_test_add_func ("/gui/receive/shipment", test_receiving);
  return g_test_run ();
}
