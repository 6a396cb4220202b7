/* receipt-pdf.c — lays out a finished receipt's record (receipt-json.c) on
 * A4 with print-flow.c. It reads the record, not the live receipt: what is
 * printed is what was sent to the regulator. Every string in it came from a
 * scan, a supplier or a person, and is drawn as plain text.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-pdf.h"
#include "date-text.h"
#include "receipt.h"

#include <glib/gi18n-lib.h>

/* Line table columns: no., product and spec, batch and dates, quantity,
 * verdict, decision. */
static const double column_widths[] = { 30, 116, 120, 54, 92, SUYUAN_PRINT_WIDTH - 30 - 116 - 120 - 54 - 92 };
#define N_COLUMNS G_N_ELEMENTS (column_widths)
#define MAX_LINES 500

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "2026-11-01" as the locale writes it; "—" when absent. */
static char *
date_text (const char *iso_date)
{
  return suyuan_date_dup_text (iso_date ? suyuan_iso_to_date (iso_date) : 0);
}

static char *
verdict_text (JsonObject *line)
{
  static const struct { const char *id; const char *words; } levels[] = {
    { "ok", N_("Verdict: OK") },
    { "warn", N_("Verdict: warning") },
    { "stop", N_("Verdict: stop") },
    { "unknown", N_("Verdict: unknown code") },
  };
  static const struct { const char *id; const char *words; } flags[] = {
    { "expired", N_("Expired") },
    { "near-expiry", N_("Near expiry") },
    { "unqualified", N_("Failed sampling") },
    { "recalled", N_("Recalled") },
    { "held", N_("Held") },
    { "duplicated", N_("Duplicated code") },
    { "other", N_("Must not be accepted") },
  };
  JsonNode *node = json_object_get_member (line, "flags");
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (member (line, "level"), levels[i].id) == 0)
      g_string_append (text, _(levels[i].words));
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    for (gsize f = 0; f < G_N_ELEMENTS (flags); f++)
      if (g_strcmp0 (json_array_get_string_element (array, i), flags[f].id) == 0)
        g_string_append_printf (text, "\n%s", _(flags[f].words));
  return g_string_free (text, FALSE);
}

static void
draw_line (SuyuanPrintFlow *flow,
           JsonObject      *line,
           guint            index)
{
  gboolean rejected = g_strcmp0 (member (line, "decision"), "rejected") == 0;
  g_autofree char *no = g_strdup_printf ("%u", index + 1);
  g_autofree char *product = g_strdup_printf ("%s%s%s",
                                              member (line, "product_name") ? member (line, "product_name")
                                                                            : _("Unknown product"),
                                              member (line, "spec") ? "\n" : "",
                                              member (line, "spec") ? member (line, "spec") : "");
  g_autofree char *produced = date_text (member (line, "production_date"));
  g_autofree char *expires = date_text (member (line, "expiry_date"));
  g_autofree char *batch = g_strdup_printf (_("Batch %s\nProduced %s\nExpires %s"),
                                            member (line, "lot") ? member (line, "lot") : "—", produced, expires);
  g_autofree char *quantity = g_strdup_printf (_("%d of %d"),
                                               (int) json_object_get_int_member_with_default (line, "quantity", 0),
                                               (int) json_object_get_int_member_with_default (line, "expected", 0));
  g_autofree char *verdict = verdict_text (line);
  g_autofree char *decision = rejected ? g_strdup_printf (_("Rejected: %s"), member (line, "reject_reason")
                                                                             ? member (line, "reject_reason") : "—")
                                       : g_strdup (_("Accepted"));
  const char *const cells[N_COLUMNS] = { no, product, batch, quantity, verdict, decision };

  suyuan_print_table_row (flow, cells);
}

static void
lay_out (SuyuanPrintFlow *flow,
         gpointer         data)
{
  JsonObject *record = data;
  JsonNode *node = json_object_get_member (record, "lines");
  JsonArray *lines = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n_lines = lines ? MIN (json_array_get_length (lines), MAX_LINES) : 0, n_rejected = 0;
  g_autofree char *received = suyuan_time_dup_text (member (record, "received_at") ? member (record, "received_at")
                                                                                    : member (record, "started_at"));
  g_autofree char *heading = NULL, *summary = NULL;
  const char *const titles[N_COLUMNS] = {
    _("No."), _("Product and spec"), _("Batch and dates"), _("Received of shipped"), _("Verdict"), _("Decision"),
  };
  const char *const who[] = { _("Receiver (signature):"), _("Supplier's deliverer (signature):") };

  suyuan_print_title (flow, _("Purchase inspection record"));
  suyuan_print_field (flow, _("Supplier:"), member (record, "supplier_name") ? member (record, "supplier_name")
                                                                             : _("Not named"));
  suyuan_print_field (flow, _("Supplier's licence no.:"), member (record, "supplier_licence_no"));
  suyuan_print_field (flow, _("Received by:"), member (record, "receiver_name"));
  suyuan_print_field (flow, _("Received on:"), received);
  suyuan_print_space (flow, 12);

  heading = g_strdup_printf (_("Goods received (%u)"), n_lines);
  suyuan_print_paragraph (flow, heading, 12, TRUE, 6);
  if (n_lines == 0)
    suyuan_print_paragraph (flow, _("No goods were received."), 10.5, FALSE, 0);
  else
    {
      suyuan_print_table_begin (flow, column_widths, titles, N_COLUMNS);
      for (guint i = 0; i < n_lines; i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);

          if (line == NULL)
            continue;
          n_rejected += g_strcmp0 (member (line, "decision"), "rejected") == 0;
          draw_line (flow, line, i);
        }
      suyuan_print_table_end (flow);
    }
  suyuan_print_space (flow, 16);
  summary = g_strdup_printf (_("Accepted %u, rejected %u"), n_lines - n_rejected, n_rejected);
  suyuan_print_paragraph (flow, summary, 14, TRUE, 0);
  suyuan_print_signatures (flow, who, G_N_ELEMENTS (who),
                           _("Kept on the terminal and sent to the regulator with the receiving events; keep it with the supplier's invoices and certificates."));
}

static SuyuanPrintDoc
document (JsonObject *record)
{
  const char *uuid = member (record, "uuid");

  return (SuyuanPrintDoc) { lay_out, record, _("Purchase inspection record"), uuid ? uuid : "—" };
}

int
suyuan_receipt_record_count_pages (JsonObject *record)
{
  SuyuanPrintDoc doc;

  g_return_val_if_fail (record != NULL, 0);
  doc = document (record);
  return suyuan_print_count_pages (&doc);
}

void
suyuan_receipt_record_draw_page (JsonObject *record,
                                 cairo_t    *cr,
                                 int         page)
{
  SuyuanPrintDoc doc;

  g_return_if_fail (record != NULL);
  doc = document (record);
  suyuan_print_draw_page (&doc, cr, page);
}

gboolean
suyuan_receipt_record_write_pdf (JsonObject *record,
                                 const char *path,
                                 GError    **error)
{
  SuyuanPrintDoc doc;

  g_return_val_if_fail (record != NULL && path != NULL, FALSE);
  doc = document (record);
  return suyuan_print_write_pdf (&doc, path, error);
}
