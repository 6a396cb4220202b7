/* ctl-labels-product.c — `suyuanctl labels product add|edit`: the producer's
 * own products, checked like in the app's product editor.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "label-product.h"
#include "store.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* Replaces *@field with @value when the option was given. */
static void
take (char **field,
      char **value)
{
  if (*value == NULL)
    return;
  g_free (*field);
  *field = g_steal_pointer (value);
}

static int
product_save (int      argc,
              char   **argv,
              gboolean add)
{
  g_autofree char *store_path = NULL, *id = NULL, *name = NULL, *spec = NULL, *category = NULL;
  g_autofree char *gtin = NULL, *key = NULL, *approval = NULL, *storage = NULL, *producer = NULL;
  g_autofree char *new_producer = NULL, *licence = NULL;
  int shelf_life = -1;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("Product id (edit; made for you on add)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Product name"), N_("NAME") },
    { "spec", 0, 0, G_OPTION_ARG_STRING, &spec, N_("Specification, e.g. 500 g"), N_("SPEC") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("food, drug, vaccine, agri, cold-chain or other"), N_("CATEGORY") },
    { "gtin", 0, 0, G_OPTION_ARG_STRING, &gtin, N_("GTIN (8, 12, 13 or 14 digits)"), N_("DIGITS") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("Product key, for a product without a GTIN"), N_("KEY") },
    { "shelf-life", 0, 0, G_OPTION_ARG_INT, &shelf_life, N_("Shelf life in days"), N_("DAYS") },
    { "approval-no", 0, 0, G_OPTION_ARG_STRING, &approval, N_("Licence or approval number"), N_("NUMBER") },
    { "storage", 0, 0, G_OPTION_ARG_STRING, &storage, N_("Storage conditions"), N_("TEXT") },
    { "producer", 0, 0, G_OPTION_ARG_STRING, &producer, N_("Producer party id"), N_("ID") },
    { "new-producer", 0, 0, G_OPTION_ARG_STRING, &new_producer, N_("Add a producer with this name and use it"), N_("NAME") },
    { "licence", 0, 0, G_OPTION_ARG_STRING, &licence, N_("The new producer’s licence number"), N_("NUMBER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanProductEdit) product = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  if (add ? name == NULL : id == NULL)
    {
      g_printerr ("%s\n", add ? _("suyuanctl labels product add: give --name, and --gtin or --key")
                              : _("suyuanctl labels product edit: give --id"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  if (add && id != NULL && (product = suyuan_product_edit_load (store, id, NULL)) != NULL)
    {
      g_printerr (_("suyuanctl: there is already a product “%s”; change it with “labels product edit”\n"), id);
      return SUYUAN_EXIT_ERROR;
    }
  product = add ? suyuan_product_edit_new () : suyuan_product_edit_load (store, id, &error);
  if (product == NULL)
    goto failed;
  if (add)
    take (&product->id, &id);
  if (new_producer != NULL)
    {
      g_free (producer);
      producer = suyuan_product_add_producer (store, new_producer, licence, &error);
      if (producer == NULL)
        goto failed;
    }
  take (&product->name, &name);
  take (&product->spec, &spec);
  take (&product->category, &category);
  take (&product->gtin, &gtin);
  take (&product->product_key, &key);
  take (&product->approval_no, &approval);
  take (&product->storage, &storage);
  take (&product->producer_id, &producer);
  if (shelf_life >= 0)
    product->shelf_life_days = shelf_life;
  if (!suyuan_product_save (store, product, &error))
    goto failed;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id"); json_builder_add_string_value (b, product->id);
      json_builder_set_member_name (b, "gtin"); json_builder_add_string_value (b, product->gtin);
      json_builder_set_member_name (b, "product_key"); json_builder_add_string_value (b, product->product_key);
      json_builder_set_member_name (b, "producer_id"); json_builder_add_string_value (b, product->producer_id);
      json_builder_end_object (b);
      ctl_print_json_line (b);
    }
  else
    g_print ("%s\n", product->id);
  return 0;

failed:
  g_printerr ("suyuanctl: %s\n", error->message);
  return SUYUAN_EXIT_ERROR;
}

int
ctl_labels_product (int    argc,
                    char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return product_save (argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "edit"))
    return product_save (argc - 1, argv + 1, FALSE);
  return ctl_subcommand_usage (argc, argv, _("Usage: suyuanctl labels product add|edit [OPTION…]"),
                               _("Run “suyuanctl labels product add --help” for the options."));
}
