/* test-receipt.c — receiving a delivery against the demo shipment to P-SHOP:
 * the tally (matched / missing / extra, flags, duplicates), rejecting, and
 * what finishing stores and queues.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "receipt.h"
#include "outbox.h"
#include "export.h"
#include "paths.h"
#include "receipt-pdf.h"

#include <glib/gstdio.h>
#include <string.h>

#define TODAY 20261123
#define IBU(n) "8234567000000" n "1234"
#define YOGURT_Y2611 "0106901234567922" "10Y2611"
#define MILK_A2501 "0106901234567892" "17250331" "10A2501"

typedef struct {
  char *dir;
  SuyuanStore *store;
  SuyuanVerdictSettings settings;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->store = test_open_demo_store (f->dir, NULL);
  suyuan_verdict_settings_init (&f->settings);
  f->settings.here_party_id = "P-SHOP";
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  suyuan_store_close (f->store);
  test_dir_free (f->dir);
}


static SuyuanReceipt *
open_shipment (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = suyuan_receipt_list_shipments (f->store, "P-SHOP", &error);
  SuyuanShipment *s;
  SuyuanReceipt *receipt;

  g_assert_no_error (error);
  /* The 2 November delivery was received already; only the new one waits. */
  g_assert_cmpuint (list->len, ==, 1);
  s = list->pdata[0];
  g_assert_cmpstr (s->supplier_id, ==, "P-DIST");
  g_assert_cmpstr (s->supplier_name, ==, "九州医药物流有限公司");
  g_assert_cmpuint (s->n_lines, ==, 2);
  g_assert_cmpuint (s->n_items, ==, 5);
  receipt = suyuan_receipt_new_from_shipment (f->store, s->key, &error);
  g_assert_no_error (error);
  return receipt;
}

static SuyuanReceiptScanResult
scan (Fixture       *f,
      SuyuanReceipt *receipt,
      const char    *payload,
      int           *line)
{
  g_autoptr(GError) error = NULL;
  SuyuanReceiptScanResult r = suyuan_receipt_scan (receipt, payload, TODAY, &f->settings, line, NULL, &error);

  g_assert_no_error (error);
  return r;
}

static void
test_tally (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanReceipt) receipt = open_shipment (f);
  GPtrArray *lines = suyuan_receipt_get_lines (receipt);
  SuyuanReceiptLine *ibu, *yogurt, *milk;
  guint matched, missing, extra, flagged;
  int line;

  g_assert_cmpuint (lines->len, ==, 2);
  ibu = lines->pdata[0];
  yogurt = lines->pdata[1];
  g_assert_cmpstr (ibu->product_name, ==, "布洛芬缓释胶囊");
  g_assert_cmpuint (ibu->expected, ==, 3);
  g_assert_cmpuint (yogurt->expected, ==, 2);
  g_assert_cmpuint (ibu->expiry, ==, 20280930);
  g_assert_cmpstr (ibu->certificates, ==, "国药准字H10900089");
  suyuan_receipt_count (receipt, &matched, &missing, &extra, &flagged);
  g_assert_cmpuint (missing, ==, 2);

  g_assert_cmpint (scan (f, receipt, IBU ("104"), &line), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (line, ==, 0);
  g_assert_cmpint (scan (f, receipt, IBU ("105"), &line), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  /* The same box twice is not two boxes. */
  g_assert_cmpint (scan (f, receipt, IBU ("105"), &line), ==, SUYUAN_RECEIPT_SCAN_DUPLICATE);
  g_assert_cmpuint (ibu->received, ==, 2);
  g_assert_cmpuint (ibu->duplicates, ==, 1);
  g_assert_true (ibu->flags & SUYUAN_RECEIPT_FLAG_DUPLICATED);
  g_assert_cmpint (suyuan_receipt_line_state (ibu), ==, SUYUAN_RECEIPT_MISSING);

  g_assert_cmpint (scan (f, receipt, YOGURT_Y2611, &line), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (line, ==, 1);
  g_assert_true (yogurt->flags & SUYUAN_RECEIPT_FLAG_NEAR_EXPIRY);
  g_assert_cmpint (yogurt->level, ==, SUYUAN_LEVEL_WARN);

  /* Expired milk nobody shipped: an extra line that stands out. */
  g_assert_cmpint (scan (f, receipt, MILK_A2501, &line), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (line, ==, 2);
  milk = lines->pdata[2];
  g_assert_cmpint (suyuan_receipt_line_state (milk), ==, SUYUAN_RECEIPT_EXTRA);
  g_assert_true (milk->flags & SUYUAN_RECEIPT_FLAG_EXPIRED);
  g_assert_cmpint (milk->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_cmpstr (milk->lot, ==, "A2501");

  /* Codes that are not goods are never counted. */
  g_assert_cmpint (scan (f, receipt, "4006381333931", &line), ==, SUYUAN_RECEIPT_SCAN_UNKNOWN);
  g_assert_cmpint (line, ==, -1);
  g_assert_cmpint (scan (f, receipt, "6901234567893", &line), ==, SUYUAN_RECEIPT_SCAN_INVALID);
  {
    g_autofree char *flood = g_strnfill (10000, '8');

    g_assert_cmpint (scan (f, receipt, flood, &line), ==, SUYUAN_RECEIPT_SCAN_INVALID);
  }
  g_assert_cmpuint (lines->len, ==, 3);

  suyuan_receipt_count (receipt, &matched, &missing, &extra, &flagged);
  g_assert_cmpuint (matched, ==, 0);
  g_assert_cmpuint (missing, ==, 2);
  g_assert_cmpuint (extra, ==, 1);
  g_assert_cmpuint (flagged, ==, 3);

  g_assert_cmpint (scan (f, receipt, IBU ("106"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (f, receipt, YOGURT_Y2611, NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  suyuan_receipt_count (receipt, &matched, &missing, &extra, NULL);
  g_assert_cmpuint (matched, ==, 2);
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (extra, ==, 1);

  /* Saved after every scan: a crash now loses nothing. */
  g_assert_cmpint (test_store_int (f->store, "SELECT json_extract (data, '$.scans') FROM receipts"), ==, 7);
}

static void
test_finish (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanReceipt) receipt = open_shipment (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 outbox = suyuan_outbox_count_pending (f->store);

  scan (f, receipt, IBU ("104"), NULL);
  scan (f, receipt, IBU ("105"), NULL);
  scan (f, receipt, YOGURT_Y2611, NULL);
  scan (f, receipt, YOGURT_Y2611, NULL);
  scan (f, receipt, MILK_A2501, NULL);

  g_assert_false (suyuan_receipt_set_rejected (receipt, 2, "  ", &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);
  g_clear_error (&error);
  g_assert_true (suyuan_receipt_set_rejected (receipt, 2, "过期", &error));
  g_assert_no_error (error);
  g_assert_true (suyuan_receipt_finish (receipt, &error));
  g_assert_no_error (error);

  /* The record and one receiving event per unit or batch line, queued together. */
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, outbox + 1 + 3);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox WHERE kind = 'receipt'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox WHERE kind = 'event'"
                                         " AND json_extract (body, '$.data.type') = 'receiving'"), ==, 3);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_extract (body, '$.data.quantity') FROM outbox"
                                         " WHERE kind = 'event' AND json_extract (body, '$.data.product_id') = 'PR-YOGURT'"), ==, 0);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_extract (body, '$.data.data.quantity') FROM outbox"
                                         " WHERE kind = 'event' AND json_extract (body, '$.data.product_id') = 'PR-YOGURT'"), ==, 2);
  /* The purchase-inspection record names what the law asks for. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox, json_each (body, '$.data.lines') l"
                                         " WHERE kind = 'receipt' AND json_extract (body, '$.data.supplier_name') = '九州医药物流有限公司'"
                                         " AND json_extract (body, '$.data.received_at') IS NOT NULL"
                                         " AND json_extract (l.value, '$.spec') IS NOT NULL"
                                         " AND json_extract (l.value, '$.production_date') IS NOT NULL"
                                         " AND json_extract (l.value, '$.lot') IS NOT NULL"), ==, 3);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox, json_each (body, '$.data.lines') l"
                                         " WHERE kind = 'receipt' AND json_extract (l.value, '$.decision') = 'rejected'"
                                         " AND json_extract (l.value, '$.reject_reason') = '过期'"), ==, 1);
  /* The units are now in this shop's stock; the rejected milk never arrived. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-IBU'"
                                         " AND state = 'received' AND last_party_id = 'P-SHOP'"), ==, 2 + 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM events WHERE type = 'receiving'"
                                         " AND product_id = 'PR-MILK'"), ==, 0);

  /* Received: the shipment no longer waits, and the record cannot change. */
  after = suyuan_receipt_list_shipments (f->store, "P-SHOP", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_false (suyuan_receipt_finish (receipt, &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);
  g_clear_error (&error);
  g_assert_false (suyuan_store_exec (f->store, "UPDATE receipts SET data = '{}'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (suyuan_store_exec (f->store, "DELETE FROM receipts", &error));
  g_clear_error (&error);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipts WHERE finished_at IS NOT NULL"), ==, 1);
}

/* The purchase-inspection record printed from what was sent: supplier and
 * its licence, the receiver, every line with batch, dates, quantity and
 * verdict, the rejected milk with its reason, in either language. */
static void
test_pdf (Fixture *f, gconstpointer data)
{
  static const struct { const char *language; const char *const words[4]; } cases[] = {
    { "en", { "Purchase inspection record", "Rejected: 过期", "2025-03-31", "Receiver (signature):" } },
    { "zh_CN", { "进货查验记录", "拒收：过期", "2025年3月31日", "收货人（签字）：" } },
  };
  g_autoptr(SuyuanReceipt) receipt = open_shipment (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt;

  scan (f, receipt, IBU ("104"), NULL);
  scan (f, receipt, YOGURT_Y2611, NULL);
  scan (f, receipt, MILK_A2501, NULL);
  g_assert_true (suyuan_receipt_set_rejected (receipt, 2, "过期", &error));
  g_assert_true (suyuan_receipt_finish (receipt, &error));
  g_assert_no_error (error);
  stmt = suyuan_store_prepare (f->store, "SELECT uuid FROM records WHERE kind = 'receipt'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  record = suyuan_record_dup_data (f->store, uuid, &error);
  g_assert_no_error (error);
  /* The record itself carries the licence and the receiver. */
  g_assert_cmpstr (json_object_get_string_member (record, "supplier_licence_no"), ==, "浙AA5710023");
  g_assert_cmpstr (json_object_get_string_member (record, "receiver_name"), ==, "惠民大药房（城东店）");

  suyuan_i18n_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pdf = g_strdup_printf ("%s/receipt-%s.pdf", f->dir, cases[i].language);
      g_autofree char *png = g_strdup_printf ("%s/receipt-pdf-%s", g_getenv ("SUYUAN_SCREENSHOT_DIR"),
                                              cases[i].language);
      const char *to_text[] = { "pdftotext", "-layout", pdf, "-", NULL };
      const char *to_png[] = { "pdftoppm", "-r", "60", "-png", "-singlefile", pdf, png, NULL };
      g_autofree char *text = NULL;
      int status;

      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      g_assert_cmpint (suyuan_receipt_record_count_pages (record), ==, 1);
      g_assert_true (suyuan_receipt_record_write_pdf (record, pdf, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &text, NULL, &status, &error));
      g_assert_no_error (error);
      g_test_message ("%s", text);
      for (gsize w = 0; w < G_N_ELEMENTS (cases[i].words); w++)
        g_assert_nonnull (strstr (text, cases[i].words[w]));
      for (gsize w = 0; w < 6; w++)
        g_assert_nonnull (strstr (text, (const char *[]) { "九州医药物流有限公司", "浙AA5710023", "惠民大药房（城东店）",
                                                           "布洛芬", "Y2611", "A2501" }[w]));
      if (g_getenv ("SUYUAN_SCREENSHOT_DIR") != NULL)
        {
          g_mkdir_with_parents (g_getenv ("SUYUAN_SCREENSHOT_DIR"), 0755);
          g_assert_true (g_spawn_sync (NULL, (char **) to_png, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                       NULL, NULL, &status, &error));
          g_test_message ("printed page: %s.png", png);
        }
    }
  if (old != NULL)
    g_setenv ("LANGUAGE", old, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_ad_hoc (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanReceipt) receipt = suyuan_receipt_new_ad_hoc (f->store, "P-SHOP", NULL);
  g_autoptr(GError) error = NULL;
  SuyuanReceiptLine *line;

  g_assert_false (suyuan_receipt_finish (receipt, &error));
  g_assert_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA);
  g_clear_error (&error);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 0);

  /* Cases with no serial: each scan is one more of the batch. */
  scan (f, receipt, "0106901234567892" "10A2611", NULL);
  scan (f, receipt, "0106901234567892" "10A2611", NULL);
  scan (f, receipt, "6901234567908", NULL);
  g_assert_cmpuint (suyuan_receipt_get_lines (receipt)->len, ==, 2);
  line = suyuan_receipt_get_lines (receipt)->pdata[0];
  g_assert_cmpuint (line->received, ==, 2);
  g_assert_cmpuint (line->flags, ==, 0);
  g_assert_cmpint (suyuan_receipt_line_state (line), ==, SUYUAN_RECEIPT_EXTRA);
  g_assert_true (suyuan_receipt_finish (receipt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 1 + 2);
}

/* A delivery interrupted (crash, flat battery) goes on where it stopped. */
static void
test_resume (Fixture *f, gconstpointer data)
{
  SuyuanReceipt *receipt = open_shipment (f);
  g_autoptr(SuyuanReceipt) resumed = NULL;
  g_autoptr(SuyuanReceipt) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (suyuan_receipt_get_uuid (receipt));
  GPtrArray *lines;
  SuyuanReceiptLine *ibu, *milk;

  g_assert_cmpint (scan (f, receipt, IBU ("104"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (f, receipt, IBU ("105"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (f, receipt, MILK_A2501, NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_true (suyuan_receipt_set_rejected (receipt, 2, "过期", &error));
  g_assert_no_error (error);
  suyuan_receipt_free (receipt);   /* the app is gone */

  none = suyuan_receipt_load_unfinished (f->store, "P-OTHER", &error);
  g_assert_no_error (error);
  g_assert_null (none);
  resumed = suyuan_receipt_load_unfinished (f->store, "P-SHOP", &error);
  g_assert_no_error (error);
  g_assert_nonnull (resumed);
  g_assert_cmpstr (suyuan_receipt_get_uuid (resumed), ==, uuid);
  g_assert_cmpstr (suyuan_receipt_get_supplier_name (resumed), ==, "九州医药物流有限公司");
  lines = suyuan_receipt_get_lines (resumed);
  g_assert_cmpuint (lines->len, ==, 3);
  ibu = lines->pdata[0];
  milk = lines->pdata[2];
  g_assert_cmpuint (ibu->expected, ==, 3);
  g_assert_cmpuint (ibu->received, ==, 2);
  g_assert_cmpuint (ibu->expiry, ==, 20280930);
  g_assert_true (milk->rejected);
  g_assert_cmpstr (milk->reject_reason, ==, "过期");
  g_assert_true (milk->flags & SUYUAN_RECEIPT_FLAG_EXPIRED);
  g_assert_cmpint (milk->level, ==, SUYUAN_LEVEL_STOP);
  /* A box counted before the restart is still counted once. */
  g_assert_cmpint (scan (f, resumed, IBU ("105"), NULL), ==, SUYUAN_RECEIPT_SCAN_DUPLICATE);
  g_assert_cmpint (scan (f, resumed, IBU ("106"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpuint (ibu->received, ==, 3);
  g_assert_true (suyuan_receipt_finish (resumed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipts"), ==, 1);
  g_clear_pointer (&none, suyuan_receipt_free);
  none = suyuan_receipt_load_unfinished (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

/* A scan saves its line and its unit, not the receipt again: the header
 * stays small, one row per unit counted; finishing writes the whole record
 * and leaves no rows behind. A receipt saved whole by an older Suyuan still
 * resumes, and is saved the new way from then on. */
static void
test_saved_per_scan (Fixture *f, gconstpointer data)
{
  SuyuanReceipt *receipt = open_shipment (f);
  g_autoptr(SuyuanReceipt) resumed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (scan (f, receipt, IBU ("104"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (f, receipt, IBU ("105"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);
  g_assert_cmpint (scan (f, receipt, IBU ("105"), NULL), ==, SUYUAN_RECEIPT_SCAN_DUPLICATE);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_type (data, '$.lines') IS NULL FROM receipts"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_extract (data, '$.scans') FROM receipts"), ==, 3);
  /* Both shipment lines, though only one was scanned. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipt_lines"), ==, 2);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipt_serials"), ==, 2);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_extract (data, '$.duplicates') FROM receipt_lines"
                                         " WHERE idx = 0"), ==, 1);

  /* As schema 6 kept it: the whole receipt in receipts.data, no rows. */
  {
    g_autoptr(JsonObject) o = suyuan_receipt_to_json (receipt);
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);
    g_autofree char *text = json_to_string (node, FALSE);
    sqlite3_stmt *stmt;

    g_assert_true (suyuan_store_exec (f->store, "DELETE FROM receipt_lines; DELETE FROM receipt_serials", &error));
    stmt = suyuan_store_prepare (f->store, "UPDATE receipts SET data = ?1", &error);
    g_assert_nonnull (stmt);
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_reset (stmt);
  }
  suyuan_receipt_free (receipt);

  resumed = suyuan_receipt_load_unfinished (f->store, "P-SHOP", &error);
  g_assert_no_error (error);
  g_assert_nonnull (resumed);
  g_assert_cmpuint (suyuan_receipt_get_lines (resumed)->len, ==, 2);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_type (data, '$.lines') IS NULL FROM receipts"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipt_serials"), ==, 2);
  g_assert_cmpint (scan (f, resumed, IBU ("104"), NULL), ==, SUYUAN_RECEIPT_SCAN_DUPLICATE);
  g_assert_cmpint (scan (f, resumed, IBU ("106"), NULL), ==, SUYUAN_RECEIPT_SCAN_COUNTED);

  g_assert_true (suyuan_receipt_finish (resumed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_array_length (data, '$.lines') FROM receipts"), ==, 2);
  g_assert_cmpint (test_store_int (f->store, "SELECT json_array_length (data, '$.lines[0].serials') FROM receipts"),
                   ==, 3);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipt_lines"), ==, 0);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM receipt_serials"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/receipt/tally", Fixture, NULL, fixture_set_up, test_tally, fixture_tear_down);
  g_test_add ("/receipt/finish", Fixture, NULL, fixture_set_up, test_finish, fixture_tear_down);
  g_test_add ("/receipt/resume", Fixture, NULL, fixture_set_up, test_resume, fixture_tear_down);
  g_test_add ("/receipt/saved-per-scan", Fixture, NULL, fixture_set_up, test_saved_per_scan, fixture_tear_down);
  g_test_add ("/receipt/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/receipt/ad-hoc", Fixture, NULL, fixture_set_up, test_ad_hoc, fixture_tear_down);
  return g_test_run ();
}
