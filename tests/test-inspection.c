/* test-inspection.c — the inspection model on a real store: write-through,
 * finishing into the outbox, immutability (core and SQL), corrections.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "outbox.h"
#include "code.h"
#include "test-support.h"
#include "inspection-pdf.h"

typedef struct {
  char *dir;
  char *path;
  SuyuanStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  f->dir = test_dir_new ();
  f->store = test_open_demo_store (f->dir, &f->path);
  g_assert_true (json_parser_load_from_data (parser,
      "{\"id\":\"T-1\",\"party_id\":\"P-SHOP\",\"kind\":\"random\",\"due_date\":\"2026-11-30\"}", -1, NULL));
  g_assert_true (suyuan_store_apply_entity (f->store, "inspection_task",
                                            json_node_get_object (json_parser_get_root (parser)), &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  suyuan_store_close (f->store);
  g_free (f->path);
  test_dir_free (f->dir);
}

static SuyuanVerdict *
judge (SuyuanStore *store,
       const char  *payload)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse (payload, -1);
  g_autoptr(SuyuanLookup) lookup = suyuan_store_lookup (store, code, NULL);
  SuyuanVerdictSettings settings;

  suyuan_verdict_settings_init (&settings);
  return suyuan_verdict_judge (code, lookup, 20261123, &settings);
}

static SuyuanInspection *
start_from_task (Fixture *f)
{
  g_autoptr(GPtrArray) tasks = suyuan_inspection_list_tasks (f->store, NULL);
  g_autoptr(GError) error = NULL;
  SuyuanInspection *inspection;

  g_assert_nonnull (tasks);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpstr (((SuyuanInspectionTask *) tasks->pdata[0])->party_name, ==, "惠民大药房（城东店）");
  g_assert_cmpstr (((SuyuanInspectionTask *) tasks->pdata[0])->licence_no, ==, "浙CB5710288");
  inspection = suyuan_inspection_start (f->store, tasks->pdata[0], "王检查", NULL, &error);
  g_assert_no_error (error);
  return inspection;
}

static void
test_record_and_finish (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SuyuanInspection) inspection = start_from_task (f);
  g_autoptr(SuyuanInspection) loaded = NULL;
  g_autoptr(SuyuanVerdict) recalled = judge (f->store, "81234560000000011234");
  g_autoptr(SuyuanVerdict) water = judge (f->store, "6901234567908");
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanInspectionItem *item;
  gint64 pending = suyuan_outbox_count_pending (f->store);

  item = suyuan_inspection_add_item (f->store, inspection, "81234560000000011234", recalled, "阿莫西林胶囊", &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->seq, ==, 1);
  g_assert_cmpint (item->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_nonnull (strstr (item->reasons, "recalled"));
  suyuan_inspection_add_item (f->store, inspection, "6901234567908", water, "天然饮用水", &error);
  g_assert_no_error (error);
  g_assert_true (suyuan_inspection_set_action (f->store, inspection, 1, SUYUAN_ACTION_SEALED, "封存 12 盒", &error));
  g_assert_true (suyuan_inspection_add_photo (f->store, inspection, 1, "/tmp/shelf.jpg", &error));
  g_assert_false (suyuan_inspection_set_action (f->store, inspection, 9, SUYUAN_ACTION_SEALED, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Written through: a crash now loses nothing; the open one comes back. */
  loaded = suyuan_inspection_load_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->uuid, ==, inspection->uuid);
  g_assert_cmpuint (loaded->items->len, ==, 2);
  item = suyuan_inspection_get_item (loaded, 1);
  g_assert_cmpint (item->action, ==, SUYUAN_ACTION_SEALED);
  g_assert_cmpstr (item->notes, ==, "封存 12 盒");
  g_assert_cmpstr (item->photos->pdata[0], ==, "/tmp/shelf.jpg");
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, pending);

  g_assert_true (suyuan_inspection_finish (f->store, loaded, SUYUAN_RESULT_RECTIFY, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (loaded->finished_at);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, pending + 1);
  tasks = suyuan_inspection_list_tasks (f->store, NULL);
  g_assert_cmpuint (tasks->len, ==, 0);
  g_assert_null (suyuan_inspection_load_open (f->store, NULL));

  /* The outbox body is the record, with the actions and results as ids. */
  {
    g_autoptr(GPtrArray) batch = suyuan_outbox_next_batch (f->store, 0, 100, &error);
    g_autoptr(JsonParser) parser = json_parser_new ();
    SuyuanOutboxItem *last = batch->pdata[batch->len - 1];
    JsonObject *record, *rdata;
    JsonObject *first;

    g_assert_cmpstr (last->uuid, ==, loaded->record_uuid);
    g_assert_true (json_parser_load_from_data (parser, last->body, -1, NULL));
    record = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "inspection");
    rdata = json_object_get_object_member (record, "data");
    g_assert_cmpstr (json_object_get_string_member (rdata, "result"), ==, "rectify");
    g_assert_cmpstr (json_object_get_string_member (rdata, "inspector"), ==, "王检查");
    g_assert_cmpstr (json_object_get_string_member (rdata, "party_id"), ==, "P-SHOP");
    first = json_array_get_object_element (json_object_get_array_member (rdata, "items"), 0);
    g_assert_cmpstr (json_object_get_string_member (first, "action"), ==, "sealed");
    g_assert_cmpstr (json_object_get_string_member (first, "level"), ==, "stop");
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "photos"), 0), ==, "shelf.jpg");
  }
}

static void
test_finished_is_immutable (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SuyuanInspection) inspection = start_from_task (f);
  g_autoptr(SuyuanInspection) correction = NULL;
  g_autoptr(SuyuanInspection) original = NULL;
  g_autoptr(SuyuanVerdict) expired = judge (f->store, "01069012345678921725033110A2501");
  g_autoptr(GError) error = NULL;
  const char *const tampering[] = {
    "UPDATE inspections SET result = 'pass'",
    "DELETE FROM inspections",
    "UPDATE inspection_items SET action = 'none'",
    "DELETE FROM inspection_items",
  };

  g_assert_nonnull (suyuan_inspection_add_item (f->store, inspection, "01069012345678921725033110A2501", expired, "全脂纯牛奶 A2501", &error));
  g_assert_true (suyuan_inspection_set_action (f->store, inspection, 1, SUYUAN_ACTION_REMOVED, NULL, &error));
  g_assert_true (suyuan_inspection_finish (f->store, inspection, SUYUAN_RESULT_FAIL, "", &error));
  g_assert_no_error (error);

  /* The core refuses every change … */
  g_assert_null (suyuan_inspection_add_item (f->store, inspection, "6901234567908", NULL, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_FINISHED);
  g_clear_error (&error);
  g_assert_false (suyuan_inspection_set_action (f->store, inspection, 1, SUYUAN_ACTION_NONE, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_FINISHED);
  g_clear_error (&error);
  g_assert_false (suyuan_inspection_finish (f->store, inspection, SUYUAN_RESULT_PASS, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_FINISHED);
  g_clear_error (&error);
  g_assert_false (suyuan_inspection_discard (f->store, inspection, &error));
  g_clear_error (&error);

  /* … and so does the database, for anyone writing SQL directly. */
  for (gsize i = 0; i < G_N_ELEMENTS (tampering); i++)
    {
      g_assert_false (suyuan_store_exec (f->store, tampering[i], &error));
      g_assert_nonnull (strstr (error->message, "finished inspection"));
      g_clear_error (&error);
    }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO inspection_items (inspection_uuid, seq, code, level)"
                                            " VALUES ('%s', 7, 'x', 'ok')", inspection->uuid);
    g_assert_false (suyuan_store_exec (f->store, sql, &error));
    g_clear_error (&error);
  }

  /* A correction is a new record naming the old one; the old stays as it was. */
  correction = suyuan_inspection_start_correction (f->store, inspection, "李复核", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (correction->corrects, ==, inspection->uuid);
  g_assert_cmpstr (correction->party_id, ==, "P-SHOP");
  g_assert_cmpuint (correction->items->len, ==, 1);
  g_assert_cmpint (suyuan_inspection_get_item (correction, 1)->action, ==, SUYUAN_ACTION_REMOVED);
  g_assert_nonnull (strstr (suyuan_inspection_get_item (correction, 1)->reasons, "expired"));
  g_assert_true (suyuan_inspection_set_action (f->store, correction, 1, SUYUAN_ACTION_SEALED, "改为封存", &error));
  g_assert_true (suyuan_inspection_finish (f->store, correction, SUYUAN_RESULT_FAIL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (correction->inspector, ==, "李复核");

  original = suyuan_inspection_load (f->store, inspection->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (original->result, ==, SUYUAN_RESULT_FAIL);
  g_assert_cmpint (suyuan_inspection_get_item (original, 1)->action, ==, SUYUAN_ACTION_REMOVED);
  g_assert_cmpstr (original->inspector, ==, "王检查");
  g_clear_pointer (&original, suyuan_inspection_free);
  original = suyuan_inspection_load (f->store, correction->uuid, &error);
  g_assert_nonnull (strstr (suyuan_inspection_get_item (original, 1)->reasons, "expired"));
  g_assert_cmpstr (suyuan_inspection_get_item (original, 1)->findings, ==,
                   suyuan_inspection_get_item (correction, 1)->findings);
  g_assert_cmpstr (suyuan_inspection_get_item (original, 1)->findings, !=, "");
}

static void
test_hostile_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SuyuanInspection) inspection = start_from_task (f);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *huge = g_strnfill (SUYUAN_INSPECTION_MAX_CODE + 1, '7');
  g_autoptr(GError) error = NULL;
  SuyuanInspectionTask nameless = { 0 };

  g_assert_null (suyuan_inspection_add_item (f->store, inspection, huge, NULL, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (suyuan_inspection_add_item (f->store, inspection, "\xff\xfe", NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpuint (inspection->items->len, ==, 0);
  g_assert_null (suyuan_inspection_start (f->store, &nameless, NULL, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID);
  g_clear_error (&error);
  /* An inspector must be named before finishing; nothing is enqueued. */
  g_free (inspection->inspector);
  inspection->inspector = NULL;
  g_assert_false (suyuan_inspection_finish (f->store, inspection, SUYUAN_RESULT_PASS, NULL, &error));
  g_assert_error (error, SUYUAN_INSPECTION_ERROR, SUYUAN_INSPECTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (inspection->finished_at);

  /* Search by licence or by part of the name; '%' is text, not a pattern. */
  found = suyuan_inspection_find_parties (f->store, " 浙CB5710301 ", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((SuyuanInspectionTask *) found->pdata[0])->party_id, ==, "P-SHOP2");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = suyuan_inspection_find_parties (f->store, "大药房", 10, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = suyuan_inspection_find_parties (f->store, "%", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
}

static char *
run_ctl (const char *const *args,
         int               *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", "zh_CN", TRUE);
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SUYUAN_CTL"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (gpointer) *args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(SuyuanInspection) inspection = start_from_task (f);
  g_autoptr(SuyuanVerdict) recalled = judge (f->store, "81234560000000011234");
  g_autofree char *pdf = g_build_filename (f->dir, "record.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autofree char *out = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;
  int status, n_pages;

  /* Enough items for a second page; a hostile code is plain text. */
  for (int i = 0; i < 30; i++)
    g_assert_nonnull (suyuan_inspection_add_item (f->store, inspection, i == 29 ? "<b>&amp;</b>" : "81234560000000011234",
                                                  recalled, "阿莫西林胶囊", &error));
  g_assert_true (suyuan_inspection_set_action (f->store, inspection, 1, SUYUAN_ACTION_SEALED, "封存 12 盒", &error));
  g_assert_true (suyuan_inspection_finish (f->store, inspection, SUYUAN_RESULT_FAIL, NULL, &error));
  n_pages = suyuan_inspection_count_pages (inspection);
  g_assert_cmpint (n_pages, ==, 2);

  out = run_ctl ((const char *[]) { "inspection", "pdf", "--store", f->path, inspection->uuid, pdf, NULL }, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "2 页"));
  g_clear_pointer (&out, g_free);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, &status, &error));
  }
  g_assert_nonnull (strstr (text, "现场检查记录"));
  g_assert_nonnull (strstr (text, "惠民大药房（城东店）"));
  g_assert_nonnull (strstr (text, "浙CB5710288"));
  g_assert_nonnull (strstr (text, "王检查"));
  g_assert_nonnull (strstr (text, "封存"));
  g_assert_nonnull (strstr (text, "检查结果：不合格"));
  g_assert_nonnull (strstr (text, "<b>&amp;</b>"));
  g_assert_nonnull (strstr (text, "第 2 页，共 2 页"));
  g_assert_nonnull (strstr (text, "被检查单位负责人（签字）"));

  /* An unknown record: a clear error and no file. */
  out = run_ctl ((const char *[]) { "inspection", "pdf", "--store", f->path, "no-such-uuid", missing, NULL }, &status);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* What `suyuanctl inspection list` prints: every inspection, oldest first,
 * "open" until finished, then its result. */
static void
test_list_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SuyuanInspection) inspection = start_from_task (f);
  g_autoptr(GPtrArray) list = suyuan_inspection_list_all (f->store, NULL);
  g_autoptr(GError) error = NULL;
  const SuyuanInspectionSummary *summary;

  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 1);
  summary = list->pdata[0];
  g_assert_cmpstr (summary->uuid, ==, inspection->uuid);
  g_assert_cmpstr (summary->party_name, ==, "惠民大药房（城东店）");
  g_assert_cmpstr (summary->started_at, ==, inspection->started_at);
  g_assert_cmpstr (summary->result, ==, "open");
  g_assert_null (summary->corrects);

  g_assert_true (suyuan_inspection_finish (f->store, inspection, SUYUAN_RESULT_RECTIFY, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = suyuan_inspection_list_all (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SuyuanInspectionSummary *) list->pdata[0])->result, ==, "rectify");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/inspection/record-and-finish", Fixture, NULL, fixture_setup, test_record_and_finish, fixture_teardown);
  g_test_add ("/inspection/finished-is-immutable", Fixture, NULL, fixture_setup, test_finished_is_immutable, fixture_teardown);
  g_test_add ("/inspection/hostile-input", Fixture, NULL, fixture_setup, test_hostile_input, fixture_teardown);
  g_test_add ("/inspection/list-all", Fixture, NULL, fixture_setup, test_list_all, fixture_teardown);
  g_test_add ("/inspection/pdf", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  return g_test_run ();
}
