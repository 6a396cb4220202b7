/* server-epcis-cbv.c — the CBV 2.0 business steps and dispositions a bare
 * word may name in a captured event; anything else must be a URI (the
 * sender's own vocabulary, kept as sent).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-validate.h"
#include "server-store-epcis.h"

#include <string.h>

static const char *const biz_steps[] = {
  "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
  "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
  "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
  "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
  "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
  "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing",
  "transporting", "unloading", "unpacking", "void_shipping", NULL
};

static const char *const dispositions[] = {
  "active", "available", "completeness_inferred", "completeness_verified", "conformant",
  "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed",
  "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_class",
  "mismatch_instance", "mismatch_quantity", "needs_replacement", "no_pedigree_match",
  "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
  "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen",
  "unavailable", "unknown", NULL
};

/* A URI as the schema asks: a scheme, then no spaces or controls. */
gboolean
server_epcis_is_uri (const char *text)
{
  const char *colon;

  if (text == NULL || strlen (text) > SERVER_EPCIS_MAX_URI_BYTES || !g_ascii_isalpha (text[0])
      || (colon = strchr (text, ':')) == NULL || colon[1] == '\0')
    return FALSE;
  for (const char *p = text; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
      return FALSE;
  for (const char *p = text; *p; p++)
    if ((guchar) *p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\' || *p == 0x7f)
      return FALSE;
  return TRUE;
}

gboolean
server_epcis_vocabulary_ok (ServerEpcisVocabulary  vocabulary,
                            const char            *value)
{
  const char *const *words = vocabulary == SERVER_EPCIS_BIZ_STEP ? biz_steps : dispositions;

  if (value == NULL)
    return FALSE;
  if (strchr (value, ':') != NULL)
    return server_epcis_is_uri (value);
  return g_strv_contains (words, value);
}

char *
server_epcis_cbv_term (const char *value)
{
  static const char *const prefixes[] = {
    "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "https://gs1.org/voc/BizStep-",
    "urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-", "https://gs1.org/voc/Disp-",
  };

  if (value == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (value, prefixes[i]))
      {
        const char *word = value + strlen (prefixes[i]);

        if (g_strv_contains (i < 3 ? biz_steps : dispositions, word))
          return g_strdup (word);
      }
  return g_strdup (value);
}
