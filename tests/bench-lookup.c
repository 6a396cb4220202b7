/* bench-lookup.c — builds a store with ten million units (SUYUAN_BENCH_UNITS
 * to change it) and times suyuan_store_lookup on random unit codes next to a
 * bare primary-key query on the same file, interleaved so both see the same cache.
 * Then, on the same store, what the app does on the main thread per scan — a
 * lookup, a receipt scan (saved at once), an inspection item (saved at once) —
 * against one 16 ms frame at 60 Hz (issue 16: off the main thread, or under
 * a frame). Last, the same scans as the app makes them now, saved by a writer
 * thread: what they cost the main thread, and how long until they are durable.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "verdict.h"
#include "receipt.h"
#include "inspection.h"
#include "store-writer.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define N_PRODUCTS 1000
#define BATCHES_PER_PRODUCT 10
#define N_SAMPLES 20000
#define N_SAVES 500
/* One frame at 60 Hz, in µs: what the main thread may spend and still draw. */
#define FRAME_US 16000.0

/* Microseconds with nanosecond resolution: a bare query takes a few µs.
 * Wall time is what a user waits; thread CPU time leaves out the moments
 * the scheduler gave the core to someone else, which on a shared machine
 * dominate the wall-clock p99. */
static double
now_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void
gtin_for (guint product,
          char  out[15])
{
  int sum = 0;

  g_snprintf (out, 15, "0690%09u", product);
  for (int i = 12; i >= 0; i--)
    sum += (out[i] - '0') * ((12 - i) % 2 == 0 ? 3 : 1);
  out[13] = (char) ('0' + (10 - sum % 10) % 10);
  out[14] = '\0';
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
step_or_die (sqlite3      *db,
             sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("insert: %s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

/* Master data through the store's own schema, units in one transaction on
 * prepared statements, in primary-key order so every insert appends. */
static void
build (const char *path,
       guint       n_units)
{
  g_autoptr(GError) error = NULL;
  SuyuanStore *store = suyuan_store_open (path, &error);
  sqlite3 *db = suyuan_store_get_db (store);
  sqlite3_stmt *product, *batch, *unit, *event;
  guint per_product = n_units / N_PRODUCTS;

  g_assert_no_error (error);
  exec_or_die (db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; BEGIN;"
                   "INSERT INTO parties (id, name, licence_status) VALUES ('P', 'producer', 'valid');"
                   "INSERT INTO parties (id, name, kind, licence_no, licence_status)"
                   " VALUES ('S', 'shop', 'retailer', 'L-S', 'valid');"
                   "INSERT INTO alerts (id, kind, scope, target_id, title) VALUES ('A', 'recall', 'batch', 'B000007-3', 'notice');");
  sqlite3_prepare_v2 (db, "INSERT INTO products (id, gtin, name, category, producer_id) VALUES (?1, ?2, 'product', 'food', 'P')", -1, &product, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO batches (id, product_id, lot, expiry_date) VALUES (?1, ?2, ?3, '2030-01-01')", -1, &batch, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO units (product_id, serial, batch_id) VALUES (?1, ?2, ?3)", -1, &unit, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO events (id, type, time, product_id, batch_id, party_id) VALUES (?1, ?2, ?3, ?4, ?5, 'P')", -1, &event, NULL);
  for (guint p = 0; p < N_PRODUCTS; p++)
    {
      char id[16], gtin[15];

      g_snprintf (id, sizeof id, "P%06u", p);
      gtin_for (p, gtin);
      sqlite3_bind_text (product, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (product, 2, gtin, -1, SQLITE_TRANSIENT);
      step_or_die (db, product);
      for (guint b = 0; b < BATCHES_PER_PRODUCT; b++)
        {
          char batch_id[24], lot[8];
          static const char *const types[] = { "commissioning", "shipping", "receiving" };

          g_snprintf (batch_id, sizeof batch_id, "B%06u-%u", p, b);
          g_snprintf (lot, sizeof lot, "L%u", b);
          sqlite3_bind_text (batch, 1, batch_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (batch, 2, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (batch, 3, lot, -1, SQLITE_TRANSIENT);
          step_or_die (db, batch);
          for (guint e = 0; e < G_N_ELEMENTS (types); e++)
            {
              char event_id[32], time[32];

              g_snprintf (event_id, sizeof event_id, "E%s-%u", batch_id, e);
              g_snprintf (time, sizeof time, "2026-0%u-01T08:00:00+08:00", e + 1);
              sqlite3_bind_text (event, 1, event_id, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (event, 2, types[e], -1, SQLITE_STATIC);
              sqlite3_bind_text (event, 3, time, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (event, 4, id, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (event, 5, batch_id, -1, SQLITE_TRANSIENT);
              step_or_die (db, event);
            }
        }
      for (guint s = 0; s < per_product; s++)
        {
          char serial[16], batch_id[24];

          g_snprintf (serial, sizeof serial, "%010u", s);
          g_snprintf (batch_id, sizeof batch_id, "B%06u-%u", p, s * BATCHES_PER_PRODUCT / per_product);
          sqlite3_bind_text (unit, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (unit, 2, serial, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (unit, 3, batch_id, -1, SQLITE_TRANSIENT);
          step_or_die (db, unit);
        }
      if ((p + 1) % 100 == 0)
        fprintf (stderr, "\rbuilding: %u of %u units", (p + 1) * per_product, n_units);
    }
  fputc ('\n', stderr);
  exec_or_die (db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);");
  sqlite3_finalize (product);
  sqlite3_finalize (batch);
  sqlite3_finalize (unit);
  sqlite3_finalize (event);
  suyuan_store_close (store);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *us,
        guint       n,
        double      anchor_p50)
{
  double p50, p99;

  qsort (us, n, sizeof (double), compare_doubles);
  p50 = us[n / 2];
  p99 = us[n * 99 / 100];
  printf ("%-40s p50 %7.2f µs  p99 %7.2f µs", what, p50, p99);
  if (anchor_p50 > 0)
    printf ("  (%.1f× the bare query)", p50 / anchor_p50);
  putchar ('\n');
}

/* p50 and p99 of @us as parts of a frame, and whether p99 stays under it. */
static void
report_frame (const char *what,
              double     *us,
              guint       n)
{
  double p50, p99;

  qsort (us, n, sizeof (double), compare_doubles);
  p50 = us[n / 2];
  p99 = us[n * 99 / 100];
  printf ("%-40s p50 %8.2f µs (%5.1f%% of a frame)  p99 %8.2f µs (%5.1f%%)  %s\n", what,
          p50, 100 * p50 / FRAME_US, p99, 100 * p99 / FRAME_US,
          p99 < FRAME_US ? "under one frame" : "OVER one frame");
}

static char *
random_unit (GRand *rand,
             guint  per_product)
{
  guint p = (guint) g_rand_int_range (rand, 0, N_PRODUCTS);
  guint s = (guint) g_rand_int_range (rand, 0, (gint32) per_product);
  char gtin[15];

  gtin_for (p, gtin);
  return g_strdup_printf ("01%s21%010u", gtin, s);
}

/* Commits seen on the main thread: the k-th callback is the k-th save. */
typedef struct {
  double *pushed;               /* µs, when each save was queued */
  double *durable;              /* µs from queued to committed */
  guint n_done;
} Durable;

static void
durable_at (Durable *d,
            guint    index)
{
  if (index >= N_SAVES)
    g_error ("save %u was never made", index);
  d->durable[index] = now_us (CLOCK_MONOTONIC) - d->pushed[index];
  d->n_done++;
}

static void
on_receipt_saved (SuyuanReceipt *receipt,
                  const GError  *error,
                  gpointer       data)
{
  Durable *d = data;

  g_assert_no_error ((GError *) error);
  durable_at (d, d->n_done);
}

static void
on_item_saved (SuyuanInspection *inspection,
               int               seq,
               const GError     *error,
               gpointer          data)
{
  g_assert_no_error ((GError *) error);
  durable_at (data, (guint) seq - 1);
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The pages as they are now: a writer thread each, its own connection. The
 * scans come 20 ms apart (a fast scanner), the main loop running between
 * them as the app's does; the saves commit meanwhile. */
static void
time_writer_saves (SuyuanStore *store,
                   GRand       *rand,
                   guint        per_product,
                   double       anchor_us)
{
  SuyuanInspectionTask shop = { NULL, (char *) "S", (char *) "shop", (char *) "L-S", NULL, NULL };
  g_autofree double *receipt_us = g_new (double, N_SAVES);
  g_autofree double *inspect_us = g_new (double, N_SAVES);
  Durable receipt_d = { g_new (double, N_SAVES), g_new (double, N_SAVES), 0 };
  Durable inspect_d = { g_new (double, N_SAVES), g_new (double, N_SAVES), 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStoreWriter) receive_writer = suyuan_store_writer_new (store, &error);
  g_autoptr(SuyuanStoreWriter) inspect_writer = suyuan_store_writer_new (store, &error);
  g_autoptr(SuyuanReceipt) receipt = suyuan_receipt_new_ad_hoc (store, "S", "P");
  g_autoptr(SuyuanInspection) inspection = NULL;
  SuyuanVerdictSettings settings;

  g_assert_no_error (error);
  suyuan_verdict_settings_init (&settings);
  inspection = suyuan_inspection_start (store, &shop, "bench", NULL, &error);
  g_assert_no_error (error);
  suyuan_receipt_set_writer (receipt, receive_writer, on_receipt_saved, &receipt_d);
  suyuan_inspection_set_writer (inspection, inspect_writer, on_item_saved, &inspect_d);
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autofree char *b = random_unit (rand, per_product);
      g_autofree char *c = random_unit (rand, per_product);
      g_autoptr(SuyuanCode) code = NULL;
      g_autoptr(SuyuanLookup) lookup = NULL;
      g_autoptr(SuyuanVerdict) verdict = NULL;
      SuyuanReceiptScanResult result;
      gboolean paced = FALSE;
      double t;

      t = now_us (CLOCK_MONOTONIC);
      receipt_d.pushed[i] = t;
      result = suyuan_receipt_scan (receipt, b, 20261123, &settings, NULL, NULL, &error);
      receipt_us[i] = now_us (CLOCK_MONOTONIC) - t;
      g_assert_no_error (error);
      if (result != SUYUAN_RECEIPT_SCAN_COUNTED && result != SUYUAN_RECEIPT_SCAN_DUPLICATE)
        g_error ("receipt scan of %s: %d", b, result);

      t = now_us (CLOCK_MONOTONIC);
      inspect_d.pushed[i] = t;
      code = suyuan_code_parse (c, -1);
      lookup = suyuan_store_lookup (store, code, NULL);
      verdict = suyuan_verdict_judge (code, lookup, 20261123, &settings);
      suyuan_inspection_add_item (store, inspection, c, verdict, "product", &error);
      inspect_us[i] = now_us (CLOCK_MONOTONIC) - t;
      g_assert_no_error (error);

      g_timeout_add (20, set_flag, &paced);
      while (!paced)
        g_main_context_iteration (NULL, TRUE);
    }
  suyuan_store_writer_flush (receive_writer);
  suyuan_store_writer_flush (inspect_writer);
  g_assert_cmpuint (receipt_d.n_done, ==, N_SAVES);
  g_assert_cmpuint (inspect_d.n_done, ==, N_SAVES);
  printf ("the same with a writer thread per page, scans 20 ms apart (bare query p50 %.2f µs):\n", anchor_us);
  report_frame ("receipt scan: main thread", receipt_us, N_SAVES);
  report ("receipt scan: queued to durable", receipt_d.durable, N_SAVES, 0);
  report_frame ("inspection item: main thread", inspect_us, N_SAVES);
  report ("inspection item: queued to durable", inspect_d.durable, N_SAVES, 0);
  printf ("main thread p50: receipt %.1f×, inspection %.1f× the bare query\n",
          receipt_us[N_SAVES / 2] / anchor_us, inspect_us[N_SAVES / 2] / anchor_us);
  g_free (receipt_d.pushed);
  g_free (receipt_d.durable);
  g_free (inspect_d.pushed);
  g_free (inspect_d.durable);
}

/* What a scan costs the main thread on each page: the Check page's lookup
 * and verdict, a receipt scan (judged, counted and saved durably), and an
 * inspection item (judged and saved). Wall time of N_SAVES each, with the
 * bare primary-key query as the anchor again. */
static void
time_saves (SuyuanStore  *store,
            sqlite3_stmt *pk,
            GRand        *rand,
            guint         per_product)
{
  SuyuanInspectionTask shop = { NULL, (char *) "S", (char *) "shop", (char *) "L-S", NULL, NULL };
  g_autofree double *check_us = g_new (double, N_SAVES);
  g_autofree double *receipt_us = g_new (double, N_SAVES);
  g_autofree double *inspect_us = g_new (double, N_SAVES);
  g_autofree double *bare_us = g_new (double, N_SAVES);
  g_autoptr(SuyuanReceipt) receipt = suyuan_receipt_new_ad_hoc (store, "S", "P");
  g_autoptr(SuyuanInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  SuyuanVerdictSettings settings;

  suyuan_verdict_settings_init (&settings);
  inspection = suyuan_inspection_start (store, &shop, "bench", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_SAVES; i++)
    {
      g_autofree char *a = random_unit (rand, per_product);
      g_autofree char *b = random_unit (rand, per_product);
      g_autofree char *c = random_unit (rand, per_product);
      g_autoptr(SuyuanCode) code = NULL;
      g_autoptr(SuyuanLookup) lookup = NULL;
      g_autoptr(SuyuanVerdict) verdict = NULL;
      char id[16], serial[16];
      SuyuanReceiptScanResult result;
      double t;

      /* the anchor: a bare primary-key query of one more unit */
      g_snprintf (id, sizeof id, "P%06u", (guint) g_rand_int_range (rand, 0, N_PRODUCTS));
      g_snprintf (serial, sizeof serial, "%010u", (guint) g_rand_int_range (rand, 0, (gint32) per_product));
      t = now_us (CLOCK_MONOTONIC);
      sqlite3_bind_text (pk, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (pk, 2, serial, -1, SQLITE_STATIC);
      if (sqlite3_step (pk) != SQLITE_ROW)
        g_error ("unit %s/%s missing", id, serial);
      sqlite3_reset (pk);
      bare_us[i] = now_us (CLOCK_MONOTONIC) - t;

      /* Check page: parse, look up, judge */
      t = now_us (CLOCK_MONOTONIC);
      code = suyuan_code_parse (a, -1);
      lookup = suyuan_store_lookup (store, code, NULL);
      verdict = suyuan_verdict_judge (code, lookup, 20261123, &settings);
      check_us[i] = now_us (CLOCK_MONOTONIC) - t;
      g_clear_pointer (&verdict, suyuan_verdict_free);
      g_clear_pointer (&lookup, suyuan_lookup_free);
      g_clear_pointer (&code, suyuan_code_free);

      /* Receive page: one scan into the receipt, saved before it returns */
      t = now_us (CLOCK_MONOTONIC);
      result = suyuan_receipt_scan (receipt, b, 20261123, &settings, NULL, NULL, &error);
      receipt_us[i] = now_us (CLOCK_MONOTONIC) - t;
      g_assert_no_error (error);
      if (result != SUYUAN_RECEIPT_SCAN_COUNTED && result != SUYUAN_RECEIPT_SCAN_DUPLICATE)
        g_error ("receipt scan of %s: %d", b, result);

      /* Inspect page: parse, look up, judge, save the item */
      t = now_us (CLOCK_MONOTONIC);
      code = suyuan_code_parse (c, -1);
      lookup = suyuan_store_lookup (store, code, NULL);
      verdict = suyuan_verdict_judge (code, lookup, 20261123, &settings);
      suyuan_inspection_add_item (store, inspection, c, verdict, "product", &error);
      inspect_us[i] = now_us (CLOCK_MONOTONIC) - t;
      g_assert_no_error (error);
    }
  printf ("%u scans on each page, saved on the main thread, against one %.0f ms frame (wall-clock):\n", N_SAVES,
          FRAME_US / 1000);
  /* A scan saves its line, not the whole receipt: early and late scans should cost the same. */
  {
    g_autofree double *first = g_memdup2 (receipt_us, 100 * sizeof (double));
    g_autofree double *last = g_memdup2 (receipt_us + N_SAVES - 100, 100 * sizeof (double));

    qsort (first, 100, sizeof (double), compare_doubles);
    qsort (last, 100, sizeof (double), compare_doubles);
    printf ("receipt scan p50: %.2f ms for lines 1-100, %.2f ms for lines %u-%u\n",
            first[50] / 1000, last[50] / 1000, N_SAVES - 99, N_SAVES);
  }
  report_frame ("bare SQLite primary-key query (anchor)", bare_us, N_SAVES);
  report_frame ("check: lookup + verdict", check_us, N_SAVES);
  report_frame ("receipt: scan, judged and saved", receipt_us, N_SAVES);
  report_frame ("inspection: lookup, verdict, item saved", inspect_us, N_SAVES);
  time_writer_saves (store, rand, per_product, bare_us[N_SAVES / 2]);
}

int
main (void)
{
  const char *env = g_getenv ("SUYUAN_BENCH_UNITS");
  guint n_units = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 10000000;
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree double *bare = g_new (double, N_SAMPLES);
  g_autofree double *lookup_us = g_new (double, N_SAMPLES);
  g_autofree double *judge_us = g_new (double, N_SAMPLES);
  g_autofree double *bare_cpu = g_new (double, N_SAMPLES);
  g_autofree double *lookup_cpu = g_new (double, N_SAMPLES);
  g_autofree double *calm_us = g_new (double, N_SAMPLES);
  guint n_calm = 0;
  SuyuanVerdictSettings settings;
  SuyuanStore *store;
  sqlite3_stmt *pk;
  GStatBuf st;
  gint64 t0;
  guint per_product;

  n_units = MAX (n_units, N_PRODUCTS) / N_PRODUCTS * N_PRODUCTS;
  per_product = n_units / N_PRODUCTS;
  t0 = g_get_monotonic_time ();
  build (path, n_units);
  g_stat (path, &st);
  printf ("built %u units in %.1f s (%.0f units/s), file %.0f MB\n", n_units,
          (g_get_monotonic_time () - t0) / 1e6, n_units / ((g_get_monotonic_time () - t0) / 1e6),
          st.st_size / 1e6);

  store = suyuan_store_open (path, &error);
  g_assert_no_error (error);
  sqlite3_prepare_v2 (suyuan_store_get_db (store),
                      "SELECT batch_id, state FROM units WHERE product_id = ?1 AND serial = ?2", -1, &pk, NULL);
  suyuan_verdict_settings_init (&settings);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      guint p = (guint) g_rand_int_range (rand, 0, N_PRODUCTS);
      guint s = (guint) g_rand_int_range (rand, 0, (gint32) per_product);
      char gtin[15], id[16], serial[16];
      g_autofree char *text = NULL;
      g_autoptr(SuyuanCode) code = NULL;
      g_autoptr(SuyuanLookup) lookup = NULL;
      g_autoptr(SuyuanVerdict) verdict = NULL;
      double a, b, c, d, ta, tb, tc;
      struct rusage before, after;

      gtin_for (p, gtin);
      g_snprintf (id, sizeof id, "P%06u", p);
      g_snprintf (serial, sizeof serial, "%010u", s);
      text = g_strdup_printf ("01%s21%s", gtin, serial);
      code = suyuan_code_parse (text, -1);

      /* the anchor: one prepared primary-key query, nothing else */
      ta = now_us (CLOCK_THREAD_CPUTIME_ID);
      a = now_us (CLOCK_MONOTONIC);
      sqlite3_bind_text (pk, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (pk, 2, serial, -1, SQLITE_STATIC);
      if (sqlite3_step (pk) != SQLITE_ROW)
        g_error ("unit %s/%s missing", id, serial);
      sqlite3_reset (pk);
      getrusage (RUSAGE_SELF, &before);
      b = now_us (CLOCK_MONOTONIC);
      tb = now_us (CLOCK_THREAD_CPUTIME_ID);
      lookup = suyuan_store_lookup (store, code, &error);
      c = now_us (CLOCK_MONOTONIC);
      tc = now_us (CLOCK_THREAD_CPUTIME_ID);
      getrusage (RUSAGE_SELF, &after);
      verdict = suyuan_verdict_judge (code, lookup, 20261123, &settings);
      d = now_us (CLOCK_MONOTONIC);
      g_assert_no_error (error);
      if (lookup->unit == NULL || lookup->batch == NULL || lookup->events->len != 3)
        g_error ("lookup of %s found too little", text);
      bare[i] = b - a;
      lookup_us[i] = c - b;
      judge_us[i] = d - b;
      bare_cpu[i] = tb - ta;
      lookup_cpu[i] = tc - tb;
      /* lookups the scheduler did not interrupt */
      if (after.ru_nivcsw == before.ru_nivcsw && after.ru_nvcsw == before.ru_nvcsw)
        calm_us[n_calm++] = c - b;
    }
  printf ("%u random unit codes, %u units in the store; wall-clock time:\n", N_SAMPLES, n_units);
  report ("bare SQLite primary-key query (anchor)", bare, N_SAMPLES, 0);
  {
    double anchor = bare[N_SAMPLES / 2];

    report ("suyuan_store_lookup (all 7 queries)", lookup_us, N_SAMPLES, anchor);
    report ("suyuan_store_lookup + verdict", judge_us, N_SAMPLES, anchor);
  }
  printf ("%u lookups were not interrupted by a context switch; their wall-clock time:\n", n_calm);
  if (n_calm > 0)
    report ("suyuan_store_lookup (all 7 queries)", calm_us, n_calm, bare[N_SAMPLES / 2]);
  printf ("thread CPU time (no waiting for the core):\n");
  report ("bare SQLite primary-key query (anchor)", bare_cpu, N_SAMPLES, 0);
  report ("suyuan_store_lookup (all 7 queries)", lookup_cpu, N_SAMPLES, bare_cpu[N_SAMPLES / 2]);
  time_saves (store, pk, rand, per_product);
  sqlite3_finalize (pk);
  suyuan_store_close (store);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
