/* bench-recall-scope.c — the recall scope of one batch of 100,000 units
 * spread over 1,000 shops (SUYUAN_BENCH_UNITS, SUYUAN_BENCH_SHOPS to change
 * them), next to a bare count of the batch's events on the same file, in
 * the same run: the ratio is the figure, the machine's speed is not.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "recall-scope.h"
#include "store-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 5

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static guint
env_count (const char *name,
           guint       fallback)
{
  const char *text = g_getenv (name);

  return text != NULL ? (guint) strtoul (text, NULL, 10) : fallback;
}

static void
exec_ok (SuyuanStore *store,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;

  if (!suyuan_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

/* Shops, the batch, its units, one shipment and receipt per unit and a sale
 * for every third: three events or so a unit, as a real chain reports. A
 * second batch of the same size stands beside it, so the count is no scan. */
static void
fill (SuyuanStore *store,
      guint        units,
      guint        shops)
{
  sqlite3 *db = suyuan_store_get_db (store);
  sqlite3_stmt *unit, *event;
  int n = 0;

  exec_ok (store, "BEGIN;"
    "INSERT INTO parties (id, name, kind, region) VALUES ('P', '厂', 'producer', '330700'),"
    "  ('D', '物流', 'distributor', '330100');"
    "INSERT INTO products (id, product_key, name, category, producer_id)"
    "  VALUES ('PR', 'K1', '饼干', 'food', 'P');"
    "INSERT INTO batches (id, product_id, lot) VALUES ('B1', 'PR', 'L1'), ('B2', 'PR', 'L2');");
  for (guint s = 0; s < shops; s++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO parties (id, name, kind, region)"
                                              " VALUES ('S%u', '店 %u', 'retailer', '%s');",
                                              s, s, s % 2 ? "330106" : "330102");
      exec_ok (store, sql);
    }
  sqlite3_prepare_v2 (db, "INSERT INTO units (product_id, serial, batch_id) VALUES ('PR', ?1, ?2)",
                      -1, &unit, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO events (id, type, time, product_id, batch_id, serial, party_id,"
                      " destination_id) VALUES (?1, ?2, ?3, 'PR', ?4, ?5, ?6, ?7)", -1, &event, NULL);
  for (guint b = 1; b <= 2; b++)
    for (guint u = 0; u < units; u++)
      {
        char serial[16], batch[4], shop[16], id[32], time[32];
        const char *types[] = { "shipping", "receiving", "selling" };
        guint steps = u % 3 == 0 ? 3 : 2;

        g_snprintf (serial, sizeof serial, "%u%07u", b, u);
        g_snprintf (batch, sizeof batch, "B%u", b);
        g_snprintf (shop, sizeof shop, "S%u", g_random_int_range (0, (gint) shops));
        sqlite3_bind_text (unit, 1, serial, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (unit, 2, batch, -1, SQLITE_TRANSIENT);
        sqlite3_step (unit);
        sqlite3_reset (unit);
        for (guint k = 0; k < steps; k++)
          {
            g_snprintf (id, sizeof id, "E%d", n++);
            g_snprintf (time, sizeof time, "2026-11-%02uT%02u:00:00+08:00", 10 + k, u % 24);
            sqlite3_bind_text (event, 1, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (event, 2, types[k], -1, SQLITE_STATIC);
            sqlite3_bind_text (event, 3, time, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (event, 4, batch, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (event, 5, serial, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (event, 6, k == 0 ? "D" : shop, -1, SQLITE_TRANSIENT);
            if (k == 0)
              sqlite3_bind_text (event, 7, shop, -1, SQLITE_TRANSIENT);
            else
              sqlite3_bind_null (event, 7);
            sqlite3_step (event);
            sqlite3_reset (event);
          }
      }
  sqlite3_finalize (unit);
  sqlite3_finalize (event);
  exec_ok (store, "COMMIT; ANALYZE;");
}

int
main (void)
{
  guint units = env_count ("SUYUAN_BENCH_UNITS", 100000);
  guint shops = env_count ("SUYUAN_BENCH_SHOPS", 1000);
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "scope.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  double scope_ms = G_MAXDOUBLE, count_ms = G_MAXDOUBLE, t0;
  sqlite3_stmt *count;
  guint reached = 0;
  gint64 events = 0;

  g_assert_no_error (error);
  t0 = now_ms ();
  fill (store, units, shops);
  printf ("# built %u units × 2 batches over %u shops in %.1f s\n", units, shops, (now_ms () - t0) / 1e3);
  count = suyuan_store_prepare (store, "SELECT count (*) FROM events WHERE batch_id = 'B1'", &error);
  g_assert_no_error (error);
  /* Interleaved rounds, best of each: both see the same page cache. */
  for (int r = 0; r < ROUNDS; r++)
    {
      g_autoptr(SuyuanRecallScope) scope = NULL;

      t0 = now_ms ();
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      events = sqlite3_column_int64 (count, 0);
      sqlite3_reset (count);
      count_ms = MIN (count_ms, now_ms () - t0);

      t0 = now_ms ();
      scope = suyuan_store_recall_scope (store, "B1", NULL, &error);
      g_assert_no_error (error);
      scope_ms = MIN (scope_ms, now_ms () - t0);
      reached = scope->parties->len;
    }
  printf ("recall scope of a batch of %u units (%" G_GINT64_FORMAT " events) reaching %u parties:"
          " %.1f ms; bare count of its events: %.1f ms (anchor); ratio %.1f×\n",
          units, events, reached, scope_ms, count_ms, scope_ms / MAX (count_ms, 0.001));
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
