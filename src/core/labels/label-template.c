/* label-template.c — the label stock producers actually buy.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-template.h"

#include <glib/gi18n-lib.h>

/* A4 sheets cut edge to edge (210/3 × 297/7 and 210/4 × 297/10), the two
 * commonest thermal roll sizes in Chinese label printers. */
static const SuyuanLabelTemplate templates[] = {
  { "a4-3x7", N_("A4 sheet, 3 × 7 labels (70 × 42.4 mm)"), 210, 297, 3, 7, 70, 42.4, 0, 0.2, 0, 0 },
  { "a4-4x10", N_("A4 sheet, 4 × 10 labels (52.5 × 29.7 mm)"), 210, 297, 4, 10, 52.5, 29.7, 0, 0, 0, 0 },
  { "roll-40x30", N_("Label roll, 40 × 30 mm"), 40, 30, 1, 1, 40, 30, 0, 0, 0, 0 },
  { "roll-50x30", N_("Label roll, 50 × 30 mm"), 50, 30, 1, 1, 50, 30, 0, 0, 0, 0 },
};

const SuyuanLabelTemplate *
suyuan_label_templates (guint *n_out)
{
  *n_out = G_N_ELEMENTS (templates);
  return templates;
}

const SuyuanLabelTemplate *
suyuan_label_template_find (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_strcmp0 (templates[i].id, id) == 0)
      return &templates[i];
  return NULL;
}

guint
suyuan_label_template_per_page (const SuyuanLabelTemplate *tmpl)
{
  return (guint) (tmpl->columns * tmpl->rows);
}

guint
suyuan_label_template_n_pages (const SuyuanLabelTemplate *tmpl,
                               guint                      n_labels)
{
  guint per_page = suyuan_label_template_per_page (tmpl);

  return (n_labels + per_page - 1) / per_page;
}

void
suyuan_label_template_cell_origin (const SuyuanLabelTemplate *tmpl,
                                   guint                      index,
                                   double                    *x,
                                   double                    *y)
{
  guint column = index % (guint) tmpl->columns;
  guint row = index / (guint) tmpl->columns;

  *x = tmpl->margin_left + column * (tmpl->cell_width + tmpl->gap_x);
  *y = tmpl->margin_top + row * (tmpl->cell_height + tmpl->gap_y);
}
