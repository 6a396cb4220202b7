/* store-recall-scope.c — counting where a batch went from its events: the
 * batch's own events and those of its units, grouped by the party they
 * happened at (or, for shipments, the party they went to).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "recall-scope.h"
#include "store-private.h"

#include <string.h>

static const char header_sql[] =
  "SELECT b.id, b.lot, b.status, b.notice, b.production_date, b.expiry_date,"
  "  p.id, p.name, p.gtin, p.producer_id, pr.name"
  " FROM batches b JOIN products p ON p.id = b.product_id"
  " LEFT JOIN parties pr ON pr.id = p.producer_id WHERE b.id = ?1";

/* Events name their batch, or only product and serial (unit events from
 * EPCIS capture): the second arm finds those through the unit's batch, from
 * the small partial index of events without a batch. The arms are disjoint.
 * Counting happens in C over one pass: a GROUP BY over the two roles of a
 * shipment (its sender, its destination) cost SQLite a temporary table and
 * ten times as long on a batch of 100,000 units. */
static const char events_sql[] =
  "SELECT e.type, e.party_id, e.destination_id, julianday (e.time),"
  "  " SUYUAN_SQL_EVENT_QUANTITY ("e.serial", "e.data")
  " FROM events e WHERE e.batch_id = ?1"
  " UNION ALL"
  " SELECT e.type, e.party_id, e.destination_id, julianday (e.time),"
  "  " SUYUAN_SQL_EVENT_QUANTITY ("e.serial", "e.data")
  " FROM events e JOIN units u ON u.product_id = e.product_id AND u.serial = e.serial"
  " WHERE e.product_id = ?2 AND e.batch_id IS NULL AND u.batch_id = ?1";

static const char party_sql[] = "SELECT name, kind, region FROM parties WHERE id = ?1";

/* A party's tally while the events are read. */
typedef struct {
  SuyuanScopeParty *party;
  gint64 made;
  double first, last;            /* julian days */
} Tally;

static void
scope_party_free (SuyuanScopeParty *party)
{
  g_free (party->party_id);
  g_free (party->name);
  g_free (party->kind);
  g_free (party->region);
  g_free (party->first_event_at);
  g_free (party->last_event_at);
  g_free (party);
}

void
suyuan_recall_scope_free (SuyuanRecallScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->batch_id);
  g_free (scope->lot);
  g_free (scope->status);
  g_free (scope->notice);
  g_free (scope->production_date);
  g_free (scope->expiry_date);
  g_free (scope->product_id);
  g_free (scope->product_name);
  g_free (scope->gtin);
  g_free (scope->producer_id);
  g_free (scope->producer_name);
  g_clear_pointer (&scope->parties, g_ptr_array_unref);
  g_free (scope);
}

static SuyuanRecallScope *
read_header (SuyuanStore *store,
             const char  *batch_id,
             GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare_static (store, header_sql, error);
  SuyuanRecallScope *scope;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        suyuan_store_set_sql_error (store, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  scope = g_new0 (SuyuanRecallScope, 1);
  scope->batch_id = suyuan_stmt_dup_text (stmt, 0);
  scope->lot = suyuan_stmt_dup_text (stmt, 1);
  scope->status = suyuan_stmt_dup_text (stmt, 2);
  scope->notice = suyuan_stmt_dup_text (stmt, 3);
  scope->production_date = suyuan_stmt_dup_text (stmt, 4);
  scope->expiry_date = suyuan_stmt_dup_text (stmt, 5);
  scope->product_id = suyuan_stmt_dup_text (stmt, 6);
  scope->product_name = suyuan_stmt_dup_text (stmt, 7);
  scope->gtin = suyuan_stmt_dup_text (stmt, 8);
  scope->producer_id = suyuan_stmt_dup_text (stmt, 9);
  scope->producer_name = suyuan_stmt_dup_text (stmt, 10);
  sqlite3_reset (stmt);
  return scope;
}

static void
tally_free (Tally *t)
{
  if (t->party != NULL)
    scope_party_free (t->party);
  g_free (t);
}

static Tally *
tally_for (GHashTable *tallies,
           const char *party_id,
           double      at)
{
  Tally *t = g_hash_table_lookup (tallies, party_id);

  if (t == NULL)
    {
      t = g_new0 (Tally, 1);
      t->party = g_new0 (SuyuanScopeParty, 1);
      t->party->party_id = g_strdup (party_id);
      t->first = t->last = at;
      g_hash_table_insert (tallies, t->party->party_id, t);
    }
  t->first = MIN (t->first, at);
  t->last = MAX (t->last, at);
  return t;
}

static void
count_event (GHashTable *tallies,
             const char *type,
             const char *party_id,
             const char *destination_id,
             double      at,
             gint64      n)
{
  if (party_id != NULL)
    {
      Tally *t = tally_for (tallies, party_id, at);

      if (g_str_equal (type, "commissioning"))
        t->made += n;
      else if (g_str_equal (type, "receiving"))
        t->party->received += n;
      else if (g_str_equal (type, "shipping"))
        t->party->shipped_on += n;
      else if (g_str_equal (type, "selling"))
        t->party->sold += n;
      else if (g_str_equal (type, "destroying"))
        t->party->destroyed += n;
    }
  if (destination_id != NULL && g_str_equal (type, "shipping"))
    tally_for (tallies, destination_id, at)->party->shipped_to += n;
}

/* A julian day as UTC ISO 8601 to the millisecond, as julianday () keeps it. */
static char *
julian_to_iso (double jd)
{
  gint64 ms = (gint64) ((jd - 2440587.5) * 86400000.0 + 0.5);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);
  g_autofree char *base = dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S") : NULL;

  return base ? g_strdup_printf ("%s.%03dZ", base, (int) (ms % 1000)) : NULL;
}

static gboolean
read_tallies (SuyuanStore *store,
              const char  *batch_id,
              const char  *product_id,
              GHashTable  *tallies,
              GError     **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare_static (store, events_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);

      if (type != NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        count_event (tallies, type, (const char *) sqlite3_column_text (stmt, 1),
                     (const char *) sqlite3_column_text (stmt, 2),
                     sqlite3_column_double (stmt, 3), sqlite3_column_int64 (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

/* Fills in who the party is; FALSE when it is outside @region_prefix. */
static gboolean
describe_party (Tally        *t,
                const char   *region_prefix,
                sqlite3_stmt *stmt)
{
  SuyuanScopeParty *p = t->party;

  sqlite3_bind_text (stmt, 1, p->party_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      p->name = suyuan_stmt_dup_text (stmt, 0);
      p->kind = suyuan_stmt_dup_text (stmt, 1);
      p->region = suyuan_stmt_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (region_prefix != NULL && (p->region == NULL || !g_str_has_prefix (p->region, region_prefix)))
    return FALSE;
  /* What came in (made here, or received) less what left; never negative,
   * since a feed may hold a sale whose receiving event never came. */
  p->in_stock = MAX (t->made + p->received - p->shipped_on - p->sold - p->destroyed, 0);
  p->in_transit = MAX (p->shipped_to - p->received, 0);
  p->first_event_at = julian_to_iso (t->first);
  p->last_event_at = julian_to_iso (t->last);
  return TRUE;
}

static int
by_first_event (gconstpointer a,
                gconstpointer b)
{
  const Tally *x = *(Tally *const *) a, *y = *(Tally *const *) b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return strcmp (x->party->party_id, y->party->party_id);
}

SuyuanRecallScope *
suyuan_store_recall_scope (SuyuanStore  *store,
                           const char   *batch_id,
                           const char   *region_prefix,
                           GError      **error)
{
  g_autoptr(SuyuanRecallScope) scope = NULL;
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GPtrArray) order = NULL;
  GError *local_error = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  scope = read_header (store, batch_id, &local_error);
  if (scope == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }
  /* Keys are the parties' own ids: the table never frees them. */
  tallies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) tally_free);
  if (!read_tallies (store, batch_id, scope->product_id, tallies, error)
      || (stmt = suyuan_store_prepare_static (store, party_sql, error)) == NULL)
    return NULL;
  order = g_ptr_array_sized_new (g_hash_table_size (tallies));
  g_hash_table_iter_init (&iter, tallies);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (order, value);
  g_ptr_array_sort (order, by_first_event);
  scope->parties = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_party_free);
  for (guint i = 0; i < order->len; i++)
    {
      Tally *t = order->pdata[i];

      if (describe_party (t, region_prefix, stmt))
        g_ptr_array_add (scope->parties, g_steal_pointer (&t->party));
    }
  return g_steal_pointer (&scope);
}
