/* gs1-ai-names.c — the GS1 fields an inspector meets, by the names on the
 * package ("商品条码", "有效期"), for messages about a code that is wrong.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gs1.h"

#include <glib/gi18n-lib.h>

static const struct {
  const char *ai;
  const char *name;
} names[] = {
  { "00", N_("SSCC (00)") },
  { "01", N_("GTIN (01)") },
  { "02", N_("contained GTIN (02)") },
  { "10", N_("batch (10)") },
  { "11", N_("production date (11)") },
  { "13", N_("packaging date (13)") },
  { "15", N_("best before date (15)") },
  { "16", N_("sell by date (16)") },
  { "17", N_("expiry date (17)") },
  { "21", N_("serial number (21)") },
  { "30", N_("count (30)") },
  { "37", N_("count of units (37)") },
};

char *
suyuan_gs1_dup_ai_name (const char *ai)
{
  g_return_val_if_fail (ai != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (ai, names[i].ai))
      return g_strdup (_(names[i].name));
  /* Translators: a GS1 application identifier with no everyday name, e.g. AI (8010) */
  return g_strdup_printf (_("AI (%s)"), ai);
}
