/* ctl-labels.c — `suyuanctl labels`: batches, label runs to PDF/PNG, checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "label-catalog.h"
#include "label-job.h"
#include "label-render.h"
#include "store.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

static gboolean
show_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  const char *what = user_data;

  /* A log file gets a line per thousand, a terminal one line kept current. */
  if (!isatty (2) && done % 1000 != 0 && done != total)
    return TRUE;
  /* stderr, so --json on stdout stays machine-readable. */
  g_printerr (isatty (2) ? "\r%s %u/%u" : "%s %u/%u\n", what, done, total);
  if (isatty (2) && done == total)
    g_printerr ("\n");
  return TRUE;
}

static int
labels_batch (int    argc,
              char **argv)
{
  g_autofree char *store_path = NULL, *product = NULL, *lot = NULL, *production = NULL, *expiry = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_("Product id"), N_("ID") },
    { "lot", 0, 0, G_OPTION_ARG_STRING, &lot, N_("Lot (batch number)"), N_("LOT") },
    { "production-date", 0, 0, G_OPTION_ARG_STRING, &production, N_("Production date (default today)"), N_("YYYY-MM-DD") },
    { "expiry", 0, 0, G_OPTION_ARG_STRING, &expiry, N_("Expiry date (default from the shelf life)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  if (product == NULL || lot == NULL)
    {
      g_printerr ("%s\n", _("suyuanctl labels batch: give --product and --lot"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  if (!suyuan_label_batch_ensure (store, product, lot, production, expiry, &error))
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "product_id"); json_builder_add_string_value (b, product);
      json_builder_set_member_name (b, "lot"); json_builder_add_string_value (b, lot);
      json_builder_end_object (b);
      ctl_print_json_line (b);
    }
  return 0;
}

static void
print_result (const SuyuanLabelJob      *job,
              const SuyuanLabelTemplate *tmpl,
              double                     module_mm,
              double                     seconds,
              gboolean                   verified,
              guint                      n_failed,
              gboolean                   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *last = job->payloads->pdata[job->payloads->len - 1];

  if (!json)
    {
      g_print (_("%u labels (%u pages, %s), run %s, %.0f labels/s\n"), job->count,
              suyuan_label_template_n_pages (tmpl, job->count), tmpl->id, job->run_uuid, job->count / seconds);
      g_print ("%s\n%s\n", (char *) job->payloads->pdata[0], last);
      if (verified)
        g_print (_("Checked by decoding: %u read back, %u failed\n"), job->count - n_failed, n_failed);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "run"); json_builder_add_string_value (b, job->run_uuid);
  json_builder_set_member_name (b, "product_id"); json_builder_add_string_value (b, job->product_id);
  json_builder_set_member_name (b, "lot"); json_builder_add_string_value (b, job->lot);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, job->mode == SUYUAN_LABEL_PER_ITEM ? "item" : "batch");
  json_builder_set_member_name (b, "count"); json_builder_add_int_value (b, job->count);
  json_builder_set_member_name (b, "template"); json_builder_add_string_value (b, tmpl->id);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, suyuan_label_template_n_pages (tmpl, job->count));
  json_builder_set_member_name (b, "module_mm"); json_builder_add_double_value (b, module_mm);
  json_builder_set_member_name (b, "first_code"); json_builder_add_string_value (b, job->payloads->pdata[0]);
  json_builder_set_member_name (b, "last_code"); json_builder_add_string_value (b, last);
  if (job->mode == SUYUAN_LABEL_PER_ITEM)
    {
      json_builder_set_member_name (b, "first_serial"); json_builder_add_string_value (b, job->serials->pdata[0]);
      json_builder_set_member_name (b, "last_serial");
      json_builder_add_string_value (b, job->serials->pdata[job->serials->len - 1]);
    }
  json_builder_set_member_name (b, "seconds"); json_builder_add_double_value (b, seconds);
  if (verified)
    {
      json_builder_set_member_name (b, "verified"); json_builder_add_int_value (b, job->count - n_failed);
      json_builder_set_member_name (b, "failed"); json_builder_add_int_value (b, n_failed);
    }
  json_builder_end_object (b);
  ctl_print_json_line (b);
}

/* Codes printed under the example host lead nowhere once on a package. */
static void
warn_placeholder (const char *resolver)
{
  g_autoptr(GUri) uri = g_uri_parse (resolver, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_strcmp0 (g_uri_get_host (uri), "id.example.com") != 0)
    return;
  g_printerr (_("suyuanctl: warning: the codes point at the placeholder %s; give --resolver or set "
                "SUYUAN_RESOLVER to your deployment’s resolver before printing labels for use\n"), resolver);
}

static int
labels_generate (int    argc,
                 char **argv)
{
  g_autofree char *store_path = NULL, *product = NULL, *lot = NULL, *template_id = NULL;
  g_autofree char *pdf = NULL, *png = NULL, *resolver = NULL;
  gboolean verify = FALSE, json = FALSE, per_batch = FALSE;
  int count = 0;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_("Product id"), N_("ID") },
    { "lot", 0, 0, G_OPTION_ARG_STRING, &lot, N_("Lot (batch number)"), N_("LOT") },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("Number of labels"), N_("N") },
    { "per-batch", 0, 0, G_OPTION_ARG_NONE, &per_batch, N_("One code for the whole batch instead of one per item"), NULL },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_id, N_("a4-3x7, a4-4x10, roll-40x30 or roll-50x30"), N_("NAME") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the labels to this PDF"), N_("FILE") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, N_("Write the first page to this PNG (300 dpi)"), N_("FILE") },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify, N_("Decode every label back and compare"), NULL },
    { "resolver", 0, 0, G_OPTION_ARG_STRING, &resolver, N_("Base URL of the codes (default $SUYUAN_RESOLVER, else the server’s resolver)"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(SuyuanLabelJob) job = NULL;
  g_autoptr(SuyuanLabelPainter) painter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  const SuyuanLabelTemplate *tmpl;
  guint n_failed = 0;
  double seconds;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  tmpl = suyuan_label_template_find (template_id ? template_id : "a4-3x7");
  if (product == NULL || lot == NULL || count <= 0)
    {
      g_printerr ("%s\n", _("suyuanctl labels generate: give --product, --lot and --count"));
      return SUYUAN_EXIT_USAGE;
    }
  if (tmpl == NULL)
    {
      g_printerr (_("suyuanctl labels: unknown template “%s”\n"), template_id);
      return SUYUAN_EXIT_USAGE;
    }
  if (pdf == NULL && png == NULL && !verify)
    {
      g_printerr ("%s\n", _("suyuanctl labels generate: give --pdf, --png or --verify"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  timer = g_timer_new ();
  job = suyuan_label_job_new (store, product, lot, (guint) count,
                              per_batch ? SUYUAN_LABEL_PER_BATCH : SUYUAN_LABEL_PER_ITEM, resolver, &error);
  painter = job ? suyuan_label_painter_new (job, tmpl, &error) : NULL;
  if (painter == NULL
      || (pdf && !suyuan_label_write_pdf (job, tmpl, pdf, count > 1000 ? show_progress : NULL, _("Writing labels"), &error))
      || (png && !suyuan_label_write_png (job, tmpl, 0, 300, png, &error)))
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      if (job != NULL)
        g_printerr (_("suyuanctl: serials %s–%s stay reserved and registered; print them again with a new run\n"),
                    job->serials->len ? (char *) job->serials->pdata[0] : "-",
                    job->serials->len ? (char *) job->serials->pdata[job->serials->len - 1] : "-");
      return SUYUAN_EXIT_ERROR;
    }
  seconds = g_timer_elapsed (timer, NULL);
  /* After the run, so the first line on stderr stays the progress. */
  {
    /* The base the run used: the option, else what the server named. */
    g_autofree char *used = resolver ? g_strdup (resolver) : suyuan_label_dup_default_resolver (store);

    warn_placeholder (used);
  }
  if (verify && !suyuan_label_verify (job, tmpl, count > 200 ? show_progress : NULL, _("Checking labels"),
                                      &n_failed, &error))
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  print_result (job, tmpl, suyuan_label_painter_module_mm (painter), seconds, verify, n_failed, json);
  if (n_failed > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "suyuanctl: %u label did not read back: do not use this print\n",
                               "suyuanctl: %u labels did not read back: do not use this print\n", n_failed), n_failed);
      return SUYUAN_EXIT_VERIFY_FAILED;
    }
  return 0;
}

/* What can be labelled: products, each with its normal batches. */
static int
labels_list (int    argc,
             char **argv)
{
  g_autofree char *store_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object per product"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  products = suyuan_label_list_products (store, &error);
  for (guint i = 0; products && i < products->len; i++)
    {
      const SuyuanLabelChoice *product = products->pdata[i];
      g_autoptr(GPtrArray) batches = suyuan_label_list_batches (store, product->id, &error);
      g_autofree char *id = ctl_escape (product->id);
      g_autofree char *title = ctl_escape (product->title);

      if (json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id"); json_builder_add_string_value (b, product->id);
          json_builder_set_member_name (b, "title"); json_builder_add_string_value (b, product->title);
          json_builder_set_member_name (b, "batches");
          json_builder_begin_array (b);
          for (guint j = 0; batches && j < batches->len; j++)
            {
              const SuyuanLabelChoice *batch = batches->pdata[j];

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "lot"); json_builder_add_string_value (b, batch->id);
              json_builder_set_member_name (b, "title"); json_builder_add_string_value (b, batch->title);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
          ctl_print_json_line (b);
          continue;
        }
      g_print ("%s\t%s\n", id, title);
      for (guint j = 0; batches && j < batches->len; j++)
        {
          g_autofree char *batch = ctl_escape (((SuyuanLabelChoice *) batches->pdata[j])->title);

          g_print ("  %s\n", batch);
        }
    }
  if (error != NULL)
    {
      g_printerr ("suyuanctl: %s\n", error->message);
      return SUYUAN_EXIT_ERROR;
    }
  return 0;
}

static int
labels_templates (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object per template"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  guint n;
  const SuyuanLabelTemplate *all = suyuan_label_templates (&n);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonBuilder) b = NULL;

      if (!json)
        {
          g_print ("%-11s %s\n", all[i].id, _(all[i].title));
          continue;
        }
      b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id"); json_builder_add_string_value (b, all[i].id);
      json_builder_set_member_name (b, "title"); json_builder_add_string_value (b, _(all[i].title));
      json_builder_end_object (b);
      ctl_print_json_line (b);
    }
  return SUYUAN_EXIT_OK;
}

int
ctl_labels (int    argc,
            char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "generate"))
    return labels_generate (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "batch"))
    return labels_batch (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return labels_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "templates"))
    return labels_templates (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "product"))
    return ctl_labels_product (argc - 1, argv + 1);
  return ctl_subcommand_usage (argc, argv, _("Usage: suyuanctl labels generate|batch|list|templates|product [OPTION…]"),
                               _("Run “suyuanctl labels COMMAND --help” for the options of a command."));
}
