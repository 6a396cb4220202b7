/* receipt.c — the receiving tally: each scan is judged like a check and
 * counted on its product/batch line; lines reconcile against the shipment.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "receipt-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
line_free (SuyuanReceiptLine *line)
{
  g_free (line->product_id);
  g_free (line->product_name);
  g_free (line->spec);
  g_free (line->batch_id);
  g_free (line->lot);
  g_free (line->certificates);
  g_free (line->reject_reason);
  g_ptr_array_unref (line->serials);
  g_free (line);
}

char *
suyuan_receipt_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format_iso8601 (now);
}

SuyuanReceipt *
suyuan_receipt_alloc (SuyuanStore *store)
{
  SuyuanReceipt *receipt = g_new0 (SuyuanReceipt, 1);

  receipt->store = store;
  receipt->uuid = g_uuid_string_random ();
  receipt->started_at = suyuan_receipt_now ();
  receipt->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  receipt->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return receipt;
}

SuyuanReceipt *
suyuan_receipt_new_ad_hoc (SuyuanStore *store,
                           const char  *shop_id,
                           const char  *supplier_id)
{
  SuyuanReceipt *receipt;

  g_return_val_if_fail (store != NULL, NULL);
  receipt = suyuan_receipt_alloc (store);
  receipt->shop_id = g_strdup (shop_id);
  receipt->supplier_id = g_strdup (supplier_id);
  return receipt;
}

gboolean
suyuan_receipt_set_supplier (SuyuanReceipt  *receipt,
                             const char     *supplier_id,
                             const char     *supplier_name,
                             GError        **error)
{
  g_autofree char *name = g_strstrip (g_strdup (supplier_name ? supplier_name : ""));

  g_return_val_if_fail (receipt != NULL, FALSE);
  g_return_val_if_fail (!suyuan_receipt_is_finished (receipt), FALSE);
  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL) || strlen (name) > 400)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA, _("Name the supplier who delivered the goods"));
      return FALSE;
    }
  g_free (receipt->supplier_id);
  receipt->supplier_id = g_strdup (supplier_id);
  g_free (receipt->supplier_name);
  receipt->supplier_name = g_steal_pointer (&name);
  return suyuan_receipt_save (receipt, error);
}

void
suyuan_receipt_free (SuyuanReceipt *receipt)
{
  if (receipt == NULL)
    return;
  /* Nothing counted is lost: queued saves finish, and one that failed is
   * made good here on the receipt's own connection. */
  receipt->saved = NULL;
  suyuan_receipt_wait_saved (receipt);
  receipt->writer = NULL;
  if (receipt->needs_full_save && receipt->finished_at == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!suyuan_receipt_save (receipt, &error))
        g_warning ("saving receipt %s failed: %s", receipt->uuid, error->message);
    }
  g_free (receipt->uuid);
  g_free (receipt->shop_id);
  g_free (receipt->supplier_id);
  g_free (receipt->supplier_name);
  g_free (receipt->shipment_key);
  g_free (receipt->started_at);
  g_free (receipt->finished_at);
  g_ptr_array_unref (receipt->lines);
  g_hash_table_unref (receipt->units);
  g_free (receipt);
}

SuyuanReceiptLine *
suyuan_receipt_add_line (SuyuanReceipt *receipt,
                         const char    *product_id,
                         const char    *batch_id)
{
  SuyuanReceiptLine *line = g_new0 (SuyuanReceiptLine, 1);

  line->product_id = g_strdup (product_id);
  line->batch_id = g_strdup (batch_id);
  line->serials = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (receipt->lines, line);
  return line;
}

const char *
suyuan_receipt_get_uuid (SuyuanReceipt *receipt)
{
  return receipt->uuid;
}

const char *
suyuan_receipt_get_supplier_name (SuyuanReceipt *receipt)
{
  return receipt->supplier_name ? receipt->supplier_name : receipt->supplier_id;
}

gboolean
suyuan_receipt_is_finished (SuyuanReceipt *receipt)
{
  return receipt->finished_at != NULL;
}

GPtrArray *
suyuan_receipt_get_lines (SuyuanReceipt *receipt)
{
  return receipt->lines;
}

SuyuanReceiptState
suyuan_receipt_line_state (const SuyuanReceiptLine *line)
{
  if (line->received < line->expected)
    return SUYUAN_RECEIPT_MISSING;
  if (line->received > line->expected)
    return SUYUAN_RECEIPT_EXTRA;
  return SUYUAN_RECEIPT_MATCHED;
}

void
suyuan_receipt_count (SuyuanReceipt *receipt,
                      guint         *matched,
                      guint         *missing,
                      guint         *extra,
                      guint         *flagged)
{
  guint n[3] = { 0 }, f = 0;

  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const SuyuanReceiptLine *line = receipt->lines->pdata[i];

      n[suyuan_receipt_line_state (line)]++;
      f += line->flags != 0;
    }
  if (matched)
    *matched = n[SUYUAN_RECEIPT_MATCHED];
  if (missing)
    *missing = n[SUYUAN_RECEIPT_MISSING];
  if (extra)
    *extra = n[SUYUAN_RECEIPT_EXTRA];
  if (flagged)
    *flagged = f;
}

/* The line a scan belongs to: same product and batch (or, with no known
 * batch, the same printed lot); a code naming no lot at all goes to the only
 * line of its product when there is one. */
static int
find_line (SuyuanReceipt *receipt,
           const char    *product_id,
           const char    *batch_id,
           const char    *lot)
{
  int only = -1, n_product = 0;

  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const SuyuanReceiptLine *line = receipt->lines->pdata[i];

      if (g_strcmp0 (line->product_id, product_id) != 0)
        continue;
      n_product++;
      only = (int) i;
      if (batch_id != NULL && g_strcmp0 (line->batch_id, batch_id) == 0)
        return (int) i;
      if (batch_id == NULL && lot != NULL && line->batch_id == NULL && g_strcmp0 (line->lot, lot) == 0)
        return (int) i;
    }
  if (batch_id == NULL && lot == NULL && n_product == 1)
    return only;
  return -1;
}

static guint
flags_of (const SuyuanVerdict *verdict)
{
  static const struct { const char *id; guint flag; } map[] = {
    { "expired", SUYUAN_RECEIPT_FLAG_EXPIRED },
    { "near-expiry", SUYUAN_RECEIPT_FLAG_NEAR_EXPIRY },
    { "unqualified", SUYUAN_RECEIPT_FLAG_UNQUALIFIED },
    { "recalled", SUYUAN_RECEIPT_FLAG_RECALLED },
    { "held", SUYUAN_RECEIPT_FLAG_HELD },
    { "destroyed", SUYUAN_RECEIPT_FLAG_HELD },
    { "already-sold", SUYUAN_RECEIPT_FLAG_DUPLICATED },
    { "seen-elsewhere", SUYUAN_RECEIPT_FLAG_DUPLICATED },
  };
  guint flags = 0;

  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const SuyuanReason *reason = verdict->reasons->pdata[i];
      guint flag = 0;

      for (gsize m = 0; m < G_N_ELEMENTS (map); m++)
        if (g_strcmp0 (reason->id, map[m].id) == 0)
          flag = map[m].flag;
      if (flag == 0 && reason->level == SUYUAN_LEVEL_STOP)
        flag = SUYUAN_RECEIPT_FLAG_OTHER;
      flags |= flag;
    }
  return flags;
}

static void
fill_line (SuyuanReceiptLine  *line,
           const SuyuanCode   *code,
           const SuyuanLookup *lookup)
{
  if (line->product_name == NULL)
    {
      line->product_name = g_strdup (lookup->product->name);
      line->spec = g_strdup (lookup->product->spec);
    }
  if (line->certificates == NULL && lookup->product->approval_no != NULL)
    line->certificates = g_strdup (lookup->product->approval_no);
  if (line->certificates == NULL && lookup->producer != NULL)
    line->certificates = g_strdup (lookup->producer->licence_no);
  if (line->lot == NULL)
    line->lot = g_strdup (lookup->batch ? lookup->batch->lot : code->lot);
  if (line->production == 0)
    line->production = lookup->batch && lookup->batch->production ? lookup->batch->production : code->production;
  if (line->expiry == 0)
    line->expiry = lookup->batch && lookup->batch->expiry ? lookup->batch->expiry : code->expiry;
}

SuyuanReceiptScanResult
suyuan_receipt_scan (SuyuanReceipt               *receipt,
                     const char                  *payload,
                     guint32                      today,
                     const SuyuanVerdictSettings *settings,
                     int                         *line_out,
                     SuyuanVerdict              **verdict_out,
                     GError                     **error)
{
  g_autoptr(SuyuanCode) code = NULL;
  g_autoptr(SuyuanLookup) lookup = NULL;
  SuyuanVerdict *verdict;
  g_autoptr(SuyuanVerdict) owned = NULL;
  g_autofree char *unit_key = NULL;
  SuyuanReceiptScanResult result = SUYUAN_RECEIPT_SCAN_COUNTED;
  SuyuanReceiptLine *line;
  const char *batch_id;
  const char *new_serial = NULL;
  int index;

  g_return_val_if_fail (receipt != NULL && payload != NULL, SUYUAN_RECEIPT_SCAN_INVALID);
  g_return_val_if_fail (!suyuan_receipt_is_finished (receipt), SUYUAN_RECEIPT_SCAN_INVALID);
  if (line_out)
    *line_out = -1;
  if (verdict_out)
    *verdict_out = NULL;

  code = suyuan_code_parse (payload, -1);
  if (code->valid)
    lookup = suyuan_store_lookup (receipt->store, code, error);
  if (code->valid && lookup == NULL)
    return SUYUAN_RECEIPT_SCAN_INVALID;
  verdict = suyuan_verdict_judge (code, lookup, today, settings);
  if (verdict_out)
    *verdict_out = verdict;
  else
    owned = verdict;
  if (!code->valid)
    return SUYUAN_RECEIPT_SCAN_INVALID;
  if (lookup->product == NULL)
    return SUYUAN_RECEIPT_SCAN_UNKNOWN;

  batch_id = lookup->batch ? lookup->batch->id : NULL;
  index = find_line (receipt, lookup->product->id, batch_id, batch_id ? NULL : code->lot);
  if (index < 0)
    {
      line = suyuan_receipt_add_line (receipt, lookup->product->id, batch_id);
      index = (int) receipt->lines->len - 1;
    }
  line = receipt->lines->pdata[index];
  fill_line (line, code, lookup);
  line->flags |= flags_of (verdict);
  line->level = MAX (line->level, verdict->level);

  if (code->serial != NULL)
    unit_key = g_strdup_printf ("%s\x1f%s", lookup->product->id, code->serial);
  if (unit_key != NULL && g_hash_table_contains (receipt->units, unit_key))
    {
      /* The same unit again: a double scan or a copied label; never counted twice. */
      line->duplicates++;
      line->flags |= SUYUAN_RECEIPT_FLAG_DUPLICATED;
      line->level = MAX (line->level, SUYUAN_LEVEL_WARN);
      result = SUYUAN_RECEIPT_SCAN_DUPLICATE;
    }
  else
    {
      line->received++;
      if (unit_key != NULL)
        {
          g_ptr_array_add (line->serials, g_strdup (code->serial));
          new_serial = code->serial;
          g_hash_table_add (receipt->units, g_steal_pointer (&unit_key));
        }
    }
  receipt->n_scans++;
  if (line_out)
    *line_out = index;
  /* The line and the unit this scan changed, durably, before it counts as seen. */
  if (!suyuan_receipt_save_scan (receipt, (guint) index, new_serial, error))
    return SUYUAN_RECEIPT_SCAN_INVALID;
  return result;
}

gboolean
suyuan_receipt_set_rejected (SuyuanReceipt *receipt,
                             guint          index,
                             const char    *reason,
                             GError       **error)
{
  SuyuanReceiptLine *line;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (receipt != NULL && index < receipt->lines->len, FALSE);
  g_return_val_if_fail (!suyuan_receipt_is_finished (receipt), FALSE);
  line = receipt->lines->pdata[index];
  stripped = g_strstrip (g_strdup (reason ? reason : "x"));
  if (stripped[0] == '\0')
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA, _("Say why the goods are rejected"));
      return FALSE;
    }
  line->rejected = reason != NULL;
  g_free (line->reject_reason);
  line->reject_reason = reason ? g_utf8_substring (reason, 0, MIN (g_utf8_strlen (reason, -1), 500)) : NULL;
  return suyuan_receipt_save_scan (receipt, index, NULL, error);
}
