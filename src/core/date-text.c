/* date-text.c — one date style everywhere: the translation of "%Y-%m-%d"
 * (zh_CN: %Y年%-m月%-d日), so the Check page, verdict reasons, receipt
 * records and printed labels agree.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "date-text.h"

#include <glib/gi18n-lib.h>

char *
suyuan_date_dup_text (guint32 packed)
{
  g_autoptr(GDateTime) dt = NULL;

  if (packed == 0)
    return g_strdup ("—");
  dt = g_date_time_new_local ((int) (packed / 10000), (int) (packed / 100 % 100), (int) (packed % 100),
                              0, 0, 0);
  if (dt == NULL)
    return g_strdup_printf ("%04u-%02u-%02u", packed / 10000, packed / 100 % 100, packed % 100);
  /* Translators: a date as your locale writes it (strftime); zh_CN: %Y年%-m月%-d日 */
  return g_date_time_format (dt, _("%Y-%m-%d"));
}

char *
suyuan_time_dup_text (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  if (time == NULL)
    return g_strdup (iso ? iso : "—");
  /* Translators: a date and a time (strftime); zh_CN: %Y年%-m月%-d日 %H:%M */
  return g_date_time_format (time, _("%Y-%m-%d %H:%M"));
}
