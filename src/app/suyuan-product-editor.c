/* suyuan-product-editor.c — add or edit a product: name, specification,
 * category, GTIN or product key, shelf life, licence number, storage and the
 * producer. Bad input is shown beside the form on the row at fault; nothing
 * typed is lost.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-product-editor.h"
#include "label-catalog.h"
#include "label-product.h"

#include <glib/gi18n.h>

struct _SuyuanProductEditor {
  AdwWindow parent_instance;

  SuyuanStore *store;       /* not owned: the application's */
  SuyuanProductEdit *product;
  GPtrArray *producers;     /* SuyuanLabelChoice; the row's last item is "New producer" */
  GtkWidget *error_row;

  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *spec_row;
  AdwComboRow *category_row;
  AdwEntryRow *gtin_row;
  AdwEntryRow *key_row;
  AdwActionRow *shelf_life_row;
  GtkSpinButton *shelf_life_spin;
  AdwEntryRow *approval_row;
  AdwEntryRow *storage_row;
  AdwComboRow *producer_row;
  AdwEntryRow *new_producer_row;
  AdwEntryRow *licence_row;
};

G_DEFINE_FINAL_TYPE (SuyuanProductEditor, suyuan_product_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The names people see for the exchange format's categories, in its order. */
static const char *const category_titles[] = {
  N_("Food"), N_("Drug"), N_("Vaccine"), N_("Edible farm produce"), N_("Cold-chain food"), N_("Other"),
};

static gboolean
new_producer_chosen (SuyuanProductEditor *self)
{
  return adw_combo_row_get_selected (self->producer_row) >= self->producers->len;
}

static void
on_producer_selected (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      SuyuanProductEditor *self)
{
  gboolean fresh = self->producers != NULL && new_producer_chosen (self);

  gtk_widget_set_visible (GTK_WIDGET (self->new_producer_row), fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->licence_row), fresh);
}

static void
load_producers (SuyuanProductEditor *self,
                const char          *select_id)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  g_clear_pointer (&self->producers, g_ptr_array_unref);
  self->producers = suyuan_product_list_producers (self->store, &error);
  if (self->producers == NULL)
    self->producers = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_label_choice_free);
  for (guint i = 0; i < self->producers->len; i++)
    {
      const SuyuanLabelChoice *p = self->producers->pdata[i];

      gtk_string_list_append (titles, p->title);
      if (g_strcmp0 (p->id, select_id) == 0)
        selected = i;
    }
  gtk_string_list_append (titles, _("New producer…"));
  adw_combo_row_set_model (self->producer_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->producer_row, g_str_equal (select_id ? select_id : "x", "") ? self->producers->len
                                                                                                  : selected);
  on_producer_selected (self->producer_row, NULL, self);
}

static void
show_error (SuyuanProductEditor *self,
            GtkWidget           *row,
            const char          *message)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = row;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  /* Plain text: the message may quote what was typed. */
  gtk_label_set_text (self->error_label, message ? message : "");
  if (row == NULL)
    return;
  gtk_widget_add_css_class (row, "error");
  gtk_widget_grab_focus (row);
}

static GtkWidget *
row_for (SuyuanProductEditor *self,
         GError              *error)
{
  if (error->domain != SUYUAN_PRODUCT_ERROR)
    return NULL;
  switch ((SuyuanProductError) error->code)
    {
    case SUYUAN_PRODUCT_ERROR_NAME: return GTK_WIDGET (self->name_row);
    case SUYUAN_PRODUCT_ERROR_CATEGORY: return GTK_WIDGET (self->category_row);
    case SUYUAN_PRODUCT_ERROR_GTIN: return GTK_WIDGET (self->gtin_row);
    case SUYUAN_PRODUCT_ERROR_PRODUCT_KEY: return GTK_WIDGET (self->key_row);
    case SUYUAN_PRODUCT_ERROR_SHELF_LIFE: return GTK_WIDGET (self->shelf_life_row);
    case SUYUAN_PRODUCT_ERROR_PRODUCER:
      return new_producer_chosen (self) ? GTK_WIDGET (self->new_producer_row) : GTK_WIDGET (self->producer_row);
    case SUYUAN_PRODUCT_ERROR_NOT_FOUND:
    case SUYUAN_PRODUCT_ERROR_TEXT:
    default:
      return NULL;
    }
}

static char *
text_of (AdwEntryRow *row)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* A new producer is stored first and then selected, so a second Save after
 * fixing the product does not add it twice. */
static gboolean
producer_id (SuyuanProductEditor *self,
             char               **id,
             GError             **error)
{
  guint i = adw_combo_row_get_selected (self->producer_row);
  g_autofree char *name = NULL;
  g_autofree char *licence = NULL;

  if (i < self->producers->len)
    {
      *id = g_strdup (((SuyuanLabelChoice *) self->producers->pdata[i])->id);
      return TRUE;
    }
  name = text_of (self->new_producer_row);
  licence = text_of (self->licence_row);
  *id = suyuan_product_add_producer (self->store, name, licence, error);
  if (*id == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->new_producer_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->licence_row), "");
  load_producers (self, *id);
  return TRUE;
}

gboolean
suyuan_product_editor_save (SuyuanProductEditor *self)
{
  const char *const *categories = suyuan_product_categories ();
  SuyuanProductEdit *p = self->product;
  guint category = adw_combo_row_get_selected (self->category_row);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SUYUAN_IS_PRODUCT_EDITOR (self), FALSE);
  show_error (self, NULL, NULL);
  gtk_spin_button_update (self->shelf_life_spin);
  g_free (p->producer_id);
  p->producer_id = NULL;
  if (!producer_id (self, &p->producer_id, &error))
    {
      show_error (self, row_for (self, error), error->message);
      return FALSE;
    }
  g_free (p->name); p->name = text_of (self->name_row);
  g_free (p->spec); p->spec = text_of (self->spec_row);
  g_free (p->gtin); p->gtin = text_of (self->gtin_row);
  g_free (p->product_key); p->product_key = text_of (self->key_row);
  g_free (p->approval_no); p->approval_no = text_of (self->approval_row);
  g_free (p->storage); p->storage = text_of (self->storage_row);
  g_free (p->category);
  p->category = g_strdup (category < g_strv_length ((char **) categories) ? categories[category] : NULL);
  p->shelf_life_days = gtk_spin_button_get_value_as_int (self->shelf_life_spin);
  if (!suyuan_product_save (self->store, p, &error))
    {
      show_error (self, row_for (self, error), error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, p->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked (GtkButton           *button,
                 SuyuanProductEditor *self)
{
  suyuan_product_editor_save (self);
}

const char *
suyuan_product_editor_get_error (SuyuanProductEditor *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

void
suyuan_product_editor_focus_field (SuyuanProductEditor *self,
                                   const char          *name)
{
  struct { const char *name; gpointer row; } fields[] = {
    { "name", self->name_row }, { "spec", self->spec_row }, { "gtin", self->gtin_row },
    { "key", self->key_row }, { "shelf-life", self->shelf_life_spin }, { "approval", self->approval_row },
    { "storage", self->storage_row }, { "new-producer", self->new_producer_row }, { "licence", self->licence_row },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      gtk_widget_grab_focus (fields[i].row);
}

void
suyuan_product_editor_choose (SuyuanProductEditor *self,
                              const char          *category,
                              const char          *producer)
{
  const char *const *categories = suyuan_product_categories ();

  for (guint i = 0; categories[i]; i++)
    if (g_strcmp0 (categories[i], category) == 0)
      adw_combo_row_set_selected (self->category_row, i);
  if (producer != NULL)
    load_producers (self, producer);
}

static void
fill_form (SuyuanProductEditor *self)
{
  const char *const *categories = suyuan_product_categories ();
  SuyuanProductEdit *p = self->product;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), p->name ? p->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->spec_row), p->spec ? p->spec : "");
  gtk_editable_set_text (GTK_EDITABLE (self->gtin_row), p->gtin ? p->gtin : "");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), p->product_key ? p->product_key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->approval_row), p->approval_no ? p->approval_no : "");
  gtk_editable_set_text (GTK_EDITABLE (self->storage_row), p->storage ? p->storage : "");
  gtk_spin_button_set_value (self->shelf_life_spin, p->shelf_life_days);
  for (guint i = 0; categories[i]; i++)
    if (g_strcmp0 (categories[i], p->category) == 0)
      adw_combo_row_set_selected (self->category_row, i);
  load_producers (self, p->producer_id);
}

SuyuanProductEditor *
suyuan_product_editor_new (SuyuanStore *store,
                           const char  *product_id)
{
  SuyuanProductEditor *self = g_object_new (SUYUAN_TYPE_PRODUCT_EDITOR, NULL);
  g_autoptr(GError) error = NULL;

  self->store = store;
  if (product_id != NULL)
    self->product = suyuan_product_edit_load (store, product_id, &error);
  if (self->product == NULL)
    self->product = suyuan_product_edit_new ();
  gtk_window_set_title (GTK_WINDOW (self), product_id && !error ? _("Edit Product") : _("New Product"));
  fill_form (self);
  if (error != NULL)
    show_error (self, NULL, error->message);
  return self;
}

static void
suyuan_product_editor_dispose (GObject *object)
{
  SuyuanProductEditor *self = SUYUAN_PRODUCT_EDITOR (object);

  g_clear_pointer (&self->product, suyuan_product_edit_free);
  g_clear_pointer (&self->producers, g_ptr_array_unref);
  G_OBJECT_CLASS (suyuan_product_editor_parent_class)->dispose (object);
}

static void
suyuan_product_editor_class_init (SuyuanProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_product_editor_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-product-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SuyuanProductEditor, name)
  BIND (error_label); BIND (name_row); BIND (spec_row); BIND (category_row); BIND (gtin_row);
  BIND (key_row); BIND (shelf_life_row); BIND (shelf_life_spin); BIND (approval_row); BIND (storage_row);
  BIND (producer_row); BIND (new_producer_row); BIND (licence_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_producer_selected);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
suyuan_product_editor_init (SuyuanProductEditor *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (gsize i = 0; i < G_N_ELEMENTS (category_titles); i++)
    gtk_string_list_append (titles, _(category_titles[i]));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (titles));
}
