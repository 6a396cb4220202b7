/* date-text.h — dates as people read them, in the locale's style
 * (zh_CN: 2026年11月1日), for the screen, the records and printed labels.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @packed (YYYYMMDD) as the locale writes a date; "—" for 0, the digits as
 * they are when they name no real day. Returns a new string. */
char  *suyuan_date_dup_text  (guint32 packed);
/* An ISO 8601 timestamp as the locale writes a date and time, in the zone it
 * was written in (zh_CN: 2026年11月23日 10:42); "—" for NULL, the text as it
 * is when it is no timestamp. Returns a new string. */
char  *suyuan_time_dup_text  (const char *iso);

G_END_DECLS
