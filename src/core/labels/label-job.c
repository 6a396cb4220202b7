/* label-job.c — reserving serials and building the codes of one print run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "label-job.h"
#include "digital-link.h"
#include "label-register.h"
#include "label-product.h"
#include "store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

const char *
suyuan_label_default_resolver (void)
{
  const char *env = g_getenv ("SUYUAN_RESOLVER");

  /* A reserved example host until the deployment names its resolver. */
  return env && *env ? env : "https://id.example.com";
}

static gboolean
job_error (GError    **error,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
job_error (GError    **error,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA, format, args));
  va_end (args);
  return FALSE;
}

/* GS1 AI (10): up to 20 characters of the GS1 character set 82. */
static gboolean
lot_is_valid (const char *lot)
{
  static const char cset82[] = "!\"%&'()*+,-./:;<=>?_";
  gsize n = strlen (lot);

  if (n == 0 || n > 20)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (lot[i]) && strchr (cset82, lot[i]) == NULL)
      return FALSE;
  return TRUE;
}

static guint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return (guint32) (g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100
                    + g_date_time_get_day_of_month (now));
}

static gboolean
load_product (SuyuanStore    *store,
              SuyuanLabelJob *job,
              GError        **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT p.gtin, p.product_key, p.name, p.spec, p.category, p.shelf_life_days,"
      " COALESCE (p.approval_no, pa.licence_no), pa.name"
      " FROM products p LEFT JOIN parties pa ON pa.id = p.producer_id WHERE p.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->product_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return job_error (error, _("There is no product “%s” in the store; add it with “suyuanctl import”"),
                        job->product_id);
    }
  job->gtin = suyuan_stmt_dup_text (stmt, 0);
  job->product_key = suyuan_stmt_dup_text (stmt, 1);
  job->name = suyuan_stmt_dup_text (stmt, 2);
  job->spec = suyuan_stmt_dup_text (stmt, 3);
  job->category = suyuan_stmt_dup_text (stmt, 4);
  job->shelf_life_days = sqlite3_column_int (stmt, 5);
  job->licence_no = suyuan_stmt_dup_text (stmt, 6);
  job->producer = suyuan_stmt_dup_text (stmt, 7);
  sqlite3_reset (stmt);
  if (job->gtin == NULL && job->product_key == NULL)
    return job_error (error, _("Product “%s” has neither a GTIN nor a product key, so it cannot be coded"),
                      job->product_id);
  return TRUE;
}

static gboolean
load_batch (SuyuanStore    *store,
            SuyuanLabelJob *job,
            GError        **error)
{
  sqlite3_stmt *stmt = suyuan_store_prepare (store,
      "SELECT id, production_date, expiry_date, status FROM batches"
      " WHERE product_id = ?1 AND lot = ?2", error);
  g_autofree char *status = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->product_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job->lot, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return job_error (error, _("Product “%s” has no batch “%s”; create it first (suyuanctl labels batch)"),
                        job->product_id, job->lot);
    }
  job->batch_id = suyuan_stmt_dup_text (stmt, 0);
  job->production = suyuan_iso_to_date ((const char *) sqlite3_column_text (stmt, 1));
  job->expiry = suyuan_iso_to_date ((const char *) sqlite3_column_text (stmt, 2));
  status = suyuan_stmt_dup_text (stmt, 3);
  sqlite3_reset (stmt);
  if (g_strcmp0 (status, "normal") != 0)
    return job_error (error, _("Batch “%s” is marked “%s”: no labels are printed for it"), job->lot, status);
  if (job->expiry != 0 && job->expiry < today ())
    {
      g_autofree char *expiry = suyuan_label_date_to_iso (job->expiry);

      return job_error (error, _("Batch “%s” expired on %s: no labels are printed for it"), job->lot, expiry);
    }
  return TRUE;
}

gboolean
suyuan_label_batch_ensure (SuyuanStore *store,
                           const char  *product_id,
                           const char  *lot,
                           const char  *production,
                           const char  *expiry,
                           GError     **error)
{
  g_autoptr(SuyuanLabelJob) job = g_new0 (SuyuanLabelJob, 1);
  g_autoptr(GDate) date = g_date_new ();
  g_autofree char *production_iso = NULL;
  g_autofree char *expiry_iso = NULL;
  g_autofree char *batch_id = NULL;
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;

  job->product_id = g_strdup (product_id);
  job->lot = g_strdup (lot);
  if (!lot_is_valid (lot))
    return job_error (error, _("Lot “%s” must be 1 to 20 letters, digits or simple punctuation"), lot);
  if (!load_product (store, job, error))
    return FALSE;
  /* A batch that exists, whatever its status, is left as it is. */
  if (load_batch (store, job, &local) || job->batch_id != NULL)
    return TRUE;

  if (production == NULL)
    g_date_set_time_t (date, time (NULL));
  else if (suyuan_iso_to_date (production) == 0)
    return job_error (error, _("Production date “%s” is not a date (YYYY-MM-DD)"), production);
  else
    g_date_set_parse (date, production);
  production_iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                                    g_date_get_day (date));
  if (expiry != NULL && suyuan_iso_to_date (expiry) == 0)
    return job_error (error, _("Expiry date “%s” is not a date (YYYY-MM-DD)"), expiry);
  if (expiry != NULL)
    expiry_iso = g_strdup (expiry);
  else if (job->shelf_life_days > 0)
    {
      /* The day before production + shelf life is the last good day. */
      g_date_add_days (date, (guint) job->shelf_life_days - 1);
      expiry_iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                                    g_date_get_day (date));
    }
  else
    return job_error (error, _("Product “%s” has no shelf life: give the expiry date"), product_id);

  batch_id = g_strdup_printf ("B-%s-%s", product_id, lot);
  /* The new batch and its record for the server, together or not at all. */
  if (!suyuan_store_begin (store, error))
    return FALSE;
  stmt = suyuan_store_prepare (store,
      "INSERT INTO batches (id, product_id, lot, production_date, expiry_date, status)"
      " VALUES (?1, ?2, ?3, ?4, ?5, 'normal')", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lot, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, production_iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, expiry_iso, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      suyuan_store_set_sql_error (store, error);
      goto failed;
    }
  if (suyuan_product_queue_batch (store, batch_id, error) && suyuan_store_commit (store, error))
    return TRUE;

failed:
  suyuan_store_rollback (store);
  return FALSE;
}

static char *
build_payload (const SuyuanLabelJob *job,
               const char           *resolver_base,
               const char           *serial)
{
  g_autoptr(SuyuanCode) code = suyuan_code_new (job->gtin ? SUYUAN_CODE_DIGITAL_LINK : SUYUAN_CODE_SUYUAN, "");
  char expiry[7];

  if (job->gtin != NULL)
    suyuan_code_add_ai (code, "01", job->gtin, -1);
  else
    code->product_key = g_strdup (job->product_key);
  suyuan_code_add_ai (code, "10", job->lot, -1);
  if (serial != NULL)
    suyuan_code_add_ai (code, "21", serial, -1);
  if (job->expiry != 0)
    {
      g_snprintf (expiry, sizeof expiry, "%06u", job->expiry % 1000000);
      suyuan_code_add_ai (code, "17", expiry, -1);
    }
  return suyuan_digital_link_build (resolver_base, code);
}

SuyuanLabelJob *
suyuan_label_job_new (SuyuanStore    *store,
                      const char     *product_id,
                      const char     *lot,
                      guint           count,
                      SuyuanLabelMode mode,
                      const char     *resolver_base,
                      GError        **error)
{
  g_autoptr(SuyuanLabelJob) job = g_new0 (SuyuanLabelJob, 1);

  g_return_val_if_fail (store != NULL && product_id != NULL && lot != NULL, NULL);
  if (count == 0 || count > SUYUAN_LABEL_MAX_COUNT)
    {
      job_error (error, _("The number of labels must be between 1 and %d"), SUYUAN_LABEL_MAX_COUNT);
      return NULL;
    }
  job->mode = mode;
  job->count = count;
  job->product_id = g_strdup (product_id);
  job->lot = g_strdup (lot);
  job->payloads = g_ptr_array_new_full (count, g_free);
  job->serials = g_ptr_array_new_full (count, g_free);
  if (resolver_base == NULL)
    resolver_base = suyuan_label_default_resolver ();

  if (!load_product (store, job, error) || !load_batch (store, job, error)
      || !suyuan_store_begin (store, error))
    return NULL;
  if (!suyuan_label_reserve_and_register (store, job, error) || !suyuan_store_commit (store, error))
    {
      suyuan_store_rollback (store);
      return NULL;
    }
  if (mode == SUYUAN_LABEL_PER_ITEM)
    for (guint i = 0; i < count; i++)
      g_ptr_array_add (job->payloads, build_payload (job, resolver_base, job->serials->pdata[i]));
  else
    {
      char *payload = build_payload (job, resolver_base, NULL);

      for (guint i = 0; i < count; i++)
        g_ptr_array_add (job->payloads, g_strdup (payload));
      g_free (payload);
    }
  return g_steal_pointer (&job);
}

void
suyuan_label_job_free (SuyuanLabelJob *job)
{
  if (job == NULL)
    return;
  g_free (job->run_uuid);
  g_free (job->product_id);
  g_free (job->gtin);
  g_free (job->product_key);
  g_free (job->name);
  g_free (job->spec);
  g_free (job->category);
  g_free (job->producer);
  g_free (job->licence_no);
  g_free (job->batch_id);
  g_free (job->lot);
  g_clear_pointer (&job->payloads, g_ptr_array_unref);
  g_clear_pointer (&job->serials, g_ptr_array_unref);
  g_free (job);
}
