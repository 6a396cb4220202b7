/* gs1-lint.c — the content checks of the GS1 Syntax Dictionary ("linters")
 * and GS1 dates.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gs1.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

static guint64
num (const char *s,
     gsize       n)
{
  guint64 v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (guint) (s[i] - '0');
  return v;
}

static gboolean
all_digits (const char *s,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The year is read once per process: a terminal does not run for a century. */
static int
this_year (void)
{
  static gsize year;

  if (g_once_init_enter (&year))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_once_init_leave (&year, (gsize) g_date_time_get_year (now));
    }
  return (int) year;
}

/* GS1 years are a sliding window: -49..+50 years around this year. */
static guint
resolve_year (guint yy)
{
  int now = this_year ();
  int year = now / 100 * 100 + (int) yy;
  int diff = year - now;

  if (diff >= 51)
    year -= 100;
  else if (diff <= -50)
    year += 100;
  return (guint) year;
}

static guint32
ymd (guint    year,
     guint    mm,
     guint    dd,
     gboolean allow_day_zero)
{
  if (mm < 1 || mm > 12)
    return 0;
  if (dd == 0)
    {
      if (!allow_day_zero)
        return 0;
      dd = g_date_get_days_in_month ((GDateMonth) mm, (GDateYear) year);
    }
  if (year < 1 || !g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) year))
    return 0;
  return year * 10000 + mm * 100 + dd;
}

guint32
suyuan_gs1_decode_date (const char *yymmdd,
                        gboolean    allow_day_zero)
{
  if (!all_digits (yymmdd, 6))
    return 0;
  return ymd (resolve_year ((guint) num (yymmdd, 2)), (guint) num (yymmdd + 2, 2),
              (guint) num (yymmdd + 4, 2), allow_day_zero);
}

static gboolean
in_sorted (const char *value,
           gsize       length,
           const char *list,
           gsize       stride,
           gsize       count)
{
  gsize lo = 0, hi = count;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      int cmp = strncmp (value, list + mid * stride, length);

      if (cmp == 0)
        return TRUE;
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

static gboolean
valid_pcenc (const char *s,
             gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (s[i] == '%' && (i + 2 >= n || !g_ascii_isxdigit (s[i + 1]) || !g_ascii_isxdigit (s[i + 2])))
      return FALSE;
  return TRUE;
}

/* Returns NULL when every linter in @lints accepts @value, else the fault. */
const char *
suyuan_gs1_lint (guint32     lints,
                 const char *s,
                 gsize       n)
{
  if (lints == 0)
    return NULL;
  if (lints & SUYUAN_LINT_YYMMD0 && (n != 6 || suyuan_gs1_decode_date (s, TRUE) == 0))
    return _("not a valid date");
  if (lints & SUYUAN_LINT_YYMMDD && (n != 6 || suyuan_gs1_decode_date (s, FALSE) == 0))
    return _("not a valid date");
  if (lints & SUYUAN_LINT_YYYYMMDD && (n != 8 || ymd ((guint) num (s, 4), (guint) num (s + 4, 2), (guint) num (s + 6, 2), FALSE) == 0))
    return _("not a valid date");
  if (lints & SUYUAN_LINT_HHMI && (n != 4 || num (s, 2) > 23 || num (s + 2, 2) > 59))
    return _("not a valid time of day");
  if (lints & SUYUAN_LINT_HH && (n != 2 || num (s, 2) > 23))
    return _("not a valid hour");
  if (lints & (SUYUAN_LINT_MI | SUYUAN_LINT_SS) && (n != 2 || num (s, 2) > 59))
    return _("not a valid minute or second");
  if (lints & SUYUAN_LINT_ISO3166
      && !in_sorted (s, 3, suyuan_gs1_iso3166[0], 4, suyuan_gs1_iso3166_length))
    return _("not an ISO 3166 country code");
  if (lints & SUYUAN_LINT_ISO3166999 && strncmp (s, "999", 3) != 0
      && !in_sorted (s, 3, suyuan_gs1_iso3166[0], 4, suyuan_gs1_iso3166_length))
    return _("not an ISO 3166 country code");
  if (lints & SUYUAN_LINT_ISO3166ALPHA2
      && (n != 2 || !in_sorted (s, 2, suyuan_gs1_iso3166_alpha2[0], 3, suyuan_gs1_iso3166_alpha2_length)))
    return _("not an ISO 3166 country code");
  if (lints & SUYUAN_LINT_ISO4217
      && !in_sorted (s, 3, suyuan_gs1_iso4217[0], 4, suyuan_gs1_iso4217_length))
    return _("not an ISO 4217 currency code");
  if (lints & SUYUAN_LINT_YESNO && (n != 1 || (s[0] != '0' && s[0] != '1')))
    return _("must be 0 or 1");
  if (lints & SUYUAN_LINT_ZERO && (n != 1 || s[0] != '0'))
    return _("must be 0");
  if (lints & SUYUAN_LINT_NONZERO && num (s, n) == 0)
    return _("must not be zero");
  if (lints & SUYUAN_LINT_WINDING && (n != 1 || strchr ("019", s[0]) == NULL))
    return _("winding direction must be 0, 1 or 9");
  if (lints & SUYUAN_LINT_PIECEOFTOTAL
      && (n % 2 != 0 || num (s, n / 2) == 0 || num (s, n / 2) > num (s + n / 2, n / 2)))
    return _("piece number must be from 1 to the total");
  if (lints & SUYUAN_LINT_NOZEROPREFIX && n > 1 && s[0] == '0')
    return _("must not start with 0");
  if (lints & SUYUAN_LINT_HYPHEN && (n != 1 || s[0] != '-'))
    return _("only '-' is allowed here");
  if (lints & SUYUAN_LINT_PCENC && !valid_pcenc (s, n))
    return _("contains a bad percent-encoding");
  if (lints & SUYUAN_LINT_LATITUDE && (n != 10 || num (s, n) > 1800000000u))
    return _("not a valid latitude");
  if (lints & SUYUAN_LINT_LONGITUDE && (n != 10 || num (s, n) > 3600000000u))
    return _("not a valid longitude");
  if (lints & SUYUAN_LINT_ISO5218 && (n != 1 || strchr ("0129", s[0]) == NULL))
    return _("sex must be 0, 1, 2 or 9");
  if (lints & SUYUAN_LINT_MEDIATYPE && (n != 2 || num (s, 2) == 0 || (num (s, 2) > 10 && num (s, 2) < 80)))
    return _("not a valid media type");
  if (lints & SUYUAN_LINT_IMPORTERIDX
      && (n != 1 || !(g_ascii_isalnum (s[0]) || s[0] == '-' || s[0] == '_')))
    return _("not a valid importer index");
  if (lints & SUYUAN_LINT_POSINSEQSLASH
      && (n != 3 || !g_ascii_isdigit (s[0]) || s[1] != '/' || !g_ascii_isdigit (s[2])
          || s[0] == '0' || s[0] > s[2]))
    return _("position in sequence must be like 1/3");
  if (lints & SUYUAN_LINT_HASNONDIGIT && all_digits (s, n))
    return _("must contain a character that is not a digit");
  return NULL;
}
