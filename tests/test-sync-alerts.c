/* test-sync-alerts.c — admin import of sampling results and recalls (CSV and
 * JSON, over HTTP and from the command line) reaching terminals that pull.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"
#include "sync-client.h"
#include "verdict.h"

#include <curl/curl.h>
#include <string.h>

#define MILK_A2611 "0106901234567892" "10A2611"
#define CSV_HEADER "id,kind,scope,target_id,title,notice,issued_at,issuer\n"

typedef struct {
  char *dir;
  TestServer *server;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  test_dir_free (g_steal_pointer (&f->dir));
}

static size_t
collect (char *data, size_t size, size_t n, void *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * n));
  return size * n;
}

/* libcurl directly: our client speaks only JSON. */
static long
post_alerts (Fixture    *f,
             const char *content_type,
             const char *text,
             char      **reply_text)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/admin/alerts", f->server->url);
  g_autofree char *auth = g_strdup_printf ("Authorization: Bearer %s", f->server->token);
  g_autofree char *type = g_strdup_printf ("Content-Type: %s", content_type);
  g_autoptr(GString) out = g_string_new (NULL);
  struct curl_slist *headers = curl_slist_append (curl_slist_append (NULL, auth), type);
  CURL *curl = curl_easy_init ();
  long code = 0;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, text);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, out);
  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  if (reply_text)
    *reply_text = g_strdup (out->str);
  return code;
}

/* The verdict a terminal gives @code after pulling. */
static SuyuanVerdict *
terminal_verdict (Fixture    *f,
                  const char *code_text,
                  char      **batch_status)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (code_text, -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  SuyuanVerdictSettings settings;

  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  *batch_status = lookup->batch ? g_strdup (lookup->batch->status) : NULL;
  suyuan_verdict_settings_init (&settings);
  return suyuan_verdict_judge (code, lookup, suyuan_iso_to_date ("2026-11-23"), &settings);
}

static void
test_csv_sampling_result (Fixture *f, gconstpointer data)
{
  g_autofree char *reply = NULL;
  g_autofree char *status = NULL;
  g_autoptr(SuyuanVerdict) before = terminal_verdict (f, MILK_A2611, &status);
  g_autoptr(SuyuanVerdict) after = NULL;

  g_assert_cmpint (before->level, ==, SUYUAN_LEVEL_OK);
  g_clear_pointer (&status, g_free);
  /* Quoted fields with commas and a line break, as spreadsheets write them. */
  g_assert_cmpint (post_alerts (f, "text/csv", CSV_HEADER
                                "A-T1,unqualified,batch,B-MILK-A2611,\"2026年第45期抽检：菌落总数不合格\","
                                "\"检出值 2.3×10⁵, 标准 ≤1×10⁵\n复检维持\",2026-11-20,浙江省市场监督管理局\n", &reply), ==, 200);
  g_assert_nonnull (strstr (reply, "\"imported\":1"));
  after = terminal_verdict (f, MILK_A2611, &status);
  g_assert_cmpint (after->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_cmpstr (status, ==, "unqualified");

  /* The same file again: nothing new in the feed. */
  {
    gint64 seq = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");

    g_clear_pointer (&reply, g_free);
    g_assert_cmpint (post_alerts (f, "text/csv", CSV_HEADER
                                  "A-T1,unqualified,batch,B-MILK-A2611,\"2026年第45期抽检：菌落总数不合格\","
                                  "\"检出值 2.3×10⁵, 标准 ≤1×10⁵\n复检维持\",2026-11-20,浙江省市场监督管理局\n", &reply), ==, 200);
    g_assert_nonnull (strstr (reply, "\"imported\":0"));
    g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, seq);
  }
}

static void
test_json_recall (Fixture *f, gconstpointer data)
{
  g_autofree char *status = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;

  g_assert_cmpint (post_alerts (f, "application/json",
                                "{\"alerts\": [{\"id\": \"A-R1\", \"kind\": \"recall\", \"scope\": \"batch\","
                                " \"target_id\": \"B-MILK-A2611\", \"title\": \"主动召回\"}]}", NULL), ==, 200);
  verdict = terminal_verdict (f, MILK_A2611, &status);
  g_assert_cmpstr (status, ==, "recalled");
  g_assert_true (suyuan_verdict_has_reason (verdict, "recalled"));
}

/* One bad row and nothing is imported; the answer names every bad row. */
static void
test_bad_rows_import_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *reply = NULL;
  gint64 seq = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");

  g_assert_cmpint (post_alerts (f, "text/csv", CSV_HEADER
                                "A-OK,recall,batch,B-MILK-A2611,fine,,,\n"
                                "A-B1,withdrawn,batch,B-MILK-A2611,bad kind,,,\n"
                                "A-B2,recall,batch,B-NOPE,no batch,,,\n", &reply), ==, 400);
  g_assert_nonnull (strstr (reply, "CSV row 3"));
  g_assert_nonnull (strstr (reply, "CSV row 4"));
  g_assert_null (strstr (reply, "CSV row 2"));
  g_assert_cmpint (post_alerts (f, "text/csv", "id,title\nA,B\n", NULL), ==, 400);
  g_assert_cmpint (post_alerts (f, "text/csv", CSV_HEADER "\"A,unclosed\n", NULL), ==, 400);
  g_assert_cmpint (post_alerts (f, "application/json", "{\"alerts\": [", NULL), ==, 400);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, seq);
}

/* The command line import on the server machine, seen by the running server's lookups. */
static void
test_command_line_import (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "notices.csv", NULL);
  g_autofree char *db_arg = test_server_db_arg (f->dir);
  const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), "import-alerts", db_arg, csv, NULL };
  g_autofree char *url = g_strdup_printf ("%s/api/v1/lookup?code=%s", f->server->url, MILK_A2611);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_file_set_contents (csv, CSV_HEADER "A-H1,hold,batch,B-MILK-A2611,暂停销售,,,\n", -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "1"));
  reply = suyuan_http_request ("GET", url, f->server->token, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), "\"status\":\"held\""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  suyuan_http_set_retry (1, 0);
#define ADD(path, func) \
  g_test_add ("/sync-alerts/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("csv-sampling-result", test_csv_sampling_result);
  ADD ("json-recall", test_json_recall);
  ADD ("bad-rows-import-nothing", test_bad_rows_import_nothing);
  ADD ("command-line-import", test_command_line_import);
  return g_test_run ();
}
