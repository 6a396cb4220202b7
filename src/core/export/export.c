/* export.c — reading the events for export, and the CSV.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "export-private.h"
#include "store-private.h"

#include <string.h>

gboolean
suyuan_export_each (SuyuanStore     *store,
                    SuyuanExportRow  row,
                    gpointer         data,
                    guint           *n_events,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  /* A unit counts one; a batch-level event may say how many it moved. */
  stmt = suyuan_store_prepare (store,
    "SELECT e.id, e.type, e.time, b.lot, e.product_id, p.gtin,"
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
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
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

static gboolean
csv_row (const char *const *c,
         gpointer           data,
         GError           **error)
{
  const char *cells[] = {
    c[EXPORT_ID], c[EXPORT_TYPE], c[EXPORT_TIME], c[EXPORT_LOT], c[EXPORT_PRODUCT_ID], c[EXPORT_GTIN],
    c[EXPORT_PRODUCT], c[EXPORT_QUANTITY], c[EXPORT_QUANTITY] ? "each" : NULL, c[EXPORT_SERIAL],
    c[EXPORT_PARTY_ID], c[EXPORT_PARTY], c[EXPORT_PLACE], c[EXPORT_SOURCE], c[EXPORT_DESTINATION],
    c[EXPORT_DISPOSITION], c[EXPORT_REASON], c[EXPORT_REFERENCE], (const char *) -1,
  };

  return write_line (data, cells, error);
}

gboolean
suyuan_export_csv (SuyuanStore   *store,
                   GOutputStream *out,
                   guint         *n_events,
                   GError       **error)
{
  /* Column names are fixed English, so scripts and regulators' tools can rely on them. */
  static const char *const header[] = {
    "Event ID", "Event type", "Date and time", "Traceability lot code", "Product ID", "GTIN",
    "Product description", "Quantity", "Unit of measure", "Serial", "Location ID", "Location name",
    "Place", "Ship from", "Ship to", "Disposition", "Reason", "Reference document", (const char *) -1,
  };
  static const char bom[] = "\xef\xbb\xbf";

  g_return_val_if_fail (store != NULL && G_IS_OUTPUT_STREAM (out), FALSE);
  if (!g_output_stream_write_all (out, bom, 3, NULL, NULL, error)
      || !write_line (out, header, error))
    return FALSE;
  return suyuan_export_each (store, csv_row, out, n_events, error);
}
