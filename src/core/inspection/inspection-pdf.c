/* inspection-pdf.c — the inspection record on A4 (print-flow.c lays it out):
 * heading, the business, each item with verdict and action, the result and
 * signature lines.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection-pdf.h"
#include "code.h"
#include "date-text.h"

#include <glib/gi18n-lib.h>

/* Item table columns: no., code and product, verdict, action, notes. */
static const double column_widths[] = { 26, 170, 130, 76, SUYUAN_PRINT_WIDTH - 26 - 170 - 130 - 76 };
#define N_COLUMNS G_N_ELEMENTS (column_widths)

static const char *
level_label (SuyuanLevel level)
{
  switch (level)
    {
    case SUYUAN_LEVEL_OK: return _("Verdict: OK");
    case SUYUAN_LEVEL_WARN: return _("Verdict: warning");
    case SUYUAN_LEVEL_STOP: return _("Verdict: stop");
    case SUYUAN_LEVEL_UNKNOWN:
    default: return _("Verdict: unknown code");
    }
}

static void
draw_item (SuyuanPrintFlow      *flow,
           SuyuanInspectionItem *item)
{
  g_autofree char *no = g_strdup_printf ("%d", item->seq);
  g_autofree char *code = suyuan_code_dup_display (item->code ? item->code : "");
  g_autofree char *what = g_strdup_printf ("%s\n%s", item->summary && item->summary[0] ? item->summary : "—", code);
  g_autofree char *verdict = g_strdup_printf ("%s%s%s", level_label (item->level),
                                              item->findings && item->findings[0] ? "\n" : "",
                                              item->findings ? item->findings : "");
  g_autofree char *photos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", item->photos->len),
                                             item->photos->len);
  g_autofree char *action = g_strdup_printf ("%s%s%s", suyuan_inspection_action_label (item->action),
                                             item->photos->len ? "\n" : "", item->photos->len ? photos : "");
  const char *const cells[N_COLUMNS] = { no, what, verdict, action, item->notes ? item->notes : "" };

  suyuan_print_table_row (flow, cells);
}

static void
lay_out (SuyuanPrintFlow *flow,
         gpointer         data)
{
  SuyuanInspection *inspection = data;
  g_autofree char *started = suyuan_time_dup_text (inspection->started_at);
  g_autofree char *finished = suyuan_time_dup_text (inspection->finished_at);
  g_autofree char *heading = g_strdup_printf (_("Items checked (%u)"), inspection->items->len);
  g_autofree char *result = g_strdup_printf (_("Result: %s"), suyuan_inspection_result_label (inspection->result));
  const char *const titles[N_COLUMNS] = {
    _("No."), _("Code and product"), _("Verdict"), _("Action"), _("Notes"),
  };
  const char *const who[] = {
    _("Inspector (signature):"), _("Person in charge of the business (signature):"),
  };

  suyuan_print_title (flow, _("On-site Inspection Record"));
  suyuan_print_field (flow, _("Business:"), inspection->party_name);
  suyuan_print_field (flow, _("Licence no.:"), inspection->licence_no);
  if (inspection->task_id != NULL)
    suyuan_print_field (flow, _("Task:"), inspection->task_id);
  suyuan_print_field (flow, _("Inspector:"), inspection->inspector);
  suyuan_print_field (flow, _("Started:"), started);
  suyuan_print_field (flow, _("Finished:"), finished);
  if (inspection->corrects != NULL)
    suyuan_print_field (flow, _("Corrects record:"), inspection->corrects);
  suyuan_print_space (flow, 12);

  suyuan_print_paragraph (flow, heading, 12, TRUE, 6);
  if (inspection->items->len == 0)
    suyuan_print_paragraph (flow, _("No products were scanned."), 10.5, FALSE, 0);
  else
    {
      suyuan_print_table_begin (flow, column_widths, titles, N_COLUMNS);
      for (guint i = 0; i < inspection->items->len; i++)
        draw_item (flow, inspection->items->pdata[i]);
      suyuan_print_table_end (flow);
    }
  suyuan_print_space (flow, 16);
  suyuan_print_paragraph (flow, result, 14, TRUE, 0);
  suyuan_print_signatures (flow, who, G_N_ELEMENTS (who),
                           _("This record is kept on the terminal and sent to the regulator. It cannot be changed: corrections are issued as new records referring to this one."));
}

static SuyuanPrintDoc
document (SuyuanInspection *inspection)
{
  return (SuyuanPrintDoc) { lay_out, inspection, _("On-site Inspection Record"), inspection->uuid };
}

int
suyuan_inspection_count_pages (SuyuanInspection *inspection)
{
  SuyuanPrintDoc doc = document (inspection);

  return suyuan_print_count_pages (&doc);
}

void
suyuan_inspection_draw_page (SuyuanInspection *inspection,
                             cairo_t          *cr,
                             int               page)
{
  SuyuanPrintDoc doc = document (inspection);

  suyuan_print_draw_page (&doc, cr, page);
}

gboolean
suyuan_inspection_write_pdf (SuyuanInspection *inspection,
                             const char       *path,
                             GError          **error)
{
  SuyuanPrintDoc doc = document (inspection);

  return suyuan_print_write_pdf (&doc, path, error);
}
