/* suyuan-inspect-page-private.h — the Inspect page's state, shared by its
 * files (the page, and the finishing questions in suyuan-inspect-page-finish.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "suyuan-inspect-page.h"
#include "suyuan-verdict-banner.h"

G_BEGIN_DECLS

struct _SuyuanInspectPage {
  GtkWidget parent_instance;

  SuyuanStore *store;               /* not owned: the application's */
  GSettings *settings;              /* the application's: names, expiry days */
  SuyuanInspection *inspection;
  SuyuanStoreWriter *writer;        /* commits the items off the main thread */
  GPtrArray *tasks;                 /* of SuyuanInspectionTask, row i → task i */
  GPtrArray *found;
  GPtrArray *item_rows;             /* of SuyuanInspectItemRow */
  gboolean resumed;                 /* looked for an open inspection once */

  GtkStack *mode_stack;
  AdwEntryRow *inspector_row;
  GtkListBox *task_list;
  GtkSearchEntry *search_entry;
  GtkListBox *found_list;
  GtkLabel *business_label;
  GtkLabel *business_detail;
  GtkLabel *status_label;
  GtkEntry *code_entry;
  GtkListBox *item_list;
  AdwPreferencesGroup *finish_group;
  AdwComboRow *result_row;
  GtkWidget *open_buttons;
  GtkWidget *finished_buttons;
  GtkWidget *finish_button;
  SuyuanVerdictBanner *banner;

  /* Finishing asks, step by step, what the findings leave open. */
  gboolean unhandled_confirmed;
  char *override_reason;
  AdwMessageDialog *dialog;         /* weak: the question being asked */
  GtkEditable *dialog_entry;        /* its entry, when it has one */
};

SuyuanStore *suyuan_inspect_page_get_store   (SuyuanInspectPage *self);
void         suyuan_inspect_page_set_inspection (SuyuanInspectPage *self,
                                                 SuyuanInspection  *inspection);
void         suyuan_inspect_page_set_status  (SuyuanInspectPage *self,
                                              const char        *text);
void         suyuan_inspect_page_show        (SuyuanInspectPage *self);
void         suyuan_inspect_page_back_to_start (SuyuanInspectPage *self);
/* Finish pressed: asks what is missing (name, unhandled findings, a reason
 * for 合格 over a STOP) one question at a time, then finishes. */
void         suyuan_inspect_page_try_finish  (SuyuanInspectPage *self);
/* Discard pressed: asks first, then drops the open inspection. */
void         suyuan_inspect_page_ask_discard (SuyuanInspectPage *self);

G_END_DECLS
