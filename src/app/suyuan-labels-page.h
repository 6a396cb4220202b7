/* suyuan-labels-page.h — Labels (赋码): generate unique codes, preview, print, export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "suyuan-product-editor.h"
#include "label-job.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_LABELS_PAGE (suyuan_labels_page_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanLabelsPage, suyuan_labels_page, SUYUAN, LABELS_PAGE, GtkWidget)

void      suyuan_labels_page_set_store (SuyuanLabelsPage *self,
                                        SuyuanStore      *store);
/* Picks what the rows show, as a user would; FALSE when not offered. */
gboolean  suyuan_labels_page_choose    (SuyuanLabelsPage *self,
                                        const char       *product_id,
                                        const char       *lot,
                                        guint             count,
                                        const char       *template_id);
/* Reserves the codes and shows the preview; the check by decoding follows in
 * the background. */
gboolean  suyuan_labels_page_generate  (SuyuanLabelsPage *self,
                                        GError          **error);
/* Prints the run through GtkPrintOperation; with @export_path set the
 * operation exports that PDF instead of showing the print dialog. */
gboolean  suyuan_labels_page_print     (SuyuanLabelsPage *self,
                                        const char       *export_path,
                                        GError          **error);
const SuyuanLabelJob *suyuan_labels_page_get_job    (SuyuanLabelsPage *self);
const char           *suyuan_labels_page_get_status (SuyuanLabelsPage *self);
/* Opens the product editor on a new product, or with @edit on the chosen one;
 * once saved, the product is offered and chosen. NULL without a store. */
SuyuanProductEditor  *suyuan_labels_page_open_product_editor (SuyuanLabelsPage *self,
                                                              gboolean          edit);
/* TRUE when the run's codes point at the placeholder resolver host: the
 * Print button then asks before printing. */
gboolean              suyuan_labels_page_uses_placeholder (SuyuanLabelsPage *self);
/* Presses the Print button, as a user would (for tests). */
void                  suyuan_labels_page_press_print      (SuyuanLabelsPage *self);
/* TRUE once the background check by decoding has finished. */
gboolean              suyuan_labels_page_is_checked (SuyuanLabelsPage *self);

G_END_DECLS
