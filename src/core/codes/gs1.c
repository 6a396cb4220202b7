/* gs1.c — parsing GS1 element strings and checking each AI's value.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gs1.h"
#include "code-private.h"

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

/* AIs are prefix-free and two to four digits long, so a table over the first
 * four digits finds any AI in one step. Built once, read-only after. */
static gint16 ai_index[10000];

static gpointer
build_index (gpointer data)
{
  (void) data;
  memset (ai_index, 0xff, sizeof ai_index);
  for (gsize i = 0; i < suyuan_gs1_ai_table_length; i++)
    {
      const char *ai = suyuan_gs1_ai_table[i].ai;
      gsize len = strlen (ai);
      guint base = (guint) g_ascii_strtoull (ai, NULL, 10);
      guint span = 1;

      for (gsize k = len; k < 4; k++)
        {
          base *= 10;
          span *= 10;
        }
      for (guint j = 0; j < span; j++)
        ai_index[base + j] = (gint16) i;
    }
  return NULL;
}

const SuyuanAiSpec *
suyuan_gs1_lookup_ai (const char *digits,
                      gsize       available)
{
  static GOnce once = G_ONCE_INIT;
  guint key = 0;
  gint16 i;

  g_once (&once, build_index, NULL);
  if (available < 2)
    return NULL;
  for (gsize k = 0; k < 4; k++)
    {
      /* Past the input, pad with '0': the AI found must then fit. */
      char c = k < available ? digits[k] : '0';

      if (!g_ascii_isdigit (c))
        c = '0';
      if (k < MIN (available, 2) && !g_ascii_isdigit (digits[k]))
        return NULL;
      key = key * 10 + (guint) (c - '0');
    }
  i = ai_index[key];
  if (i < 0)
    return NULL;
  /* Every digit of the AI must really be there and be a digit. */
  for (gsize k = 0; suyuan_gs1_ai_table[i].ai[k] != '\0'; k++)
    if (k >= available || digits[k] != suyuan_gs1_ai_table[i].ai[k])
      return NULL;
  return &suyuan_gs1_ai_table[i];
}

const SuyuanAiSpec *
suyuan_gs1_find_ai (const char *ai)
{
  gsize len = strlen (ai);
  const SuyuanAiSpec *spec = suyuan_gs1_lookup_ai (ai, len);

  return spec != NULL && strlen (spec->ai) == len ? spec : NULL;
}

static gboolean
in_cset (char cset,
         char c)
{
  switch (cset)
    {
    case 'N':
      return g_ascii_isdigit (c);
    case 'X':   /* CSET 82 */
      return g_ascii_isalnum (c) || (c != '\0' && strchr ("!\"%&'()*+,-./:;<=>?_", c) != NULL);
    case 'Y':   /* CSET 39 */
      return g_ascii_isdigit (c) || (c >= 'A' && c <= 'Z') || c == '#' || c == '-' || c == '/';
    case 'Z':   /* CSET 64: base64url with '=' padding */
      return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '=';
    default:
      return FALSE;
    }
}

static gboolean
check_length (SuyuanCode         *code,
              const SuyuanAiSpec *spec,
              gsize               length)
{
  if (length >= spec->min_length && length <= spec->max_length)
    return TRUE;
  if (spec->min_length == spec->max_length)
    suyuan_code_set_error (code, _("AI (%s) must have %u characters, not %u"),
                           spec->ai, spec->min_length, (guint) length);
  else
    suyuan_code_set_error (code, _("AI (%s) must have %u to %u characters, not %u"),
                           spec->ai, spec->min_length, spec->max_length, (guint) length);
  return FALSE;
}

gboolean
suyuan_gs1_check_value (SuyuanCode         *code,
                        const SuyuanAiSpec *spec,
                        const char         *value,
                        gsize               length)
{
  gsize pos = 0;

  if (!check_length (code, spec, length))
    return FALSE;
  for (guint c = 0; c < spec->n_components && pos < length; c++)
    {
      const SuyuanAiComponent *comp = &spec->components[c];
      gsize take = MIN (length - pos, comp->max_length);
      const char *fault;

      if (take < comp->min_length)
        {
          suyuan_code_set_error (code, _("AI (%s) ends in the middle of a component"), spec->ai);
          return FALSE;
        }
      for (gsize i = 0; i < take; i++)
        if (!in_cset (comp->cset, value[pos + i]))
          {
            suyuan_code_set_error (code, comp->cset == 'N'
                                   ? _("AI (%s) must be digits only")
                                   : _("AI (%s) contains a character GS1 does not allow"),
                                   spec->ai);
            return FALSE;
          }
      if (comp->lints & SUYUAN_LINT_CSUM && !suyuan_gs1_check_digit_ok (value + pos, take))
        {
          suyuan_code_set_error (code, _("AI (%s) has a wrong check digit"), spec->ai);
          return FALSE;
        }
      if (comp->lints & (SUYUAN_LINT_YYMMD0 | SUYUAN_LINT_YYMMDD | SUYUAN_LINT_YYYYMMDD)
          && suyuan_gs1_lint (comp->lints, value + pos, take) != NULL)
        {
          suyuan_code_set_error (code, _("AI (%s) is not a valid date"), spec->ai);
          return FALSE;
        }
      if ((fault = suyuan_gs1_lint (comp->lints, value + pos, take)) != NULL)
        {
          /* TRANSLATORS: the second %s says what is wrong with the value */
          suyuan_code_set_error (code, _("AI (%s): %s"), spec->ai, fault);
          return FALSE;
        }
      pos += take;
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
      gsize start, end;

      if (data[pos] == SUYUAN_GS)
        {
          pos++;
          continue;
        }
      spec = suyuan_gs1_lookup_ai (data + pos, length - pos);
      if (spec == NULL)
        {
          gsize digits = 0;
          g_autofree char *ai = NULL;

          while (digits < 4 && pos + digits < length && g_ascii_isdigit (data[pos + digits]))
            digits++;
          ai = digits > 0 ? g_strndup (data + pos, digits) : g_strdup ("?");
          suyuan_code_set_error (code, _("Unknown application identifier (%s…) at position %u"),
                                 ai, (guint) pos + 1);
          return FALSE;
        }
      start = pos + strlen (spec->ai);
      if (spec->predefined)
        end = MIN (start + spec->max_length, length);
      else
        {
          /* Fixed-length AIs without the pre-defined flag still need FNC1. */
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
