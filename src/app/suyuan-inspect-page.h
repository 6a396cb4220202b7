/* suyuan-inspect-page.h — Inspect (现场检查): start an inspection of a business,
 * scan its products, record an action per finding, finish and print the record.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include "inspection.h"
#include "suyuan-verdict-banner.h"
#include "suyuan-inspect-item-row.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_INSPECT_PAGE (suyuan_inspect_page_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanInspectPage, suyuan_inspect_page, SUYUAN, INSPECT_PAGE, GtkWidget)

/* The store the inspections go to (not owned) and the application's settings
 * (the inspector's name, the near-expiry days); set once, by the window. */
void              suyuan_inspect_page_set_store      (SuyuanInspectPage *self,
                                                      SuyuanStore       *store,
                                                      GSettings         *settings);
/* The inspection on screen (open or just finished), or NULL. */
SuyuanInspection *suyuan_inspect_page_get_inspection (SuyuanInspectPage *self);
/* The rows of the task list and the business search, as a user taps them. */
GtkListBox       *suyuan_inspect_page_get_task_list  (SuyuanInspectPage *self);
GtkListBox       *suyuan_inspect_page_get_found_list (SuyuanInspectPage *self);
GtkEditable      *suyuan_inspect_page_get_inspector_entry (SuyuanInspectPage *self);
/* Takes one scan: a product while an inspection is open, else a licence
 * number to find the business. */
void              suyuan_inspect_page_scan           (SuyuanInspectPage *self,
                                                      const char        *payload);
/* The window's "scan" handler: takes the scan while the page is in view.
 * Each product judged emits "checked" (int level) for the beep and flash. */
gboolean          suyuan_inspect_page_claim_scan     (SuyuanInspectPage *self,
                                                      const char        *payload);
/* The row of item @seq (its properties say what it shows), or NULL. */
SuyuanInspectItemRow *suyuan_inspect_page_get_item_row (SuyuanInspectPage *self,
                                                        int                seq);
/* Sets item @seq's action and notes in its row, as a user would. */
gboolean          suyuan_inspect_page_set_action     (SuyuanInspectPage      *self,
                                                      int                     seq,
                                                      SuyuanInspectionAction  action,
                                                      const char             *notes);
/* What the file chooser does once a photo is picked. */
gboolean          suyuan_inspect_page_attach_photo   (SuyuanInspectPage *self,
                                                      int                seq,
                                                      const char        *path);
/* Presses item @seq's camera button: the Take a Photo window, or NULL. */
GtkWindow        *suyuan_inspect_page_take_photo     (SuyuanInspectPage *self,
                                                      int                seq);
/* The question Finish or Discard is asking now (and its text entry, if
 * any), or NULL; answer it with adw_message_dialog_response(). */
AdwMessageDialog *suyuan_inspect_page_get_dialog     (SuyuanInspectPage  *self,
                                                      GtkEditable       **entry);
/* The last scan's verdict, outside the scrolling list. */
SuyuanVerdictBanner *suyuan_inspect_page_get_banner  (SuyuanInspectPage *self);
GtkWidget        *suyuan_inspect_page_get_finish_button (SuyuanInspectPage *self);
/* Picks @result and presses Finish: TRUE when it finished without asking. */
gboolean          suyuan_inspect_page_finish         (SuyuanInspectPage      *self,
                                                      SuyuanInspectionResult  result);
/* Prints the record; with @export_path the print operation exports that PDF. */
gboolean          suyuan_inspect_page_print          (SuyuanInspectPage *self,
                                                      const char        *export_path,
                                                      GError           **error);
/* The last message shown under the scan entry (errors, saved …). */
const char       *suyuan_inspect_page_get_status     (SuyuanInspectPage *self);

G_END_DECLS
