/* gs1.c — parsing and checking GS1 element strings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gs1.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
suyuan_gs1_check_digit_ok (const char *digits,
                           gsize       length)
{
  if (length < 2)
    return FALSE;
  return suyuan_gs1_check_digit (digits, length - 1) == digits[length - 1];
}

/* Mod-10 with weights 3,1,3… from the right, as for every GS1 key. */
char
suyuan_gs1_check_digit (const char *digits,
                        gsize       length_without_check)
{
  guint sum = 0;

  for (gsize i = 0; i < length_without_check; i++)
    {
      guint d = (guint) (digits[length_without_check - 1 - i] - '0');
      sum += (i % 2 == 0) ? d * 3 : d;
    }
  return (char) ('0' + (10 - sum % 10) % 10);
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

/* GS1 years are a sliding window: -49..+50 years around this year. */
static guint
resolve_year (guint yy)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int this_year = g_date_time_get_year (now);
  int century = this_year / 100 * 100;
  int year = century + (int) yy;
  int diff = year - this_year;

  if (diff >= 51)
    year -= 100;
  else if (diff <= -50)
    year += 100;
  return (guint) year;
}

guint32
suyuan_gs1_decode_date (const char *yymmdd,
                        gboolean    allow_day_zero)
{
  guint yy, mm, dd, year;

  if (!all_digits (yymmdd, 6))
    return 0;
  yy = (guint) ((yymmdd[0] - '0') * 10 + (yymmdd[1] - '0'));
  mm = (guint) ((yymmdd[2] - '0') * 10 + (yymmdd[3] - '0'));
  dd = (guint) ((yymmdd[4] - '0') * 10 + (yymmdd[5] - '0'));
  if (mm < 1 || mm > 12)
    return 0;
  year = resolve_year (yy);
  if (dd == 0)
    {
      if (!allow_day_zero)
        return 0;
      dd = g_date_get_days_in_month ((GDateMonth) mm, (GDateYear) year);
    }
  if (!g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) year))
    return 0;
  return year * 10000 + mm * 100 + dd;
}

/* GS1 AI encodable character set 82. */
static gboolean
is_cset82 (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
      || (c != '\0' && strchr ("!\"%&'()*+,-./:;<=>?_", c) != NULL);
}

gboolean
suyuan_gs1_check_value (SuyuanCode         *code,
                        const SuyuanAiSpec *spec,
                        const char         *value,
                        gsize               length)
{
  if (length < spec->min_length || length > spec->max_length)
    {
      if (spec->min_length == spec->max_length)
        suyuan_code_set_error (code, _("AI (%s) must have %u characters, not %u"),
                               spec->ai, spec->min_length, (guint) length);
      else
        suyuan_code_set_error (code, _("AI (%s) must have %u to %u characters, not %u"),
                               spec->ai, spec->min_length, spec->max_length, (guint) length);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      gboolean ok = spec->numeric ? g_ascii_isdigit (value[i]) : is_cset82 (value[i]);

      if (!ok)
        {
          suyuan_code_set_error (code, spec->numeric
                                 ? _("AI (%s) must be digits only")
                                 : _("AI (%s) contains a character GS1 does not allow"),
                                 spec->ai);
          return FALSE;
        }
    }
  if (spec->content == SUYUAN_AI_CONTENT_CHECK_DIGIT && !suyuan_gs1_check_digit_ok (value, length))
    {
      suyuan_code_set_error (code, _("AI (%s) has a wrong check digit"), spec->ai);
      return FALSE;
    }
  if (spec->content == SUYUAN_AI_CONTENT_DATE
      && suyuan_gs1_decode_date (value, strcmp (spec->ai, "11") != 0 && strcmp (spec->ai, "13") != 0) == 0)
    {
      suyuan_code_set_error (code, _("AI (%s) is not a valid date"), spec->ai);
      return FALSE;
    }
  return TRUE;
}

gboolean
suyuan_gs1_parse_element_string (SuyuanCode *code,
                                 const char *data,
                                 gsize       length)
{
  gsize pos = 0;

  if (length == 0)
    {
      suyuan_code_set_error (code, _("Empty GS1 element string"));
      return FALSE;
    }
  while (pos < length)
    {
      const SuyuanAiSpec *spec;
      gsize ai_len, start, end;

      if (data[pos] == SUYUAN_GS)
        {
          pos++;
          continue;
        }
      spec = suyuan_gs1_lookup_ai (data + pos, length - pos);
      if (spec == NULL)
        {
          suyuan_code_set_error (code, _("Unknown application identifier at position %u"),
                                 (guint) pos + 1);
          return FALSE;
        }
      ai_len = strlen (spec->ai);
      start = pos + ai_len;
      if (spec->min_length == spec->max_length)
        end = MIN (start + spec->max_length, length);
      else
        {
          const char *gs = memchr (data + start, SUYUAN_GS, length - start);
          end = gs ? (gsize) (gs - data) : length;
        }
      if (!suyuan_gs1_check_value (code, spec, data + start, end - start))
        return FALSE;
      suyuan_code_add_ai (code, spec->ai, data + start, (gssize) (end - start));
      pos = end;
    }
  return suyuan_gs1_derive_fields (code);
}

gboolean
suyuan_gs1_derive_fields (SuyuanCode *code)
{
  const char *v;

  if ((v = suyuan_code_get_ai (code, "01")) != NULL)
    code->gtin = g_strdup (v);
  if ((v = suyuan_code_get_ai (code, "10")) != NULL)
    code->lot = g_strdup (v);
  if ((v = suyuan_code_get_ai (code, "21")) != NULL)
    code->serial = g_strdup (v);
  if ((v = suyuan_code_get_ai (code, "11")) != NULL)
    code->production = suyuan_gs1_decode_date (v, FALSE);
  if ((v = suyuan_code_get_ai (code, "15")) != NULL)
    code->best_before = suyuan_gs1_decode_date (v, TRUE);
  if ((v = suyuan_code_get_ai (code, "17")) != NULL)
    code->expiry = suyuan_gs1_decode_date (v, TRUE);

  if (suyuan_code_get_ai (code, "01") && suyuan_code_get_ai (code, "02"))
    {
      suyuan_code_set_error (code, _("AI (01) and AI (02) must not appear together"));
      return FALSE;
    }
  /* Our own producer codes carry a local product key in place of (01). */
  if (suyuan_code_get_ai (code, "21") && !suyuan_code_get_ai (code, "01") && code->kind != SUYUAN_CODE_SUYUAN)
    {
      suyuan_code_set_error (code, _("AI (21) serial needs AI (01) GTIN"));
      return FALSE;
    }
  return TRUE;
}
