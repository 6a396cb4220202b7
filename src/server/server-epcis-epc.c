/* server-epcis-epc.c — what an EPC URI in a captured EPCIS event names, in
 * our terms: a GTIN or product, a lot, a serial.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "code.h"
#include "gs1.h"
#include "store-keys.h"

#include <string.h>

#define SUYUAN_PRODUCT_URN "urn:x-suyuan:product:"

static gboolean
unknown_epc (GError    **error,
             const char *uri)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "EPC “%.120s” is not a GS1 Digital Link, an sgtin/lgtin EPC URN or a urn:x-suyuan:product URI", uri);
  return FALSE;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return n > 0;
}

/* GTIN-14 of a company prefix and indicator+item reference (TDS 14.5.1). */
static char *
gtin_of (const char *prefix,
         const char *item_ref)
{
  gsize lp = strlen (prefix), li = strlen (item_ref);
  char gtin[15];

  if (lp + li != 13 || !all_digits (prefix, lp) || !all_digits (item_ref, li))
    return NULL;
  gtin[0] = item_ref[0];
  memcpy (gtin + 1, prefix, lp);
  memcpy (gtin + 1 + lp, item_ref + 1, li - 1);
  gtin[13] = suyuan_gs1_check_digit (gtin, 13);
  gtin[14] = '\0';
  return g_strdup (gtin);
}

/* urn:epc:id:sgtin:P.I.SERIAL, urn:epc:class:lgtin:P.I.LOT, urn:epc:idpat:sgtin:P.I.* */
static gboolean
parse_epc_urn (const char *uri,
               ServerEpc  *epc)
{
  static const struct { const char *prefix; gboolean lot; } forms[] = {
    { "urn:epc:id:sgtin:", FALSE }, { "urn:epc:class:lgtin:", TRUE }, { "urn:epc:idpat:sgtin:", FALSE },
  };

  for (gsize f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      g_auto(GStrv) parts = NULL;

      if (!g_str_has_prefix (uri, forms[f].prefix))
        continue;
      parts = g_strsplit (uri + strlen (forms[f].prefix), ".", 3);
      if (g_strv_length (parts) != 3 || (epc->gtin = gtin_of (parts[0], parts[1])) == NULL)
        return FALSE;
      if (strcmp (parts[2], "*") == 0)
        return TRUE;
      if (forms[f].lot)
        epc->lot = g_uri_unescape_string (parts[2], NULL);
      else
        epc->serial = g_uri_unescape_string (parts[2], NULL);
      return (forms[f].lot ? epc->lot : epc->serial) != NULL;
    }
  return FALSE;
}

/* urn:x-suyuan:product:ID[:serial:S|:lot:L], each part URI-escaped. */
static gboolean
parse_suyuan_urn (const char *uri,
                  ServerEpc  *epc)
{
  g_auto(GStrv) parts = g_strsplit (uri + strlen (SUYUAN_PRODUCT_URN), ":", 4);
  guint n = g_strv_length (parts);

  if ((n != 1 && n != 3) || (epc->product_id = g_uri_unescape_string (parts[0], NULL)) == NULL
      || *epc->product_id == '\0')
    return FALSE;
  if (n == 1)
    return TRUE;
  if (strcmp (parts[1], "serial") == 0)
    epc->serial = g_uri_unescape_string (parts[2], NULL);
  else if (strcmp (parts[1], "lot") == 0)
    epc->lot = g_uri_unescape_string (parts[2], NULL);
  return epc->serial != NULL || epc->lot != NULL;
}

gboolean
server_epc_parse (const char *uri,
                  ServerEpc  *epc,
                  GError    **error)
{
  g_autoptr(SuyuanCode) code = NULL;

  memset (epc, 0, sizeof *epc);
  if (uri == NULL || strlen (uri) > SERVER_EPCIS_MAX_URI || !g_utf8_validate (uri, -1, NULL))
    return unknown_epc (error, uri ? "(too long)" : "(missing)");
  if (g_str_has_prefix (uri, SUYUAN_PRODUCT_URN))
    return parse_suyuan_urn (uri, epc) || (server_epc_clear (epc), unknown_epc (error, uri));
  if (g_str_has_prefix (uri, "urn:epc:"))
    return parse_epc_urn (uri, epc) || (server_epc_clear (epc), unknown_epc (error, uri));
  code = suyuan_code_parse (uri, -1);
  if (code->kind != SUYUAN_CODE_DIGITAL_LINK || !code->valid || code->gtin == NULL)
    return unknown_epc (error, uri);
  epc->gtin = g_strdup (code->gtin);
  epc->lot = g_strdup (code->lot);
  epc->serial = g_strdup (code->serial);
  return TRUE;
}

void
server_epc_resolve (SuyuanStore *mirror,
                    ServerEpc   *epc)
{
  if (epc->product_id == NULL && epc->gtin != NULL)
    epc->product_id = suyuan_store_dup_product_for_gtin (mirror, epc->gtin, NULL);
  if (epc->product_id == NULL)
    return;
  if (epc->lot != NULL)
    epc->batch_id = suyuan_store_dup_batch_for_lot (mirror, epc->product_id, epc->lot, NULL);
  else if (epc->serial != NULL)
    epc->batch_id = suyuan_store_dup_batch_for_unit (mirror, epc->product_id, epc->serial, NULL);
}

gboolean
server_epc_owned (SuyuanStore *mirror,
                  const char  *product_id,
                  const char  *party)
{
  g_autofree char *owner = NULL;

  if (product_id == NULL || party == NULL)
    return FALSE;
  owner = suyuan_store_dup_producer (mirror, product_id, NULL);
  return g_strcmp0 (owner, party) == 0;
}

gboolean
server_epc_product_known (SuyuanStore *mirror,
                          const char  *product_id)
{
  return product_id != NULL && suyuan_store_has_product (mirror, product_id, NULL);
}

gboolean
server_epc_unit_known (SuyuanStore *mirror,
                       ServerEpc   *epc)
{
  return suyuan_store_has_unit (mirror, epc->product_id, epc->serial, NULL);
}

JsonObject *
server_epc_new_unit (ServerEpc *epc)
{
  JsonObject *unit = json_object_new ();

  json_object_set_string_member (unit, "product_id", epc->product_id);
  json_object_set_string_member (unit, "serial", epc->serial);
  if (epc->batch_id != NULL)
    json_object_set_string_member (unit, "batch_id", epc->batch_id);
  json_object_set_string_member (unit, "state", "commissioned");
  return unit;
}

/* Its id is made from product and lot: the same lot, the same batch. */
JsonObject *
server_epc_new_batch (ServerEpc  *epc,
                      const char *expiry_date)
{
  JsonObject *batch = json_object_new ();
  g_autofree char *key = g_strconcat (epc->product_id, "\n", epc->lot, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  g_free (epc->batch_id);
  epc->batch_id = g_strdup_printf ("B-EPCIS-%.16s", hash);
  json_object_set_string_member (batch, "id", epc->batch_id);
  json_object_set_string_member (batch, "product_id", epc->product_id);
  json_object_set_string_member (batch, "lot", epc->lot);
  if (expiry_date != NULL)
    json_object_set_string_member (batch, "expiry_date", expiry_date);
  json_object_set_string_member (batch, "status", "normal");
  return batch;
}

void
server_epc_clear (ServerEpc *epc)
{
  g_clear_pointer (&epc->gtin, g_free);
  g_clear_pointer (&epc->product_id, g_free);
  g_clear_pointer (&epc->lot, g_free);
  g_clear_pointer (&epc->serial, g_free);
  g_clear_pointer (&epc->batch_id, g_free);
}
