/* test-export.c — every traceability event out as CSV a spreadsheet opens
 * and as EPCIS 2.0 JSON, from the demo store plus a received delivery;
 * hostile text stays text; suyuanctl export writes the same.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "export.h"
#include "receipt.h"

#include <string.h>

typedef struct {
  char *dir;
  char *path;
  SuyuanStore *store;
  char *receipt_uuid;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SuyuanReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shipments = NULL;
  SuyuanVerdictSettings settings;

  f->dir = test_dir_new ();
  f->store = test_open_demo_store (f->dir, &f->path);
  /* Someone's idea of a joke in a synced event. */
  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\": \"E-X\", \"type\": \"inspecting\", \"time\": \"2026-11-23T09:00:00+08:00\","
    " \"product_id\": \"PR-WATER\", \"batch_id\": \"B-WATER-W2610\", \"party_id\": \"P-SHOP\","
    " \"place\": \"货架 3, \\\"冷柜\\\"\\n二层\", \"reason\": \"=HYPERLINK(\\\"http://x\\\")\"}", -1, &error));
  g_assert_true (suyuan_store_apply_entity (f->store, "event", json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);

  /* A delivery received here: two boxes and a case of yoghurt. */
  suyuan_verdict_settings_init (&settings);
  shipments = suyuan_receipt_list_shipments (f->store, "P-SHOP", &error);
  g_assert_no_error (error);
  receipt = suyuan_receipt_new_from_shipment (f->store, ((SuyuanShipment *) shipments->pdata[0])->key, &error);
  g_assert_no_error (error);
  suyuan_receipt_scan (receipt, "82345670000001041234", 20261123, &settings, NULL, NULL, &error);
  suyuan_receipt_scan (receipt, "82345670000001051234", 20261123, &settings, NULL, NULL, &error);
  suyuan_receipt_scan (receipt, "0106901234567922" "10Y2611", 20261123, &settings, NULL, NULL, &error);
  g_assert_true (suyuan_receipt_finish (receipt, &error));
  g_assert_no_error (error);
  f->receipt_uuid = g_strdup (suyuan_receipt_get_uuid (receipt));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  suyuan_store_close (f->store);
  test_dir_free (f->dir);
  g_free (f->path);
  g_free (f->receipt_uuid);
}

static char *
export_to_string (Fixture *f,
                  gboolean csv,
                  guint   *n)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  if (csv)
    g_assert_true (suyuan_export_csv (f->store, out, n, &error));
  else
    g_assert_true (suyuan_export_epcis (f->store, out, n, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_csv (Fixture *f, gconstpointer data)
{
  guint n = 0;
  g_autofree char *csv = export_to_string (f, TRUE, &n);
  g_auto(GStrv) rows = NULL;
  g_autofree char *ref = g_strconcat (",receipt ", f->receipt_uuid, "\r\n", NULL);

  /* 16 demo events, the joke, and 3 receiving events (2 boxes, 1 yoghurt line). */
  g_assert_cmpuint (n, ==, 16 + 1 + 3);
  /* The byte-order mark spreadsheets need to read UTF-8 Chinese. */
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Event ID,Event type,Date and time,Traceability lot code,"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  rows = g_strsplit (csv, "\r\n", -1);
  /* Header, events, and the empty string after the last CRLF (the quoted
   * newline inside a cell is a bare LF, so it does not end a row). */
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + n + 1);
  g_assert_nonnull (strstr (csv, "E-13,shipping,2026-11-02T08:00:00+08:00,261001,PR-IBU,,布洛芬缓释胶囊 0.3 g × 20 粒,1,each,000000102,"
                                 "P-DIST,九州医药物流有限公司,杭州市临平区仓库,,P-SHOP,in_transit,,\r\n"));
  /* Quoted as RFC 4180 says; a formula stays text. */
  g_assert_nonnull (strstr (csv, ",\"货架 3, \"\"冷柜\"\"\n二层\",,,,\"'=HYPERLINK(\"\"http://x\"\")\","));
  /* The yoghurt case came in as one line of 1, tied to its receipt. */
  g_assert_nonnull (strstr (csv, ",receiving,"));
  g_assert_nonnull (strstr (csv, ref));
}

static JsonObject *
find_event (JsonArray  *events,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (e, "eventID"), id) == 0)
        return e;
    }
  g_error ("no event %s", id);
}

static void
test_epcis (Fixture *f, gconstpointer data)
{
  guint n = 0;
  g_autofree char *text = export_to_string (f, FALSE, &n);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *doc, *e;
  JsonArray *events;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  doc = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (doc, "type"), ==, "EPCISDocument");
  g_assert_cmpstr (json_object_get_string_member (doc, "schemaVersion"), ==, "2.0");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (doc, "@context"), 0), ==,
                   "https://ref.gs1.org/standards/epcis/epcis-context.jsonld");
  events = json_object_get_array_member (json_object_get_object_member (doc, "epcisBody"), "eventList");
  g_assert_cmpuint (json_array_get_length (events), ==, n);

  /* A unit: its EPC; where it went. */
  e = find_event (events, "urn:x-suyuan:event:E-13");
  g_assert_cmpstr (json_object_get_string_member (e, "bizStep"), ==, "shipping");
  g_assert_cmpstr (json_object_get_string_member (e, "action"), ==, "OBSERVE");
  g_assert_cmpstr (json_object_get_string_member (e, "eventTimeZoneOffset"), ==, "+08:00");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (e, "epcList"), 0), ==,
                   "urn:x-suyuan:product:PR-IBU:serial:000000102");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (e, "destinationList"), 0), "destination"), ==,
                   "urn:x-suyuan:party:P-SHOP");
  /* A batch with a GTIN: a GS1 Digital Link class and its quantity. */
  e = find_event (events, "urn:x-suyuan:event:E-23");
  {
    JsonObject *q = json_array_get_object_element (json_object_get_array_member (e, "quantityList"), 0);

    g_assert_cmpstr (json_object_get_string_member (q, "epcClass"), ==, "https://id.gs1.org/01/06901234567922/10/Y2611");
    g_assert_cmpfloat (json_object_get_double_member (q, "quantity"), ==, 2);
  }
  e = find_event (events, "urn:x-suyuan:event:E-10");
  g_assert_cmpstr (json_object_get_string_member (e, "action"), ==, "ADD");
}

static void
test_ctl (Fixture *f, gconstpointer data)
{
  const char *ctl = g_getenv ("SUYUAN_CTL");
  g_autofree char *store_arg = g_strconcat ("--store=", f->path, NULL);
  g_autofree char *out = g_build_filename (f->dir, "events.csv", NULL);
  g_autofree char *json = g_build_filename (f->dir, "events.json", NULL);
  const char *csv_args[] = { ctl, "export", store_arg, "--csv", out, NULL };
  const char *epcis_args[] = { ctl, "export", store_arg, "--epcis", json, NULL };
  const char *bad_args[] = { ctl, "export", store_arg, out, NULL };
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  int status;

  if (ctl == NULL)
    {
      g_test_skip ("SUYUAN_CTL not set");
      return;
    }
  suyuan_store_close (f->store);
  f->store = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) csv_args, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "20"));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "Event ID,"));
  g_assert_true (g_spawn_sync (NULL, (char **) epcis_args, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
  /* Neither format: a usage error, nothing written over. */
  g_assert_true (g_spawn_sync (NULL, (char **) bad_args, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  f->store = suyuan_store_open (f->path, NULL);
}

static void
test_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = suyuan_records_search (f->store, NULL, 100, &error);
  g_autoptr(GPtrArray) supplier = suyuan_records_search (f->store, "九州医药", 100, &error);
  g_autoptr(GPtrArray) product = suyuan_records_search (f->store, "布洛芬", 100, &error);
  g_autoptr(GPtrArray) literal = suyuan_records_search (f->store, "%", 100, &error);
  SuyuanRecordSummary *r;

  g_assert_no_error (error);
  /* The receipt and its three receiving events, waiting for the server. */
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpuint (supplier->len, ==, 1);
  r = supplier->pdata[0];
  g_assert_cmpstr (r->kind, ==, "receipt");
  g_assert_cmpstr (r->title, ==, "九州医药物流有限公司");
  g_assert_false (r->sent);
  g_assert_null (r->event_type);
  /* An event is titled by its product; what happened is a field of its own,
   * which the Records page puts in words. */
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((SuyuanRecordSummary *) all->pdata[i])->kind, "event") == 0)
      {
        r = all->pdata[i];
        g_assert_cmpstr (r->event_type, ==, "receiving");
        g_assert_null (strstr (r->title, "receiving"));
      }
  /* The receipt names the product in its lines; two events name a box of it. */
  g_assert_cmpuint (product->len, ==, 3);
  /* Typed text is matched literally, never as a LIKE wildcard. */
  g_assert_cmpuint (literal->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/export/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/export/epcis", Fixture, NULL, fixture_set_up, test_epcis, fixture_tear_down);
  g_test_add ("/export/ctl", Fixture, NULL, fixture_set_up, test_ctl, fixture_tear_down);
  g_test_add ("/export/records", Fixture, NULL, fixture_set_up, test_records, fixture_tear_down);
  return g_test_run ();
}
