/* export.c — reading the events for export, and the CSV.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "export-private.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/* How often a long export looks up: cancelled? how far? */
#define EXPORT_STRIDE 2000

static guint
count_events (SuyuanStore *store)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store, "SELECT count(*) FROM events", NULL);
  guint n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

gboolean
suyuan_export_each (SuyuanStore          *store,
                    SuyuanExportRow       row,
                    gpointer              data,
                    GCancellable         *cancellable,
                    SuyuanExportProgress  progress,
                    gpointer              progress_data,
                    guint                *n_events,
                    GError              **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  guint total = progress != NULL ? count_events (store) : 0;
  int rc;

  /* A unit counts one; a batch-level event may say how many it moved. */
  stmt = suyuan_store_prepare (store,
    "SELECT e.id, e.type, e.time,"
    /* A product or lot the terminal does not know keeps the GTIN and lot
     * its event was captured with (data.epcis), not an unknown product. */
    "  coalesce (b.lot, CASE WHEN json_valid (e.data) THEN json_extract (e.data, '$.epcis.lot') END),"
    "  e.product_id,"
    "  coalesce (p.gtin, CASE WHEN json_valid (e.data) THEN json_extract (e.data, '$.epcis.gtin') END),"
    "  trim (coalesce (p.name, '') || ' ' || coalesce (p.spec, '')),"
    "  CASE WHEN e.serial IS NOT NULL THEN 1"
    "    WHEN json_valid (e.data) THEN json_extract (e.data, '$.quantity') END,"
    "  e.serial, e.party_id, pa.name, e.place, e.source_id, e.destination_id, e.disposition, e.reason,"
    "  CASE WHEN json_valid (e.data) AND json_extract (e.data, '$.receipt') IS NOT NULL"
    "    THEN 'receipt ' || json_extract (e.data, '$.receipt') END,"
    "  p.product_key"
    " FROM events e LEFT JOIN products p ON p.id = e.product_id"
    "  LEFT JOIN batches b ON b.id = e.batch_id LEFT JOIN parties pa ON pa.id = e.party_id"
    " ORDER BY julianday (e.time), e.rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *columns[EXPORT_N_COLUMNS];

      for (int i = 0; i < EXPORT_N_COLUMNS; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, i);
      if (!row (columns, data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      n++;
      if (n % EXPORT_STRIDE == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          if (progress != NULL)
            progress (n, MAX (n, total), progress_data);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  if (progress != NULL)
    progress (n, n, progress_data);
  if (n_events)
    *n_events = n;
  return TRUE;
}

/* RFC 4180 quoting; a cell starting with = + - @ or a control character would
 * run as a formula in a spreadsheet, so it gets a leading apostrophe. */
static void
append_cell (GString    *line,
             const char *value)
{
  gboolean formula, quote;

  if (value == NULL || value[0] == '\0')
    return;
  formula = strchr ("=+-@\t\r", value[0]) != NULL;
  quote = formula || strpbrk (value, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (line, '"');
  if (formula)
    g_string_append_c (line, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

static gboolean
write_line (GOutputStream     *out,
            const char *const *cells,
            GError           **error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (int i = 0; cells[i] != (const char *) -1; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      append_cell (line, cells[i]);
    }
  g_string_append (line, "\r\n");
  return g_output_stream_write_all (out, line->str, line->len, NULL, NULL, error);
}

/* The event types as people say them, the same words as the trace chain. */
static const struct { const char *type; const char *label; } event_labels[] = {
  { "commissioning", N_("Produced and coded") },
  { "shipping", N_("Shipped") },
  { "receiving", N_("Received") },
  { "inspecting", N_("Inspected") },
  { "sampling", N_("Sampled for testing") },
  { "selling", N_("Sold") },
  { "recalling", N_("Recalled") },
  { "destroying", N_("Destroyed") },
};

static const char *
event_label (const char *type)
{
  for (gsize i = 0; type != NULL && i < G_N_ELEMENTS (event_labels); i++)
    if (g_str_equal (type, event_labels[i].type))
      return _(event_labels[i].label);
  return type;
}

typedef struct {
  GOutputStream *out;
  gboolean for_people;
} CsvOut;

static gboolean
csv_row (const char *const *c,
         gpointer           data,
         GError           **error)
{
  CsvOut *csv = data;
  const char *type = csv->for_people ? event_label (c[EXPORT_TYPE]) : c[EXPORT_TYPE];
  /* Translators: the unit of a quantity in the CSV export ("each" item) */
  const char *each = csv->for_people ? C_("unit", "each") : "each";
  const char *cells[] = {
    c[EXPORT_ID], type, c[EXPORT_TIME], c[EXPORT_LOT], c[EXPORT_PRODUCT_ID], c[EXPORT_GTIN],
    c[EXPORT_PRODUCT], c[EXPORT_QUANTITY], c[EXPORT_QUANTITY] ? each : NULL, c[EXPORT_SERIAL],
    c[EXPORT_PARTY_ID], c[EXPORT_PARTY], c[EXPORT_PLACE], c[EXPORT_SOURCE], c[EXPORT_DESTINATION],
    c[EXPORT_DISPOSITION], c[EXPORT_REASON], c[EXPORT_REFERENCE], (const char *) -1,
  };

  return write_line (csv->out, cells, error);
}

/* Column names: fixed English for scripts and regulators' tools, or in the
 * user's language for a spreadsheet a person opens. */
static const char *const header[] = {
  N_("Event ID"), N_("Event type"), N_("Date and time"), N_("Traceability lot code"), N_("Product ID"),
  N_("GTIN"), N_("Product description"), N_("Quantity"), N_("Unit of measure"), N_("Serial"),
  N_("Location ID"), N_("Location name"), N_("Place"), N_("Ship from"), N_("Ship to"), N_("Disposition"),
  N_("Reason"), N_("Reference document"),
};

static gboolean
export_csv (SuyuanStore          *store,
            GOutputStream        *out,
            gboolean              for_people,
            GCancellable         *cancellable,
            SuyuanExportProgress  progress,
            gpointer              progress_data,
            guint                *n_events,
            GError              **error)
{
  static const char bom[] = "\xef\xbb\xbf";
  const char *names[G_N_ELEMENTS (header) + 1];
  CsvOut csv = { out, for_people };

  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    names[i] = for_people ? _(header[i]) : header[i];
  names[G_N_ELEMENTS (header)] = (const char *) -1;
  if (!g_output_stream_write_all (out, bom, 3, NULL, NULL, error)
      || !write_line (out, names, error))
    return FALSE;
  return suyuan_export_each (store, csv_row, &csv, cancellable, progress, progress_data, n_events, error);
}

gboolean
suyuan_export_csv (SuyuanStore   *store,
                   GOutputStream *out,
                   guint         *n_events,
                   GError       **error)
{
  g_return_val_if_fail (store != NULL && G_IS_OUTPUT_STREAM (out), FALSE);
  return export_csv (store, out, FALSE, NULL, NULL, NULL, n_events, error);
}

gboolean
suyuan_export_csv_for_people (SuyuanStore   *store,
                              GOutputStream *out,
                              guint         *n_events,
                              GError       **error)
{
  g_return_val_if_fail (store != NULL && G_IS_OUTPUT_STREAM (out), FALSE);
  return export_csv (store, out, TRUE, NULL, NULL, NULL, n_events, error);
}

gboolean
suyuan_export_write (SuyuanStore          *store,
                     SuyuanExportFormat    format,
                     GOutputStream        *out,
                     GCancellable         *cancellable,
                     SuyuanExportProgress  progress,
                     gpointer              progress_data,
                     guint                *n_events,
                     GError              **error)
{
  g_return_val_if_fail (store != NULL && G_IS_OUTPUT_STREAM (out), FALSE);
  if (format == SUYUAN_EXPORT_EPCIS)
    return suyuan_export_epcis_stream (store, out, cancellable, progress, progress_data, n_events, error);
  return export_csv (store, out, format == SUYUAN_EXPORT_CSV_FOR_PEOPLE, cancellable, progress, progress_data,
                     n_events, error);
}
