/* suyuan-records-page.c — the history list (refreshed whenever the page is
 * shown) and the exports, written through a save dialog.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-records-page.h"
#include "suyuan-save-name.h"
#include "suyuan-trace-view.h"
#include "suyuan-record-row.h"
#include "suyuan-record-detail.h"
#include "suyuan-export-bar.h"
#include "suyuan-inspect-print.h"
#include "suyuan-receipt-print.h"
#include "receipt-pdf.h"
#include "inspection.h"
#include "suyuan-widget-children.h"
#include "export.h"

#include <glib/gi18n.h>

#define MAX_ROWS 500

struct _SuyuanRecordsPage {
  GtkWidget parent_instance;

  SuyuanStore *store;   /* not owned: the application's */
  GtkSearchEntry *search_entry;
  GtkListBox *list;
  GtkLabel *empty_label;
  guint n_rows;
  GtkStack *mode_stack;
  SuyuanRecordDetail *detail;
  GtkWidget *print_button;
  GtkFileChooserNative *chooser;
  SuyuanExportBar *export_bar;
  gboolean chooser_csv;
};

G_DEFINE_FINAL_TYPE (SuyuanRecordsPage, suyuan_records_page, GTK_TYPE_WIDGET)

static const char *
kind_label (const char *kind)
{
  static const char *const table[][2] = {
    { "receipt", N_("Purchase inspection") },
    { "inspection", N_("Inspection") },
    { "event", N_("Traceability event") },
    { "scan", N_("Scan") },
    { "code-registration", N_("Codes registered") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_strcmp0 (kind, table[i][0]) == 0)
      return _(table[i][1]);
  return kind;
}

static GtkWidget *
record_row (const SuyuanRecordSummary *r)
{
  GtkWidget *row = suyuan_record_row_new (r->uuid, r->kind, r->sent);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (r->created_at, NULL);
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup (r->created_at);
  /* An event says what happened (收货, 发货 …) rather than just "event". */
  const char *what = g_strcmp0 (r->event_type, "master-data") == 0 ? _("Product data")
                     : r->event_type ? suyuan_event_type_to_label (r->event_type) : kind_label (r->kind);
  /* Never an internal id or a bare dash: say what is not known. */
  const char *who = r->title && *r->title ? r->title
                    : g_strcmp0 (r->kind, "receipt") == 0 ? _("Supplier not named") : _("Unknown product");
  g_autofree char *title = g_strdup_printf ("%s · %s", what, who);
  const char *state = r->sent ? _("Synced") : _("Waiting to sync");
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, state);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

void
suyuan_records_page_search (SuyuanRecordsPage *self,
                            const char        *query)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (SUYUAN_IS_RECORDS_PAGE (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  if (self->store != NULL)
    records = suyuan_records_search (self->store, query, MAX_ROWS, &error);
  if (error != NULL)
    g_warning ("searching records failed: %s", error->message);
  for (guint i = 0; records && i < records->len; i++, self->n_rows++)
    gtk_list_box_append (self->list, record_row (records->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_rows > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->n_rows == 0);
  if (self->n_rows == 0 && query && *query)
    gtk_label_set_text (self->empty_label, _("No record matches the search."));
  else if (self->n_rows == 0)
    gtk_label_set_text (self->empty_label, _("No records yet. Checks, receipts and inspections made on this terminal show here."));
}

void
suyuan_records_page_set_store (SuyuanRecordsPage *self,
                               SuyuanStore       *store)
{
  g_return_if_fail (SUYUAN_IS_RECORDS_PAGE (self));
  self->store = store;
  suyuan_records_page_search (self, NULL);
}

/* The same search again: records were added or sent meanwhile. */
void
suyuan_records_page_refresh (SuyuanRecordsPage *self)
{
  g_return_if_fail (SUYUAN_IS_RECORDS_PAGE (self));
  suyuan_records_page_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

guint
suyuan_records_page_get_n_rows (SuyuanRecordsPage *self)
{
  return self->n_rows;
}

/* In the background: the window keeps answering on a large store, the bar
 * shows how far it is and cancels, and a toast names the file at the end. */
gboolean
suyuan_records_page_export (SuyuanRecordsPage *self,
                            const char        *path,
                            gboolean           csv,
                            GError           **error)
{
  g_return_val_if_fail (SUYUAN_IS_RECORDS_PAGE (self) && self->store != NULL, FALSE);
  /* A spreadsheet a person opens: in their language (suyuanctl keeps English). */
  return suyuan_export_bar_start (self->export_bar, self->store, path,
                                  csv ? SUYUAN_EXPORT_CSV_FOR_PEOPLE : SUYUAN_EXPORT_EPCIS, error);
}

SuyuanExportBar *
suyuan_records_page_get_export_bar (SuyuanRecordsPage *self)
{
  g_return_val_if_fail (SUYUAN_IS_RECORDS_PAGE (self), NULL);
  return self->export_bar;
}

static void
toast (SuyuanRecordsPage *self,
       const char        *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
on_chooser_response (GtkNativeDialog   *dialog,
                     int                response,
                     SuyuanRecordsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!suyuan_records_page_export (self, path, self->chooser_csv, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Export failed: %s"), error->message);

      toast (self, text);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  SuyuanRecordsPage *self = SUYUAN_RECORDS_PAGE (widget);
  gboolean csv = g_strcmp0 (g_variant_get_string (parameter, NULL), "csv") == 0;

  if (self->store == NULL || self->chooser != NULL)
    return;
  self->chooser_csv = csv;
  self->chooser = gtk_file_chooser_native_new (csv ? _("Export CSV") : _("Export EPCIS"),
                                               suyuan_widget_get_window (widget),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: file names; keep the extensions */
  suyuan_save_name_prepare (GTK_FILE_CHOOSER (self->chooser),
                            csv ? _("traceability-events.csv") : _("traceability-events.epcis.json"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

gboolean
suyuan_records_page_open (SuyuanRecordsPage *self,
                          SuyuanRecordRow   *row)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SUYUAN_IS_RECORDS_PAGE (self), FALSE);
  if (self->store == NULL
      || !suyuan_record_detail_show (self->detail, self->store, suyuan_record_row_get_uuid (row),
                                     suyuan_record_row_get_kind (row), &error))
    {
      if (error != NULL)
        toast (self, error->message);
      return FALSE;
    }
  gtk_widget_set_visible (self->print_button, suyuan_record_detail_get_inspection_uuid (self->detail) != NULL
                          || suyuan_record_detail_get_receipt_uuid (self->detail) != NULL);
  gtk_stack_set_visible_child_name (self->mode_stack, "detail");
  return TRUE;
}

static void
on_row_activated (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  SuyuanRecordsPage *self)
{
  if (SUYUAN_IS_RECORD_ROW (row))
    suyuan_records_page_open (self, SUYUAN_RECORD_ROW (row));
}

static void
back_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (SUYUAN_RECORDS_PAGE (widget)->mode_stack, "list");
}

gboolean
suyuan_records_page_print (SuyuanRecordsPage *self,
                           const char        *export_path,
                           GError           **error)
{
  const char *uuid = suyuan_record_detail_get_inspection_uuid (self->detail);
  const char *receipt = suyuan_record_detail_get_receipt_uuid (self->detail);
  g_autoptr(SuyuanInspection) inspection = NULL;

  g_return_val_if_fail (SUYUAN_IS_RECORDS_PAGE (self) && self->store != NULL, FALSE);
  g_return_val_if_fail (uuid != NULL || receipt != NULL, FALSE);
  if (uuid == NULL)
    {
      g_autoptr(JsonObject) record = suyuan_record_dup_data (self->store, receipt, error);

      if (record == NULL)
        return FALSE;
      suyuan_receipt_record_complete (self->store, record);
      return suyuan_receipt_record_print (suyuan_widget_get_window (GTK_WIDGET (self)), record,
                                          export_path, error);
    }
  inspection = suyuan_inspection_load (self->store, uuid, error);
  if (inspection == NULL)
    return FALSE;
  return suyuan_inspection_print (suyuan_widget_get_window (GTK_WIDGET (self)), inspection,
                                  export_path, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!suyuan_records_page_print (SUYUAN_RECORDS_PAGE (widget), NULL, &error))
    toast (SUYUAN_RECORDS_PAGE (widget), error->message);
}

SuyuanRecordDetail *
suyuan_records_page_get_detail (SuyuanRecordsPage *self)
{
  return self->detail;
}

GtkListBox *
suyuan_records_page_get_list (SuyuanRecordsPage *self)
{
  return self->list;
}

static void
on_search_changed (GtkSearchEntry    *entry,
                   SuyuanRecordsPage *self)
{
  suyuan_records_page_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
suyuan_records_page_map (GtkWidget *widget)
{
  SuyuanRecordsPage *self = SUYUAN_RECORDS_PAGE (widget);

  GTK_WIDGET_CLASS (suyuan_records_page_parent_class)->map (widget);
  /* New records arrive from every page: show them whenever this one is shown. */
  suyuan_records_page_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* A save dialog still open goes with its window, while that window lives. */
static void
drop_chooser (SuyuanRecordsPage *self)
{
  if (self->chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
suyuan_records_page_unroot (GtkWidget *widget)
{
  drop_chooser (SUYUAN_RECORDS_PAGE (widget));
  GTK_WIDGET_CLASS (suyuan_records_page_parent_class)->unroot (widget);
}

static void
suyuan_records_page_dispose (GObject *object)
{
  SuyuanRecordsPage *self = SUYUAN_RECORDS_PAGE (object);

  drop_chooser (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_RECORDS_PAGE);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_records_page_parent_class)->dispose (object);
}

static void
suyuan_records_page_class_init (SuyuanRecordsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = suyuan_records_page_dispose;
  widget_class->map = suyuan_records_page_map;
  widget_class->unroot = suyuan_records_page_unroot;
  g_type_ensure (SUYUAN_TYPE_RECORD_DETAIL);
  g_type_ensure (SUYUAN_TYPE_EXPORT_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, export_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_install_action (widget_class, "records.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "records.print", NULL, print_action);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordsPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_install_action (widget_class, "records.export", "s", export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_records_page_init (SuyuanRecordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
