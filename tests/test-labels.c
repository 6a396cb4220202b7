/* test-labels.c — producer labels: unique serials that survive failures,
 * codes any terminal reads back, the registration queued, and real PDFs
 * whose every cell decodes to what was generated.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "label-render.h"
#include "label-check.h"
#include "label-product.h"
#include "outbox.h"
#include "sync-client.h"
#include "paths.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <string.h>

typedef struct {
  char *dir;
  char *path;
  SuyuanStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = test_dir_new ();
  f->store = test_open_demo_store (f->dir, &f->path);
  /* Expired batches get no labels: keep the demo batches these tests print
   * for valid whatever the day the tests run. */
  g_assert_true (suyuan_store_exec (f->store,
      "UPDATE batches SET expiry_date = '2060-04-30' WHERE id = 'B-MILK-A2611';"
      "UPDATE batches SET expiry_date = '2060-10-31' WHERE id = 'B-HONEY-2511';"
      "UPDATE batches SET expiry_date = '2060-10-07' WHERE id = 'B-WATER-W2610';", NULL));
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->store, suyuan_store_close);
  g_free (f->path);
  test_dir_free (f->dir);
}


static SuyuanLabelJob *
new_job (Fixture        *f,
         const char     *product,
         const char     *lot,
         guint           count,
         SuyuanLabelMode mode)
{
  g_autoptr(GError) error = NULL;
  SuyuanLabelJob *job = suyuan_label_job_new (f->store, product, lot, count, mode,
                                              "https://id.example.com", &error);

  g_assert_no_error (error);
  g_assert_nonnull (job);
  return job;
}

/* A terminal reading any label gets the product, lot, serial and expiry. */
static void
test_codes_carry_lot_and_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanLabelJob) milk = new_job (f, "PR-MILK", "A2611", 3, SUYUAN_LABEL_PER_ITEM);
  g_autoptr(SuyuanLabelJob) honey = new_job (f, "PR-HONEY", "2511", 2, SUYUAN_LABEL_PER_ITEM);
  g_autoptr(SuyuanCode) first = suyuan_code_parse (milk->payloads->pdata[0], -1);
  g_autoptr(SuyuanCode) local = suyuan_code_parse (honey->payloads->pdata[1], -1);

  g_assert_true (first->valid);
  g_assert_cmpint (first->kind, ==, SUYUAN_CODE_DIGITAL_LINK);
  g_assert_cmpstr (first->gtin, ==, "06901234567892");
  g_assert_cmpstr (first->lot, ==, "A2611");
  g_assert_cmpstr (first->serial, ==, milk->serials->pdata[0]);
  g_assert_cmpuint (first->expiry, ==, 20600430);

  /* No GTIN: Suyuan's own URI, same path syntax, under /p/<product_key>. */
  g_assert_true (local->valid);
  g_assert_cmpint (local->kind, ==, SUYUAN_CODE_SUYUAN);
  g_assert_true (g_str_has_prefix (honey->payloads->pdata[1], "https://id.example.com/p/honey-500/10/2511/21/"));
  g_assert_cmpstr (local->product_key, ==, "honey-500");
  g_assert_cmpstr (local->serial, ==, honey->serials->pdata[1]);
  g_assert_cmpuint (local->expiry, ==, 20601031);

  for (guint i = 1; i < milk->payloads->len; i++)
    g_assert_cmpstr (milk->payloads->pdata[i], !=, milk->payloads->pdata[i - 1]);
}

/* Lots may hold URI delimiters (GS1 allows / & ? %): they are escaped in
 * the code, read back unchanged and still scan. */
static void
test_lot_with_delimiters (Fixture *f, gconstpointer data)
{
  const char *lot = "A/B&C?1%";
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanLabelJob) job = NULL;
  g_autoptr(SuyuanCode) code = NULL;
  guint failed = G_MAXUINT;

  g_assert_true (suyuan_label_batch_ensure (f->store, "PR-HONEY", lot, "2058-11-20", "2060-11-19", &error));
  g_assert_no_error (error);
  job = new_job (f, "PR-HONEY", lot, 3, SUYUAN_LABEL_PER_ITEM);
  code = suyuan_code_parse (job->payloads->pdata[2], -1);
  g_assert_true (code->valid);
  g_assert_cmpstr (code->lot, ==, lot);
  g_assert_cmpuint (code->expiry, ==, 20601119);
  g_assert_true (suyuan_label_verify (job, suyuan_label_template_find ("roll-50x30"), NULL, NULL, &failed, &error));
  g_assert_cmpuint (failed, ==, 0);
}

/* Serials are reserved before printing: a run that fails to print still
 * used its serials, and the next run never repeats them, even after reopening. */
static void
test_serials_never_reused (Fixture *f, gconstpointer data)
{
  const SuyuanLabelTemplate *tmpl = suyuan_label_template_find ("a4-4x10");
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_path = g_build_filename (f->dir, "no-such-dir", "out.pdf", NULL);
  g_autoptr(SuyuanLabelJob) a = new_job (f, "PR-WATER", "W2610", 50, SUYUAN_LABEL_PER_ITEM);
  g_autoptr(SuyuanLabelJob) b = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_false (suyuan_label_write_pdf (a, tmpl, bad_path, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  suyuan_store_close (f->store);
  f->store = suyuan_store_open (f->path, &error);
  g_assert_no_error (error);
  b = new_job (f, "PR-WATER", "W2610", 50, SUYUAN_LABEL_PER_ITEM);
  g_assert_cmpint (b->first_serial, ==, a->first_serial + 50);

  for (guint i = 0; i < 50; i++)
    {
      g_assert_true (g_hash_table_add (seen, a->serials->pdata[i]));
      g_assert_true (g_hash_table_add (seen, b->serials->pdata[i]));
    }
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-WATER'"
                                         " AND state = 'commissioned'"), >=, 100);
}

static void
test_registration_queued (Fixture *f, gconstpointer data)
{
  gint64 before = test_store_int (f->store, "SELECT count(*) FROM outbox");
  g_autoptr(SuyuanLabelJob) job = new_job (f, "PR-MILK", "A2611", 7, SUYUAN_LABEL_PER_ITEM);
  sqlite3_stmt *stmt = suyuan_store_prepare (f->store,
      "SELECT kind, body, sent_at FROM outbox WHERE uuid = ?1", NULL);
  g_autoptr(JsonNode) body = NULL;
  JsonObject *record, *record_data;

  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox"), ==, before + 1);
  sqlite3_bind_text (stmt, 1, job->run_uuid, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "code-registration");
  g_assert_cmpint (sqlite3_column_type (stmt, 2), ==, SQLITE_NULL);   /* waits for the server */
  body = json_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
  sqlite3_reset (stmt);
  record = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (record, "uuid"), ==, job->run_uuid);
  g_assert_cmpstr (json_object_get_string_member (record, "kind"), ==, "code-registration");
  record_data = json_object_get_object_member (record, "data");
  g_assert_cmpstr (json_object_get_string_member (record_data, "event"), ==, "commissioning");
  g_assert_cmpstr (json_object_get_string_member (record_data, "lot"), ==, "A2611");
  g_assert_cmpint (json_object_get_int_member (record_data, "count"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (record_data, "serial_first"), ==, job->serials->pdata[0]);
  g_assert_cmpstr (json_object_get_string_member (record_data, "serial_last"), ==, job->serials->pdata[6]);

  /* The terminal keeps its own copy, under the same UUID as the run. */
  stmt = suyuan_store_prepare (f->store, "SELECT count(*) FROM records r JOIN label_runs l ON l.uuid = r.uuid"
                                         " WHERE r.uuid = ?1 AND r.kind = 'code-registration'", NULL);
  sqlite3_bind_text (stmt, 1, job->run_uuid, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
}

static void
test_per_batch (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanLabelJob) job = new_job (f, "PR-MILK", "A2611", 4, SUYUAN_LABEL_PER_BATCH);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (job->payloads->pdata[3], -1);
  gint64 units = test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-MILK'");

  g_assert_cmpuint (job->payloads->len, ==, 4);
  g_assert_cmpstr (job->payloads->pdata[0], ==, job->payloads->pdata[3]);
  g_assert_cmpstr (job->payloads->pdata[0], ==, "https://id.example.com/01/06901234567892/10/A2611?17=600430");
  g_assert_null (code->serial);
  g_assert_cmpint (units, ==, 0);
}

/* Bad input is refused with a reason, and reserves and queues nothing. */
static void
test_bad_input_changes_nothing (Fixture *f, gconstpointer data)
{
  struct { const char *product, *lot; guint count; const char *says; } cases[] = {
    { "PR-NOPE", "A1", 5, "PR-NOPE" },
    { "PR-MILK", "NOPE", 5, "NOPE" },
    { "PR-AMOX", "250901", 5, "recalled" },
    { "PR-MILK", "A2501", 5, "2025-03-31" },   /* expired */
    { "PR-MILK", "A2611", 0, "1" },
  };
  gint64 outbox = test_store_int (f->store, "SELECT count(*) FROM outbox");
  gint64 units = test_store_int (f->store, "SELECT count(*) FROM units");
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SuyuanLabelJob) job = suyuan_label_job_new (f->store, cases[i].product, cases[i].lot,
                                                            cases[i].count, SUYUAN_LABEL_PER_ITEM, NULL, &error);
      g_assert_null (job);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_clear_error (&error);
    }
  g_assert_false (suyuan_label_batch_ensure (f->store, "PR-MILK", "批号一", NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (suyuan_label_batch_ensure (f->store, "PR-MILK", "B1", "2026-13-01", NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units"), ==, units);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM label_serials"), ==, 0);
}

static void
test_new_batch_from_shelf_life (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanLabelJob) job = NULL;

  g_assert_true (suyuan_label_batch_ensure (f->store, "PR-YOGURT", "Y5911", "2059-11-20", NULL, &error));
  g_assert_no_error (error);
  job = new_job (f, "PR-YOGURT", "Y5911", 1, SUYUAN_LABEL_PER_ITEM);
  /* 21 days of shelf life: the 20th day after production is the last good one. */
  g_assert_cmpuint (job->production, ==, 20591120);
  g_assert_cmpuint (job->expiry, ==, 20591210);
}

/* Every template: each label rasterised at printer resolution reads back. */
static void
test_every_template_reads_back (Fixture *f, gconstpointer data)
{
  guint n_templates;
  const SuyuanLabelTemplate *all = suyuan_label_templates (&n_templates);

  for (guint t = 0; t < n_templates; t++)
    {
      guint n = MIN (suyuan_label_template_per_page (&all[t]), 40);
      g_autoptr(SuyuanLabelJob) job = new_job (f, t % 2 ? "PR-HONEY" : "PR-MILK", t % 2 ? "2511" : "A2611",
                                               MAX (n, 2), SUYUAN_LABEL_PER_ITEM);
      g_autoptr(SuyuanLabelPainter) painter = suyuan_label_painter_new (job, &all[t], NULL);
      g_autoptr(GError) error = NULL;
      guint failed = G_MAXUINT;

      g_assert_nonnull (painter);
      g_assert_cmpfloat (suyuan_label_painter_module_mm (painter), >=, SUYUAN_LABEL_MIN_MODULE_MM);
      g_assert_true (suyuan_label_verify (job, &all[t], NULL, NULL, &failed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (failed, ==, 0);
    }
}

/* The real PDF, rasterised by poppler: every cell of the sheet decodes to
 * exactly the code generated for it, in order. */
static void
test_pdf_sheet_decodes (Fixture *f, gconstpointer data)
{
  const SuyuanLabelTemplate *tmpl = suyuan_label_template_find ("a4-4x10");
  g_autoptr(SuyuanLabelJob) job = new_job (f, "PR-MILK", "A2611", 40, SUYUAN_LABEL_PER_ITEM);
  g_autofree char *pdf = g_build_filename (f->dir, "sheet.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (suyuan_label_write_pdf (job, tmpl, pdf, NULL, NULL, &error));
  g_assert_no_error (error);
  label_check_pdf_page (pdf, tmpl, job);
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Ink of @cell on page 1 of the PNG: the box holding every dark pixel, in mm. */
static void
ink_box (GdkPixbuf                 *page,
         const SuyuanLabelTemplate *tmpl,
         guint                      cell,
         double                     box[4])
{
  double px_per_mm = gdk_pixbuf_get_width (page) / tmpl->page_width;
  int stride = gdk_pixbuf_get_rowstride (page), channels = gdk_pixbuf_get_n_channels (page);
  const guchar *pixels = gdk_pixbuf_read_pixels (page);
  double cx, cy;
  int x0, y0, x1, y1, min_x = G_MAXINT, min_y = G_MAXINT, max_x = -1, max_y = -1;

  suyuan_label_template_cell_origin (tmpl, cell, &cx, &cy);
  x0 = (int) (cx * px_per_mm), y0 = (int) (cy * px_per_mm);
  x1 = MIN ((int) ((cx + tmpl->cell_width) * px_per_mm), gdk_pixbuf_get_width (page));
  y1 = MIN ((int) ((cy + tmpl->cell_height) * px_per_mm), gdk_pixbuf_get_height (page));
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (pixels[y * stride + x * channels] < 160)
        {
          min_x = MIN (min_x, x), max_x = MAX (max_x, x);
          min_y = MIN (min_y, y), max_y = MAX (max_y, y);
        }
  g_assert_cmpint (max_x, >=, 0);
  box[0] = min_x / px_per_mm - cx;
  box[1] = min_y / px_per_mm - cy;
  box[2] = cx + tmpl->cell_width - (max_x + 1) / px_per_mm;
  box[3] = cy + tmpl->cell_height - (max_y + 1) / px_per_mm;
}

/* The longest producer and licence a label may carry: on every template all
 * of it is printed (wrapped or smaller, never cut), and no ink comes nearer
 * a label's edge than the safe margin, nor nearer a sheet's edge than the
 * printer reaches. Measured on the PDF as poppler renders it. */
static void
test_required_text_and_safe_margins (Fixture *f, gconstpointer data)
{
  const char *producer = "华北乳业有限公司石家庄高新技术产业开发区第二分装车间";
  const char *licence = "SC10613010500012（冀）食品生产许可补充第2026-0042号";
  guint n_templates;
  const SuyuanLabelTemplate *all = suyuan_label_templates (&n_templates);

  for (guint t = 0; t < n_templates; t++)
    {
      const SuyuanLabelTemplate *tmpl = &all[t];
      guint n = MIN (suyuan_label_template_per_page (tmpl), 40);
      g_autoptr(SuyuanLabelJob) job = new_job (f, "PR-MILK", "A2611", n, SUYUAN_LABEL_PER_ITEM);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", f->dir, tmpl->id);
      g_autofree char *prefix = g_strdup_printf ("%s/%s", f->dir, tmpl->id);
      g_autofree char *png = g_strdup_printf ("%s.png", prefix);
      g_autofree char *width = g_strdup_printf ("%d", (int) (tmpl->cell_width / 25.4 * 72));
      g_autofree char *height = g_strdup_printf ("%d", (int) (tmpl->cell_height / 25.4 * 72));
      const char *to_png[] = { "pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", pdf, prefix, NULL };
      const char *to_text[] = { "pdftotext", "-r", "72", "-x", "0", "-y", "0", "-W", width, "-H", height,
                                "-f", "1", "-l", "1", pdf, "-", NULL };
      g_autofree char *text = NULL, *flat = NULL, *want_producer = NULL, *want_licence = NULL;
      g_autoptr(GdkPixbuf) page = NULL;
      g_autoptr(GError) error = NULL;
      double inset_x, inset_y;
      int status;
      guint failed = G_MAXUINT;

      g_free (job->producer);
      job->producer = g_strdup (producer);
      g_free (job->licence_no);
      job->licence_no = g_strdup (licence);
      g_assert_true (suyuan_label_write_pdf (job, tmpl, pdf, NULL, NULL, &error));
      g_assert_no_error (error);

      /* Every character of the required fields, in the first label. */
      g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &text, NULL, &status, &error));
      flat = squeeze (text);
      want_producer = squeeze (producer);
      want_licence = squeeze (licence);
      g_test_message ("%s: %s", tmpl->id, flat);
      g_assert_nonnull (strstr (flat, want_producer));
      g_assert_nonnull (strstr (flat, want_licence));

      /* Ink stays inside the safe area of every label on the page. */
      g_assert_true (g_spawn_sync (NULL, (char **) to_png, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      page = gdk_pixbuf_new_from_file (png, &error);
      g_assert_no_error (error);
      suyuan_label_template_insets (tmpl, &inset_x, &inset_y);
      g_assert_cmpfloat (inset_x, >=, SUYUAN_LABEL_SAFE_MM);
      g_assert_cmpfloat (inset_y, >=, SUYUAN_LABEL_SAFE_MM);
      for (guint cell = 0; cell < n; cell++)
        {
          double box[4];

          ink_box (page, tmpl, cell, box);
          if (cell == 0)
            g_test_message ("%s: ink %.2f / %.2f / %.2f / %.2f mm from the edges", tmpl->id,
                            box[0], box[1], box[2], box[3]);
          /* Half a pixel at 300 dpi for rasterising. */
          g_assert_cmpfloat (box[0], >=, inset_x - 0.05);
          g_assert_cmpfloat (box[1], >=, inset_y - 0.05);
          g_assert_cmpfloat (box[2], >=, inset_x - 0.05);
          g_assert_cmpfloat (box[3], >=, inset_y - 0.05);
        }
      /* And the codes still read back. */
      g_assert_true (suyuan_label_verify (job, tmpl, NULL, NULL, &failed, &error));
      g_assert_cmpuint (failed, ==, 0);
    }
}

/* The human-readable dates follow the locale as everywhere else (zh_CN:
 * 2060年4月30日), while the code keeps its own AI (17) date untouched. */
static void
test_dates_in_locale (Fixture *f, gconstpointer data)
{
  static const struct { const char *language; const char *expiry; } cases[] = {
    { "en", "2060-04-30" },
    { "zh_CN", "2060年4月30日" },
  };
  const SuyuanLabelTemplate *tmpl = suyuan_label_template_find ("roll-50x30");
  g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));

  g_assert_nonnull (tmpl);
  suyuan_i18n_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SuyuanLabelJob) job = new_job (f, "PR-MILK", "A2611", 1, SUYUAN_LABEL_PER_ITEM);
      g_autoptr(SuyuanCode) code = suyuan_code_parse (job->payloads->pdata[0], -1);
      g_autofree char *pdf = g_strdup_printf ("%s/date-%s.pdf", f->dir, cases[i].language);
      const char *to_text[] = { "pdftotext", "-layout", pdf, "-", NULL };
      g_autofree char *text = NULL, *flat = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      g_assert_true (suyuan_label_write_pdf (job, tmpl, pdf, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) to_text, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &text, NULL, &status, &error));
      flat = squeeze (text);
      g_test_message ("%s: %s", cases[i].language, flat);
      g_assert_nonnull (strstr (flat, cases[i].expiry));
      g_assert_true (code->valid);
      g_assert_cmpuint (code->expiry, ==, 20600430);
    }
  if (old != NULL)
    g_setenv ("LANGUAGE", old, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static int
run_ctl (const char *const *args,
         char              **out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("SUYUAN_CTL"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                out, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli_generate (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "roll.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "roll.png", NULL);
  const char *good[] = { "labels", "generate", "--store", f->path, "--product", "PR-HONEY", "--lot", "2511",
                         "--count", "5", "--template", "roll-50x30", "--pdf", pdf, "--png", png,
                         "--verify", "--json", NULL };
  const char *bad_template[] = { "labels", "generate", "--store", f->path, "--product", "PR-HONEY",
                                 "--lot", "2511", "--count", "5", "--template", "a5", "--pdf", pdf, NULL };
  const char *recalled[] = { "labels", "generate", "--store", f->path, "--product", "PR-AMOX",
                             "--lot", "250901", "--count", "5", "--pdf", pdf, NULL };
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *result;

  g_clear_pointer (&f->store, suyuan_store_close);
  g_assert_cmpint (run_ctl (good, &out), ==, 0);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  result = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (result, "pages"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (result, "verified"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (result, "failed"), ==, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "first_code"),
                                   "https://id.example.com/p/honey-500/10/2511/21/"));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  g_clear_pointer (&out, g_free);
  g_unlink (pdf);
  g_assert_cmpint (run_ctl (bad_template, &out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_ctl (recalled, &out), ==, 1);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* A real crash: suyuanctl is killed while it writes a big run. No PDF is
 * left as if complete, and the next run starts after every serial reserved. */
static void
test_killed_mid_run (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "big.pdf", NULL);
  const char *argv[] = { g_getenv ("SUYUAN_CTL"), "labels", "generate", "--store", f->path,
                         "--product", "PR-WATER", "--lot", "W2610", "--count", "20000",
                         "--template", "roll-40x30", "--pdf", pdf, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanLabelJob) next = NULL;
  g_autofree char *line = NULL;

  g_clear_pointer (&f->store, suyuan_store_close);
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));
  /* The first progress line: serials are reserved and pages are being written. */
  line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (proc));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  f->store = suyuan_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox WHERE kind = 'code-registration'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM records WHERE kind = 'code-registration'"), ==, 1);
  next = new_job (f, "PR-WATER", "W2610", 1, SUYUAN_LABEL_PER_ITEM);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM units WHERE product_id = 'PR-WATER'"
                                         " AND serial = '" "020001" "'"), ==, 1);
  g_assert_cmpstr (next->serials->pdata[0], ==, "020001");
}

/* Saving @p must fail on @code and leave the products and the outbox as they were. */
static void
assert_refused (Fixture           *f,
                SuyuanProductEdit *p,
                SuyuanProductError code)
{
  gint64 products = test_store_int (f->store, "SELECT count(*) FROM products");
  gint64 queued = test_store_int (f->store, "SELECT count(*) FROM outbox");
  g_autoptr(GError) error = NULL;

  g_assert_false (suyuan_product_save (f->store, p, &error));
  g_assert_error (error, SUYUAN_PRODUCT_ERROR, (gint) code);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM products"), ==, products);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox"), ==, queued);
}

static void
set (char      **field,
     const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Bad products are refused, each with the field at fault; nothing is stored. */
static void
test_product_validation (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanProductEdit) p = suyuan_product_edit_new ();

  set (&p->name, "   ");
  set (&p->gtin, "6901234567991");
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_NAME);
  set (&p->name, "绿豆糕");
  set (&p->gtin, "6901234567992");     /* check digit off by one */
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_GTIN);
  set (&p->gtin, "69012345679");       /* 11 digits */
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_GTIN);
  set (&p->gtin, "6901234567908");     /* the demo's drinking water */
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_GTIN);
  set (&p->gtin, "");
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_PRODUCT_KEY);
  set (&p->product_key, "honey-500");  /* the demo's honey */
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_PRODUCT_KEY);
  set (&p->product_key, "mung bean/cake");
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_PRODUCT_KEY);
  set (&p->product_key, "mung-cake");
  set (&p->category, "toys");
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_CATEGORY);
  set (&p->category, "food");
  g_free (p->storage);
  p->storage = g_strnfill (201, 'x');
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_TEXT);
  set (&p->storage, "常温");
  set (&p->producer_id, "P-NOBODY");
  assert_refused (f, p, SUYUAN_PRODUCT_ERROR_PRODUCER);
  g_assert_null (p->id);
}

/* A product added and edited on the terminal is stored with a 14-digit
 * GTIN, travels to the server, and gets labels that read back. */
static void
test_product_add_edit_and_print (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanProductEdit) p = suyuan_product_edit_new ();
  g_autoptr(SuyuanProductEdit) again = NULL;
  g_autoptr(SuyuanLabelJob) job = NULL;
  g_autoptr(SuyuanCode) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *producer = NULL;
  gint64 queued = test_store_int (f->store, "SELECT count(*) FROM records WHERE kind = 'event'");

  producer = suyuan_product_add_producer (f->store, " 南山食品厂 ", "SC11111111111111", &error);
  g_assert_no_error (error);
  set (&p->name, "绿豆糕");
  set (&p->spec, "250 g");
  set (&p->gtin, "6901234567991");
  set (&p->producer_id, producer);
  p->shelf_life_days = 90;
  g_assert_true (suyuan_product_save (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p->id, ==, "PR-06901234567991");
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM products WHERE gtin = '06901234567991'"
                                         " AND name = '绿豆糕' AND shelf_life_days = 90"), ==, 1);
  /* The producer and the product wait in the outbox as master data. */
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM records WHERE kind = 'event'"), ==, queued + 2);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM outbox o JOIN records r ON r.uuid = o.uuid"
                                         " WHERE json_extract (r.data, '$.type') = 'master-data'"
                                         " AND json_extract (r.data, '$.products[0].gtin') = '06901234567991'"
                                         " AND json_extract (o.body, '$.data.products[0].name') = '绿豆糕'"), ==, 1);

  /* Editing keeps its own GTIN without calling it a duplicate. */
  again = suyuan_product_edit_load (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->producer_id, ==, producer);
  again->shelf_life_days = 120;
  set (&again->approval_no, "SC11111111111111");
  g_assert_true (suyuan_product_save (f->store, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM products WHERE id = 'PR-06901234567991'"
                                         " AND shelf_life_days = 120"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM records WHERE kind = 'event'"), ==, queued + 3);

  /* A new batch travels too, and the labels carry the GTIN. */
  g_assert_true (suyuan_label_batch_ensure (f->store, p->id, "MB01", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM records WHERE kind = 'event'"
                                         " AND json_extract (data, '$.batches[0].lot') = 'MB01'"), ==, 1);
  job = new_job (f, p->id, "MB01", 3, SUYUAN_LABEL_PER_ITEM);
  code = suyuan_code_parse (job->payloads->pdata[2], -1);
  g_assert_cmpstr (code->gtin, ==, "06901234567991");
  g_assert_cmpstr (code->lot, ==, "MB01");
  g_assert_cmpstr (job->licence_no, ==, "SC11111111111111");
}

static void
test_cli_product (Fixture *f, gconstpointer data)
{
  const char *add[] = { "labels", "product", "add", "--store", f->path, "--name", "桂花糕", "--key", "osmanthus-cake",
                        "--category", "food", "--shelf-life", "30", "--new-producer", "南山食品厂", "--json", NULL };
  const char *edit[] = { "labels", "product", "edit", "--store", f->path, "--id", "PR-osmanthus-cake",
                         "--spec", "6 块", NULL };
  const char *bad_gtin[] = { "labels", "product", "add", "--store", f->path, "--name", "X", "--gtin", "6901234567992", NULL };
  const char *taken_id[] = { "labels", "product", "add", "--store", f->path, "--id", "PR-HONEY", "--name", "X",
                             "--key", "x-1", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_clear_pointer (&f->store, suyuan_store_close);
  g_assert_cmpint (run_ctl (add, &out), ==, 0);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "id"), ==, "PR-osmanthus-cake");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_ctl (edit, &out), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_ctl (bad_gtin, &out), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_ctl (taken_id, &out), ==, 1);

  f->store = suyuan_store_open (f->path, NULL);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM products p JOIN parties pa ON pa.id = p.producer_id"
                                         " WHERE p.id = 'PR-osmanthus-cake' AND p.spec = '6 块'"
                                         " AND p.shelf_life_days = 30 AND pa.name = '南山食品厂'"), ==, 1);
  g_assert_cmpint (test_store_int (f->store, "SELECT count(*) FROM products WHERE id = 'PR-HONEY' AND name = '土蜂蜜'"), ==, 1);
}

/* What the producer's terminal made reaches a real suyuan-server: the new
 * product, its producer, its batch and the label run. */
static void
test_master_data_reaches_server (Fixture *f, gconstpointer data)
{
  g_autofree char *server_dir = g_build_filename (f->dir, "server", NULL);
  g_autoptr(SuyuanProductEdit) p = suyuan_product_edit_new ();
  g_autoptr(SuyuanLabelJob) job = NULL;
  g_autoptr(GError) error = NULL;
  TestServer *server;
  guint64 sent = 0, rejected = 0;

  g_assert_cmpint (g_mkdir (server_dir, 0700), ==, 0);
  server = test_server_start (server_dir, NULL);
  set (&p->name, "桂花糕");
  set (&p->product_key, "osmanthus-cake");
  p->shelf_life_days = 30;
  p->producer_id = suyuan_product_add_producer (f->store, "南山食品厂", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (suyuan_product_save (f->store, p, &error));
  g_assert_true (suyuan_label_batch_ensure (f->store, p->id, "OC01", NULL, NULL, &error));
  g_assert_no_error (error);
  job = new_job (f, p->id, "OC01", 2, SUYUAN_LABEL_PER_ITEM);

  g_assert_true (suyuan_sync_push (f->store, server->url, server->token, NULL, NULL, &sent, &rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rejected, ==, 0);
  g_assert_cmpint (suyuan_outbox_count_pending (f->store), ==, 0);
  g_assert_cmpint (test_server_db_int (server_dir, "SELECT count(*) FROM records WHERE kind = 'event'"
                                                   " AND json_extract (data, '$.type') = 'master-data'"), ==, 3);
  g_assert_cmpint (test_server_db_int (server_dir, "SELECT count(*) FROM records WHERE kind = 'event'"
                                                   " AND json_extract (data, '$.products[0].product_key')"
                                                   " = 'osmanthus-cake'"), ==, 1);
  g_assert_cmpint (test_server_db_int (server_dir, "SELECT count(*) FROM records WHERE kind = 'code-registration'"
                                                   " AND json_extract (data, '$.lot') = 'OC01'"), ==, 1);
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/labels/codes-carry-lot-and-expiry", test_codes_carry_lot_and_expiry);
  ADD ("/labels/lot-with-delimiters", test_lot_with_delimiters);
  ADD ("/labels/serials-never-reused", test_serials_never_reused);
  ADD ("/labels/registration-queued", test_registration_queued);
  ADD ("/labels/per-batch", test_per_batch);
  ADD ("/labels/required-text-and-safe-margins", test_required_text_and_safe_margins);
  ADD ("/labels/dates-in-locale", test_dates_in_locale);
  ADD ("/labels/bad-input-changes-nothing", test_bad_input_changes_nothing);
  ADD ("/labels/new-batch-from-shelf-life", test_new_batch_from_shelf_life);
  ADD ("/labels/every-template-reads-back", test_every_template_reads_back);
  ADD ("/labels/pdf-sheet-decodes", test_pdf_sheet_decodes);
  ADD ("/labels/cli-generate", test_cli_generate);
  ADD ("/labels/killed-mid-run", test_killed_mid_run);
  ADD ("/labels/product-validation", test_product_validation);
  ADD ("/labels/product-add-edit-and-print", test_product_add_edit_and_print);
  ADD ("/labels/cli-product", test_cli_product);
  ADD ("/labels/master-data-reaches-server", test_master_data_reaches_server);
  return g_test_run ();
}
