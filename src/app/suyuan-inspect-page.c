/* suyuan-inspect-page.c — the inspector's workflow on one page: pick the
 * business (task list, licence scan or search), scan products, set an action
 * per finding, finish, print. Every change goes straight to the store through
 * the inspection model, so nothing is lost when the terminal dies.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-page-private.h"
#include "suyuan-inspect-rows.h"
#include "suyuan-inspect-item-row.h"
#include "suyuan-widget-children.h"
#include "suyuan-inspect-print.h"
#include "store-writer.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (SuyuanInspectPage, suyuan_inspect_page, GTK_TYPE_WIDGET)

enum { CHECKED, N_SIGNALS };
static guint signals[N_SIGNALS];
static SuyuanStore *
get_store (SuyuanInspectPage *self)
{
  return self->store;
}

static void
set_status (SuyuanInspectPage *self,
            const char        *text)
{
  gtk_label_set_text (self->status_label, text ? text : "");
}

static void
fill_business_list (GtkListBox *list,
                    GPtrArray  *businesses,
                    const char *empty_text)
{
  GtkListBoxRow *row;

  /* Row by row: the list's placeholder is a child too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
  for (guint i = 0; businesses != NULL && i < businesses->len; i++)
    gtk_list_box_append (list, suyuan_inspect_business_row_new (businesses->pdata[i]));
  if ((businesses == NULL || businesses->len == 0) && empty_text != NULL)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (empty), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), empty_text);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (empty), FALSE);
      gtk_list_box_append (list, empty);
    }
}

static void
refresh_tasks (SuyuanInspectPage *self)
{
  SuyuanStore *store = get_store (self);

  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  if (store != NULL)
    self->tasks = suyuan_inspection_list_tasks (store, NULL);
  fill_business_list (self->task_list, self->tasks, _("No open tasks: sync to get new ones"));
}

/* A queued item save committed or failed: its row says so. */
static void
on_item_saved (SuyuanInspection *inspection,
               int               seq,
               const GError     *error,
               gpointer          user_data)
{
  SuyuanInspectPage *self = user_data;
  SuyuanInspectionItem *item = suyuan_inspection_get_item (inspection, seq);

  for (guint i = 0; item != NULL && i < self->item_rows->len; i++)
    if (suyuan_inspect_item_row_get_seq (self->item_rows->pdata[i]) == seq)
      suyuan_inspect_item_row_update_saved (self->item_rows->pdata[i], item);
  if (error != NULL)
    {
      /* Translators: an inspection item could not be written; %s says why */
      g_autofree char *text = g_strdup_printf (_("Not saved: %s. The next change or finishing saves it again."),
                                               error->message);

      set_status (self, text);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
    }
}

/* Takes @inspection (may be NULL); the one before is saved whole first. */
void
suyuan_inspect_page_set_inspection (SuyuanInspectPage *self,
                                    SuyuanInspection  *inspection)
{
  if (self->inspection != NULL && self->inspection->finished_at == NULL && get_store (self) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!suyuan_inspection_wait_saved (get_store (self), self->inspection, &error))
        g_warning ("saving inspection %s failed: %s", self->inspection->uuid, error->message);
    }
  g_clear_pointer (&self->inspection, suyuan_inspection_free);
  self->inspection = inspection;
  if (inspection != NULL && self->writer != NULL)
    suyuan_inspection_set_writer (inspection, self->writer, on_item_saved, self);
}

/* The rows' changes are saved here, so errors show in one place. */
static gboolean
on_item_changed (SuyuanInspectItemRow *row,
                 int                   action,
                 const char           *notes,
                 const char           *photo,
                 SuyuanInspectPage    *self)
{
  int seq = suyuan_inspect_item_row_get_seq (row);
  SuyuanStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->inspection == NULL || store == NULL)
    return FALSE;
  if (photo != NULL)
    ok = suyuan_inspection_add_photo (store, self->inspection, seq, photo, &error);
  else
    ok = suyuan_inspection_set_action (store, self->inspection, seq, (SuyuanInspectionAction) action, notes, &error);
  if (ok)
    suyuan_inspect_item_row_update_saved (row, suyuan_inspection_get_item (self->inspection, seq));
  else
    set_status (self, error->message);
  return ok;
}

static void
show_inspection (SuyuanInspectPage *self)
{
  SuyuanInspection *inspection = self->inspection;
  gboolean finished = inspection->finished_at != NULL;
  g_autofree char *detail = NULL;
  GtkListBoxRow *row;

  gtk_label_set_text (self->business_label, inspection->party_name);
  detail = g_strdup_printf ("%s %s · %s %s%s%s", _("Licence no.:"),
                            inspection->licence_no ? inspection->licence_no : "—",
                            _("Inspector:"), inspection->inspector && *inspection->inspector
                                             ? inspection->inspector : _("(not yet named)"),
                            inspection->corrects ? " · " : "", inspection->corrects ? _("Correction") : "");
  gtk_label_set_text (self->business_detail, detail);
  while ((row = gtk_list_box_get_row_at_index (self->item_list, 0)) != NULL)
    gtk_list_box_remove (self->item_list, GTK_WIDGET (row));
  g_ptr_array_set_size (self->item_rows, 0);
  for (guint i = 0; i < inspection->items->len; i++)
    {
      GtkWidget *item_row = suyuan_inspect_item_row_new (inspection->items->pdata[i], !finished);

      g_signal_connect_object (item_row, "changed", G_CALLBACK (on_item_changed), self, 0);

      g_ptr_array_add (self->item_rows, item_row);
      gtk_list_box_append (self->item_list, item_row);
    }
  gtk_widget_set_visible (self->finished_buttons, finished);
  /* Focus leaves the scan entry before it goes insensitive, and lands on no
   * button: the Enter ending the next scan must not press it. */
  if (finished && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_entry), !finished);
  gtk_widget_set_visible (GTK_WIDGET (self->finish_group), !finished);
  gtk_widget_set_visible (self->open_buttons, !finished);
  /* The result follows the findings: a STOP makes 合格 the exception. */
  if (!finished)
    adw_combo_row_set_selected (self->result_row, suyuan_inspection_suggest_result (inspection) - 1);
  if (finished)
    {
      g_autofree char *text = g_strdup_printf (_("Finished: %s. The record waits in the outbox and syncs later."),
                                               suyuan_inspection_result_label (inspection->result));
      set_status (self, text);
    }
  gtk_stack_set_visible_child_name (self->mode_stack, "inspect");
}

static void
start_inspection (SuyuanInspectPage          *self,
                  const SuyuanInspectionTask *business)
{
  SuyuanStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  SuyuanInspection *inspection;

  if (store == NULL)
    return;
  inspection = suyuan_inspection_start (store, business, gtk_editable_get_text (GTK_EDITABLE (self->inspector_row)),
                                        NULL, &error);
  if (inspection == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  suyuan_inspect_page_set_inspection (self, inspection);
  suyuan_verdict_banner_set_verdict (self->banner, NULL);
  set_status (self, _("Scan the products on the shelves."));
  show_inspection (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
}

static void
on_row_activated (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  SuyuanInspectPage *self)
{
  GPtrArray *businesses = list == self->task_list ? self->tasks : self->found;
  int index = gtk_list_box_row_get_index (row);

  if (businesses != NULL && index >= 0 && (guint) index < businesses->len)
    start_inspection (self, businesses->pdata[index]);
}

static void
on_search_changed (SuyuanInspectPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  SuyuanStore *store = get_store (self);

  g_clear_pointer (&self->found, g_ptr_array_unref);
  if (store != NULL && query[0] != '\0')
    self->found = suyuan_inspection_find_parties (store, query, 20, NULL);
  fill_business_list (self->found_list, self->found, query[0] ? _("No business found") : NULL);
}

/* Enter in the search opens the one business found. */
static void
on_search_activate (SuyuanInspectPage *self)
{
  on_search_changed (self);
  if (self->found != NULL && self->found->len == 1)
    start_inspection (self, self->found->pdata[0]);
}

static void
get_verdict_settings (SuyuanInspectPage     *self,
                      SuyuanVerdictSettings *settings)
{
  GSettings *gsettings = self->settings;

  suyuan_verdict_settings_init (settings);
  settings->here_party_id = self->inspection->party_id;
  if (gsettings == NULL)
    return;
  settings->near_expiry_days_food = g_settings_get_int (gsettings, "near-expiry-days-food");
  settings->near_expiry_days_drug = g_settings_get_int (gsettings, "near-expiry-days-drug");
  settings->near_expiry_days_other = g_settings_get_int (gsettings, "near-expiry-days-other");
}

static SuyuanLevel
add_product (SuyuanInspectPage *self,
             const char        *payload)
{
  SuyuanStore *store = get_store (self);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (payload, -1);
  g_autoptr(SuyuanLookup) lookup = store ? suyuan_store_lookup (store, code, NULL) : NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  SuyuanVerdictSettings settings;
  SuyuanInspectionItem *item;
  GtkWidget *row;

  get_verdict_settings (self, &settings);
  verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);
  if (lookup != NULL && lookup->product != NULL)
    summary = g_strdup_printf ("%s%s%s", lookup->product->name,
                               code->lot || lookup->batch ? " · " : "",
                               code->lot ? code->lot : lookup->batch ? lookup->batch->lot : "");
  item = suyuan_inspection_add_item (store, self->inspection, payload, verdict, summary, &error);
  if (item == NULL)
    {
      set_status (self, error->message);
      return SUYUAN_LEVEL_UNKNOWN;
    }
  row = suyuan_inspect_item_row_new (item, TRUE);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_item_changed), self, 0);
  g_ptr_array_add (self->item_rows, row);
  gtk_list_box_prepend (self->item_list, row);
  /* A finding opens at once: the inspector records the action next. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), verdict->level >= SUYUAN_LEVEL_WARN);
  suyuan_verdict_banner_set_verdict (self->banner, verdict);
  if (verdict->level == SUYUAN_LEVEL_STOP)
    adw_combo_row_set_selected (self->result_row, SUYUAN_RESULT_FAIL - 1);
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product checked", "%u products checked",
                                                         self->inspection->items->len),
                                            self->inspection->items->len);
    set_status (self, text);
  }
  /* The window gives the beep and the flash. */
  g_signal_emit (self, signals[CHECKED], 0, (int) verdict->level);
  return verdict->level;
}

static void
on_code_activate (SuyuanInspectPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));

  if (text[0] == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  suyuan_inspect_page_scan (self, text);
}

static void
on_finish_clicked (SuyuanInspectPage *self)
{
  self->unhandled_confirmed = FALSE;
  g_clear_pointer (&self->override_reason, g_free);
  suyuan_inspect_page_try_finish (self);
}

static void
on_discard_clicked (SuyuanInspectPage *self)
{
  suyuan_inspect_page_ask_discard (self);
}

static void
on_new_clicked (SuyuanInspectPage *self)
{
  suyuan_inspect_page_set_inspection (self, NULL);
  refresh_tasks (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->mode_stack, "start");
}

static void
on_correct_clicked (SuyuanInspectPage *self)
{
  g_autoptr(GError) error = NULL;
  SuyuanInspection *correction;

  correction = suyuan_inspection_start_correction (get_store (self), self->inspection,
                                                   gtk_editable_get_text (GTK_EDITABLE (self->inspector_row)), &error);
  if (correction == NULL)
    {
      set_status (self, error->message);
      return;
    }
  suyuan_inspect_page_set_inspection (self, correction);
  set_status (self, _("Correcting the record: change what was wrong and finish again."));
  show_inspection (self);
}

static void
on_print_clicked (SuyuanInspectPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!suyuan_inspect_page_print (self, NULL, &error))
    set_status (self, error->message);
}

static void
suyuan_inspect_page_map (GtkWidget *widget)
{
  SuyuanInspectPage *self = SUYUAN_INSPECT_PAGE (widget);
  SuyuanStore *store = get_store (self);

  GTK_WIDGET_CLASS (suyuan_inspect_page_parent_class)->map (widget);
  /* After a restart the inspection left open comes back as it was. */
  if (!self->resumed && store != NULL)
    {
      self->resumed = TRUE;
      suyuan_inspect_page_set_inspection (self, suyuan_inspection_load_open (store, NULL));
      if (self->inspection != NULL)
        show_inspection (self);
    }
  if (self->inspection == NULL)
    refresh_tasks (self);
}

static void
suyuan_inspect_page_dispose (GObject *object)
{
  SuyuanInspectPage *self = SUYUAN_INSPECT_PAGE (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_pointer (&self->override_reason, g_free);
  /* Closing waits for the queued item saves (and writes again any that failed). */
  if (self->inspection != NULL)
    self->inspection->saved = NULL;
  suyuan_inspect_page_set_inspection (self, NULL);
  g_clear_pointer (&self->writer, suyuan_store_writer_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUYUAN_TYPE_INSPECT_PAGE);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (suyuan_inspect_page_parent_class)->dispose (object);
}

static void
suyuan_inspect_page_class_init (SuyuanInspectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_inspect_page_dispose;
  widget_class->map = suyuan_inspect_page_map;
  /* A product scanned and judged: the level (SuyuanLevel), for beep and flash. */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  g_type_ensure (SUYUAN_TYPE_VERDICT_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-inspect-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, inspector_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, task_list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, found_list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, business_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, business_detail);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, code_entry);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, item_list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, finish_group);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, open_buttons);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, finished_buttons);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, finish_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanInspectPage, banner);
  /* Reachable by gtk_widget_get_template_child (tests press and scroll them). */
  gtk_widget_class_bind_template_child_full (widget_class, "discard_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "inspect_scroller", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_correct_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
}

static void
suyuan_inspect_page_init (SuyuanInspectPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->item_rows = g_ptr_array_new ();
  placeholder = gtk_label_new (_("No products scanned yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->item_list, placeholder);
}

SuyuanStore *
suyuan_inspect_page_get_store (SuyuanInspectPage *self)
{
  return get_store (self);
}

void
suyuan_inspect_page_set_status (SuyuanInspectPage *self,
                                const char        *text)
{
  set_status (self, text);
}

void
suyuan_inspect_page_show (SuyuanInspectPage *self)
{
  show_inspection (self);
}

void
suyuan_inspect_page_scan (SuyuanInspectPage *self,
                          const char        *payload)
{
  g_return_if_fail (SUYUAN_IS_INSPECT_PAGE (self));
  if (self->inspection != NULL && self->inspection->finished_at == NULL)
    {
      add_product (self, payload);
      return;
    }
  /* No inspection open: a scan here is the business licence. */
  gtk_stack_set_visible_child_name (self->mode_stack, "start");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), payload);
  on_search_changed (self);
  /* A partial match may list more than one: the licence itself starts it. */
  if (self->found != NULL && self->found->len > 0
      && (self->found->len == 1
          || g_strcmp0 (((SuyuanInspectionTask *) self->found->pdata[0])->licence_no, payload) == 0))
    start_inspection (self, self->found->pdata[0]);
}

gboolean
suyuan_inspect_page_claim_scan (SuyuanInspectPage *self,
                                const char        *payload)
{
  g_return_val_if_fail (SUYUAN_IS_INSPECT_PAGE (self), FALSE);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  suyuan_inspect_page_scan (self, payload);
  return TRUE;
}

SuyuanInspectItemRow *
suyuan_inspect_page_get_item_row (SuyuanInspectPage *self,
                                  int                seq)
{
  g_return_val_if_fail (SUYUAN_IS_INSPECT_PAGE (self), NULL);
  for (guint i = 0; i < self->item_rows->len; i++)
    if (suyuan_inspect_item_row_get_seq (self->item_rows->pdata[i]) == seq)
      return self->item_rows->pdata[i];
  return NULL;
}

gboolean
suyuan_inspect_page_set_action (SuyuanInspectPage      *self,
                                int                     seq,
                                SuyuanInspectionAction  action,
                                const char             *notes)
{
  SuyuanInspectItemRow *row = suyuan_inspect_page_get_item_row (self, seq);

  return row != NULL && suyuan_inspect_item_row_set (row, action, notes);
}

gboolean
suyuan_inspect_page_attach_photo (SuyuanInspectPage *self,
                                  int                seq,
                                  const char        *path)
{
  SuyuanInspectItemRow *row = suyuan_inspect_page_get_item_row (self, seq);

  return row != NULL && suyuan_inspect_item_row_attach (row, path);
}

GtkWindow *
suyuan_inspect_page_take_photo (SuyuanInspectPage *self,
                                int                seq)
{
  SuyuanInspectItemRow *row = suyuan_inspect_page_get_item_row (self, seq);

  return row != NULL ? suyuan_inspect_item_row_take_photo (row) : NULL;
}

gboolean
suyuan_inspect_page_finish (SuyuanInspectPage      *self,
                            SuyuanInspectionResult  result)
{
  g_return_val_if_fail (result > SUYUAN_RESULT_NONE && result < SUYUAN_N_RESULTS, FALSE);
  adw_combo_row_set_selected (self->result_row, result - 1);
  on_finish_clicked (self);
  return self->inspection != NULL && self->inspection->finished_at != NULL;
}

void
suyuan_inspect_page_back_to_start (SuyuanInspectPage *self)
{
  suyuan_inspect_page_set_inspection (self, NULL);
  refresh_tasks (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "start");
}

gboolean
suyuan_inspect_page_print (SuyuanInspectPage *self,
                           const char        *export_path,
                           GError           **error)
{
  g_return_val_if_fail (self->inspection != NULL, FALSE);
  return suyuan_inspection_print (suyuan_widget_get_window (GTK_WIDGET (self)), self->inspection,
                                  export_path, error);
}

void
suyuan_inspect_page_set_store (SuyuanInspectPage *self,
                               SuyuanStore       *store,
                               GSettings         *settings)
{
  g_return_if_fail (SUYUAN_IS_INSPECT_PAGE (self));
  g_return_if_fail (self->settings == NULL);
  self->store = store;
  self->settings = g_object_ref (settings);
  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Without a writer (a store in memory) items commit on this thread. */
      self->writer = suyuan_store_writer_new (store, &error);
      if (self->writer == NULL)
        g_debug ("inspection items save on the main thread: %s", error->message);
    }
  /* The inspector's name is the terminal's, remembered between inspections
   * and restarts. */
  g_settings_bind (settings, "inspector-name", self->inspector_row, "text", G_SETTINGS_BIND_DEFAULT);
}

SuyuanInspection *
suyuan_inspect_page_get_inspection (SuyuanInspectPage *self)
{
  return self->inspection;
}

GtkListBox *
suyuan_inspect_page_get_task_list (SuyuanInspectPage *self)
{
  return self->task_list;
}

GtkListBox *
suyuan_inspect_page_get_found_list (SuyuanInspectPage *self)
{
  return self->found_list;
}

GtkEditable *
suyuan_inspect_page_get_inspector_entry (SuyuanInspectPage *self)
{
  return GTK_EDITABLE (self->inspector_row);
}

const char *
suyuan_inspect_page_get_status (SuyuanInspectPage *self)
{
  return gtk_label_get_text (self->status_label);
}

AdwMessageDialog *
suyuan_inspect_page_get_dialog (SuyuanInspectPage  *self,
                                GtkEditable       **entry)
{
  if (entry != NULL)
    *entry = self->dialog != NULL ? self->dialog_entry : NULL;
  return self->dialog;
}

SuyuanVerdictBanner *
suyuan_inspect_page_get_banner (SuyuanInspectPage *self)
{
  return self->banner;
}

GtkWidget *
suyuan_inspect_page_get_finish_button (SuyuanInspectPage *self)
{
  return self->finish_button;
}
