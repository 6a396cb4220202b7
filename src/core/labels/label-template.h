/* label-template.h — label sheets and rolls: page size and where each cell sits.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* All lengths in millimetres. A roll is a "page" of one label. */
typedef struct {
  const char *id;           /* "a4-3x7", "roll-40x30" … */
  const char *title;        /* N_() marked, for people */
  double page_width, page_height;
  int columns, rows;
  double cell_width, cell_height;
  double margin_left, margin_top;
  double gap_x, gap_y;
} SuyuanLabelTemplate;

const SuyuanLabelTemplate *suyuan_label_template_find  (const char *id);
/* All templates, @n_out set to their number. */
const SuyuanLabelTemplate *suyuan_label_templates      (guint      *n_out);
guint  suyuan_label_template_per_page (const SuyuanLabelTemplate *tmpl);
guint  suyuan_label_template_n_pages  (const SuyuanLabelTemplate *tmpl,
                                       guint                      n_labels);
/* Top-left corner of cell @index (0-based on its page). */
void   suyuan_label_template_cell_origin (const SuyuanLabelTemplate *tmpl,
                                          guint                      index,
                                          double                    *x,
                                          double                    *y);

G_END_DECLS
