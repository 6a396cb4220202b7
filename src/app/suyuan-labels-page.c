/* suyuan-labels-page.c — pick product, batch, count and stock; generate;
 * preview the first page; print or export; check every label in the background.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-labels-page.h"
#include "suyuan-save-name.h"
#include "suyuan-widget-children.h"
#include "label-catalog.h"
#include "label-render.h"
#include "suyuan-label-print.h"
#include "suyuan-label-run.h"
#include "suyuan-product-editor.h"

#include <glib/gi18n.h>

struct _SuyuanLabelsPage {
  GtkWidget parent_instance;

  SuyuanStore *store;   /* not owned: the application's */
  GPtrArray *products;  /* SuyuanLabelChoice */
  GPtrArray *batches;
  SuyuanLabelRun *run;
  SuyuanLabelPainter *painter;
  GCancellable *cancellable;
  gboolean checked;

  AdwComboRow *product_row;
  AdwComboRow *batch_row;
  AdwEntryRow *new_lot_row;
  GtkSpinButton *count_spin;
  AdwComboRow *template_row;
  GtkSwitch *per_batch_switch;
  GtkButton *generate_button;
  GtkButton *print_button;
  GtkMenuButton *export_button;
  GtkLabel *status_label;
  GtkDrawingArea *preview;
};

G_DEFINE_FINAL_TYPE (SuyuanLabelsPage, suyuan_labels_page, GTK_TYPE_WIDGET)

static const SuyuanLabelTemplate *
selected_template (SuyuanLabelsPage *self)
{
  guint n;
  const SuyuanLabelTemplate *all = suyuan_label_templates (&n);
  guint i = adw_combo_row_get_selected (self->template_row);

  return &all[i < n ? i : 0];
}

static const SuyuanLabelChoice *
selected (GPtrArray  *choices,
          AdwComboRow *row)
{
  guint i = adw_combo_row_get_selected (row);

  return choices != NULL && i < choices->len ? choices->pdata[i] : NULL;
}

static void
set_choices (AdwComboRow *row,
             GPtrArray   *choices)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; choices && i < choices->len; i++)
    gtk_string_list_append (list, ((SuyuanLabelChoice *) choices->pdata[i])->title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
set_status (SuyuanLabelsPage *self,
            const char       *text)
{
  /* Plain text: lots and serials come from the store, never markup. */
  gtk_label_set_text (self->status_label, text);
}

static void
reload_batches (SuyuanLabelsPage *self)
{
  const SuyuanLabelChoice *product = selected (self->products, self->product_row);
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "labels.edit-product", product != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "labels.add-product", self->store != NULL);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  if (product != NULL && self->store != NULL)
    self->batches = suyuan_label_list_batches (self->store, product->id, &error);
  if (error != NULL)
    set_status (self, error->message);
  set_choices (self->batch_row, self->batches);
}

static void
on_product_selected (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     SuyuanLabelsPage *self)
{
  reload_batches (self);
}

static void
update_painter (SuyuanLabelsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->painter, suyuan_label_painter_free);
  if (self->run != NULL)
    {
      self->run->tmpl = selected_template (self);
      self->painter = suyuan_label_painter_new (self->run->job, self->run->tmpl, &error);
      if (error != NULL)
        set_status (self, error->message);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), self->painter != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->painter != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
on_template_selected (AdwComboRow      *row,
                      GParamSpec       *pspec,
                      SuyuanLabelsPage *self)
{
  update_painter (self);
}

static void
on_new_lot_apply (AdwEntryRow      *row,
                  SuyuanLabelsPage *self)
{
  const SuyuanLabelChoice *product = selected (self->products, self->product_row);
  g_autofree char *lot = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (product == NULL || self->store == NULL)
    return;
  if (!suyuan_label_batch_ensure (self->store, product->id, lot, NULL, NULL, &error))
    {
      set_status (self, error->message);
      return;
    }
  reload_batches (self);
  for (guint i = 0; self->batches && i < self->batches->len; i++)
    if (g_strcmp0 (((SuyuanLabelChoice *) self->batches->pdata[i])->id, lot) == 0)
      adw_combo_row_set_selected (self->batch_row, i);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  SuyuanLabelsPage *self = data;
  const SuyuanLabelTemplate *tmpl = selected_template (self);
  double scale = MIN ((width - 16) / tmpl->page_width, (height - 16) / tmpl->page_height);

  if (self->painter == NULL || scale <= 0)
    return;
  cairo_translate (cr, (width - tmpl->page_width * scale) / 2, (height - tmpl->page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, tmpl->page_width, tmpl->page_height);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.3);
  cairo_stroke (cr);
  suyuan_label_painter_draw_page (self->painter, cr, 0);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  SuyuanLabelsPage *self = SUYUAN_LABELS_PAGE (source);
  SuyuanLabelRun *run = suyuan_label_run_from_result (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), TRUE);
  if (run != self->run)
    return;
  self->checked = TRUE;
  if (!suyuan_label_run_check_finish (result, &error))
    text = g_strdup_printf (_("The check could not run: %s"), error->message);
  else if (run->failed == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u code reserved and registered; all read back correctly.",
                                         "%u codes reserved and registered; all read back correctly.",
                                         run->job->count), run->job->count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u label did not read back: do not print this run.",
                                         "%u labels did not read back: do not print this run.",
                                         run->failed), run->failed);
  set_status (self, text);
}

gboolean
suyuan_labels_page_generate (SuyuanLabelsPage *self,
                             GError          **error)
{
  const SuyuanLabelChoice *product = selected (self->products, self->product_row);
  const SuyuanLabelChoice *batch = selected (self->batches, self->batch_row);
  SuyuanLabelJob *job;

  g_return_val_if_fail (SUYUAN_IS_LABELS_PAGE (self), FALSE);
  if (self->store == NULL || product == NULL || batch == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Choose a product and a batch first"));
      return FALSE;
    }
  job = suyuan_label_job_new (self->store, product->id, batch->id,
                              (guint) gtk_spin_button_get_value_as_int (self->count_spin),
                              gtk_switch_get_active (self->per_batch_switch) ? SUYUAN_LABEL_PER_BATCH
                                                                             : SUYUAN_LABEL_PER_ITEM,
                              NULL, error);
  if (job == NULL)
    return FALSE;
  g_clear_pointer (&self->run, suyuan_label_run_unref);
  self->run = suyuan_label_run_new (job);
  self->checked = FALSE;
  update_painter (self);
  set_status (self, _("Codes reserved. Checking every label by decoding it…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), FALSE);
  suyuan_label_run_check_async (self->run, self, self->cancellable, check_done, NULL);
  return TRUE;
}

static void
on_generate_clicked (GtkButton        *button,
                     SuyuanLabelsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!suyuan_labels_page_generate (self, &error))
    set_status (self, error->message);
}

gboolean
suyuan_labels_page_print (SuyuanLabelsPage *self,
                          const char       *export_path,
                          GError          **error)
{
  g_return_val_if_fail (SUYUAN_IS_LABELS_PAGE (self), FALSE);
  if (self->painter == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Generate the codes first"));
      return FALSE;
    }
  return suyuan_label_print (suyuan_widget_get_window (GTK_WIDGET (self)), self->painter,
                             self->run->job, self->run->tmpl, export_path, error);
}

gboolean
suyuan_labels_page_uses_placeholder (SuyuanLabelsPage *self)
{
  const char *first;

  g_return_val_if_fail (SUYUAN_IS_LABELS_PAGE (self), FALSE);
  if (self->run == NULL || self->run->job->payloads->len == 0)
    return FALSE;
  first = self->run->job->payloads->pdata[0];
  return g_str_has_prefix (first, "https://id.example.com/") || g_str_has_prefix (first, "http://id.example.com/");
}

static void
print_now (SuyuanLabelsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!suyuan_labels_page_print (self, NULL, &error))
    set_status (self, error->message);
}

static void
on_placeholder_answer (AdwMessageDialog *dialog,
                       const char       *response,
                       SuyuanLabelsPage *self)
{
  if (g_strcmp0 (response, "print") == 0)
    print_now (self);
}

/* Codes under the example host lead nowhere once on a package: say so and
 * let the user decide (a test print is fine). */
static void
on_print_clicked (GtkButton        *button,
                  SuyuanLabelsPage *self)
{
  AdwMessageDialog *dialog;

  if (!suyuan_labels_page_uses_placeholder (self))
    {
      print_now (self);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (suyuan_widget_get_window (GTK_WIDGET (self)),
                                                       _("Print codes that lead nowhere?"),
                                                       _("These codes point at the placeholder address id.example.com, "
                                                         "not at this deployment’s resolver: a phone that scans them "
                                                         "opens nothing. Sync with the server (it names the resolver) "
                                                         "or ask your administrator. Print only to test a printer.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "print", _("_Print Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "print", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_placeholder_answer), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
suyuan_labels_page_press_print (SuyuanLabelsPage *self)
{
  g_return_if_fail (SUYUAN_IS_LABELS_PAGE (self));
  gtk_widget_activate (GTK_WIDGET (self->print_button));
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  SuyuanLabelsPage *self = SUYUAN_LABELS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *path;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (!suyuan_label_run_write_finish (result, &path, &error))
    set_status (self, error->message);
  else
    {
      text = g_strdup_printf (_("Saved “%s”."), path);
      set_status (self, text);
    }
}

static void
on_export_response (GtkNativeDialog  *dialog,
                    int               response,
                    SuyuanLabelsPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gboolean png = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "png"));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && g_file_peek_path (file) != NULL && self->run != NULL)
    {
      /* Thousands of labels take seconds: written off the main thread. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
      set_status (self, _("Writing the labels…"));
      suyuan_label_run_write_async (self->run, g_file_peek_path (file), png, self, write_done, NULL);
    }
  g_object_unref (dialog);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  SuyuanLabelsPage *self = SUYUAN_LABELS_PAGE (widget);
  gboolean png = g_str_equal (action, "labels.export-png");
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (png ? _("Export first page as PNG") : _("Export labels as PDF"),
                                        suyuan_widget_get_window (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: file names; keep the extensions */
  suyuan_save_name_prepare (GTK_FILE_CHOOSER (dialog), png ? _("labels.png") : _("labels.pdf"));
  g_object_set_data (G_OBJECT (dialog), "png", GINT_TO_POINTER (png));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
suyuan_labels_page_set_store (SuyuanLabelsPage *self,
                              SuyuanStore      *store)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SUYUAN_IS_LABELS_PAGE (self));
  self->store = store;
  g_clear_pointer (&self->products, g_ptr_array_unref);
  if (store != NULL)
    self->products = suyuan_label_list_products (store, &error);
  if (error != NULL)
    set_status (self, error->message);
  set_choices (self->product_row, self->products);
  reload_batches (self);
}

static gboolean select_id (AdwComboRow *row, GPtrArray *choices, const char *id);

/* The products again (a sync may have brought some), keeping the one chosen. */
void
suyuan_labels_page_reload (SuyuanLabelsPage *self)
{
  const SuyuanLabelChoice *product;
  g_autofree char *id = NULL;

  g_return_if_fail (SUYUAN_IS_LABELS_PAGE (self));
  product = selected (self->products, self->product_row);
  id = product ? g_strdup (product->id) : NULL;
  suyuan_labels_page_set_store (self, self->store);
  if (id != NULL)
    select_id (self->product_row, self->products, id);
}

/* The saved product is offered and chosen at once, ready for a batch. */
static void
on_product_saved (SuyuanProductEditor *editor,
                  const char          *product_id,
                  SuyuanLabelsPage    *self)
{
  suyuan_labels_page_set_store (self, self->store);
  select_id (self->product_row, self->products, product_id);
  set_status (self, _("Product saved; it is sent to the server at the next sync."));
}

SuyuanProductEditor *
suyuan_labels_page_open_product_editor (SuyuanLabelsPage *self,
                                        gboolean          edit)
{
  const SuyuanLabelChoice *product = selected (self->products, self->product_row);
  SuyuanProductEditor *editor;
  GtkWindow *window = suyuan_widget_get_window (GTK_WIDGET (self));

  g_return_val_if_fail (SUYUAN_IS_LABELS_PAGE (self), NULL);
  if (self->store == NULL || (edit && product == NULL))
    return NULL;
  editor = suyuan_product_editor_new (self->store, edit ? product->id : NULL);
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (editor), window);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_product_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
product_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  suyuan_labels_page_open_product_editor (SUYUAN_LABELS_PAGE (widget),
                                          g_str_equal (action_name, "labels.edit-product"));
}

static gboolean
select_id (AdwComboRow *row,
           GPtrArray   *choices,
           const char  *id)
{
  for (guint i = 0; choices && i < choices->len; i++)
    if (g_strcmp0 (((SuyuanLabelChoice *) choices->pdata[i])->id, id) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
suyuan_labels_page_choose (SuyuanLabelsPage *self,
                           const char       *product_id,
                           const char       *lot,
                           guint             count,
                           const char       *template_id)
{
  guint n;
  const SuyuanLabelTemplate *all = suyuan_label_templates (&n);
  gboolean found_template = FALSE;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (all[i].id, template_id) == 0)
      {
        adw_combo_row_set_selected (self->template_row, i);
        found_template = TRUE;
      }
  gtk_spin_button_set_value (self->count_spin, count);
  return found_template && select_id (self->product_row, self->products, product_id)
         && select_id (self->batch_row, self->batches, lot);
}

const SuyuanLabelJob *
suyuan_labels_page_get_job (SuyuanLabelsPage *self)
{
  return self->run ? self->run->job : NULL;
}

const char *
suyuan_labels_page_get_status (SuyuanLabelsPage *self)
{
  return gtk_label_get_text (self->status_label);
}

gboolean
suyuan_labels_page_is_checked (SuyuanLabelsPage *self)
{
  return self->checked;
}

static void
suyuan_labels_page_dispose (GObject *object)
{
  SuyuanLabelsPage *self = SUYUAN_LABELS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->painter, suyuan_label_painter_free);
  g_clear_pointer (&self->run, suyuan_label_run_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_LABELS_PAGE);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_labels_page_parent_class)->dispose (object);
}

static void
suyuan_labels_page_class_init (SuyuanLabelsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_labels_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-labels-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, product_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, batch_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, new_lot_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, count_spin);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, template_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, per_batch_switch);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanLabelsPage, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_product_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_new_lot_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_generate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_install_action (widget_class, "labels.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "labels.export-png", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "labels.add-product", NULL, product_activated);
  gtk_widget_class_install_action (widget_class, "labels.edit-product", NULL, product_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_labels_page_init (SuyuanLabelsPage *self)
{
  g_autoptr(GtkStringList) stock = gtk_string_list_new (NULL);
  guint n;
  const SuyuanLabelTemplate *all = suyuan_label_templates (&n);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (stock, _(all[i].title));
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (stock));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
  reload_batches (self);   /* no store yet: nothing to add or edit */
}
