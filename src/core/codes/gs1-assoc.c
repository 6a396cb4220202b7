/* gs1-assoc.c — what an AI list means as a whole: the AIs each one needs
 * (req=) or forbids (ex=), the derived fields, the equivalent element string.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "gs1.h"
#include "code-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* @pattern is an AI where 'n' stands for any digit ("31nn"). */
static gboolean
ai_matches (const char *ai,
            const char *pattern,
            gsize       pattern_len)
{
  for (gsize i = 0; i < pattern_len; i++)
    if (ai[i] == '\0' || (pattern[i] != 'n' && pattern[i] != ai[i]))
      return FALSE;
  return ai[pattern_len] == '\0';
}

/* Our producer codes carry a local product key where GS1 has (01). */
static gboolean
has_ai (const SuyuanCode *code,
        const char       *pattern,
        gsize             pattern_len,
        const char       *except)
{
  if (code->product_key != NULL && ai_matches ("01", pattern, pattern_len))
    return TRUE;
  for (guint i = 0; i < code->ai->len; i++)
    {
      const char *ai = g_array_index (code->ai, SuyuanAiValue, i).ai;

      if (except != NULL && strcmp (ai, except) == 0)
        continue;
      if (ai_matches (ai, pattern, pattern_len))
        return TRUE;
    }
  return FALSE;
}

/* One alternative "01+21": all of its AIs are present. */
static gboolean
alternative_holds (const SuyuanCode *code,
                   const char       *alt,
                   gsize             len)
{
  const char *end = alt + len;

  while (alt < end)
    {
      const char *plus = memchr (alt, '+', (gsize) (end - alt));
      const char *stop = plus ? plus : end;

      if (!has_ai (code, alt, (gsize) (stop - alt), NULL))
        return FALSE;
      alt = plus ? plus + 1 : end;
    }
  return TRUE;
}

/* One rule "01,02,8006": any alternative holds. */
static gboolean
rule_holds (const SuyuanCode *code,
            const char       *rule,
            gsize             len)
{
  const char *end = rule + len;

  while (rule < end)
    {
      const char *comma = memchr (rule, ',', (gsize) (end - rule));
      const char *stop = comma ? comma : end;

      if (alternative_holds (code, rule, (gsize) (stop - rule)))
        return TRUE;
      rule = comma ? comma + 1 : end;
    }
  return FALSE;
}

static char *
describe_rule (const char *rule,
               gsize       len)
{
  g_autofree char *text = g_strndup (rule, len);
  g_auto(GStrv) alts = g_strsplit (text, ",", -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; alts[i]; i++)
    {
      g_auto(GStrv) all = g_strsplit (alts[i], "+", -1);
      g_autofree char *joined = g_strjoinv (") + (", all);

      if (i > 0)
        /* TRANSLATORS: between alternatives: "(01) or (02)" */
        g_string_append (s, _(" or "));
      g_string_append_printf (s, "(%s)", joined);
    }
  return g_string_free (s, FALSE);
}

static gboolean
check_req (SuyuanCode         *code,
           const SuyuanAiSpec *spec)
{
  for (const char *p = spec->req; p != NULL && *p != '\0';)
    {
      const char *semi = strchr (p, ';');
      gsize len = semi ? (gsize) (semi - p) : strlen (p);

      if (!rule_holds (code, p, len))
        {
          g_autofree char *need = describe_rule (p, len);

          suyuan_code_set_error (code, _("AI (%s) needs %s in the same code"), spec->ai, need);
          return FALSE;
        }
      p = semi ? semi + 1 : p + len;
    }
  return TRUE;
}

static gboolean
check_ex (SuyuanCode         *code,
          const SuyuanAiSpec *spec)
{
  for (const char *p = spec->ex; p != NULL && *p != '\0';)
    {
      const char *comma = strchr (p, ',');
      gsize len = comma ? (gsize) (comma - p) : strlen (p);

      for (guint i = 0; i < code->ai->len; i++)
        {
          const char *other = g_array_index (code->ai, SuyuanAiValue, i).ai;

          if (strcmp (other, spec->ai) != 0 && ai_matches (other, p, len))
            {
              gboolean mine_first = strcmp (spec->ai, other) < 0;

              suyuan_code_set_error (code, _("AI (%s) and AI (%s) must not appear together"),
                                     mine_first ? spec->ai : other, mine_first ? other : spec->ai);
              return FALSE;
            }
        }
      p = comma ? comma + 1 : p + len;
    }
  return TRUE;
}

gboolean
suyuan_gs1_check_associations (SuyuanCode *code)
{
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      const SuyuanAiSpec *spec = suyuan_gs1_pair_spec (pair);

      for (guint j = 0; j < i; j++)
        {
          const SuyuanAiValue *earlier = &g_array_index (code->ai, SuyuanAiValue, j);

          if (earlier->spec == pair->spec && strcmp (earlier->ai, pair->ai) == 0
              && strcmp (earlier->value, pair->value) != 0)
            {
              suyuan_code_set_error (code, _("AI (%s) appears twice with different values"), pair->ai);
              return FALSE;
            }
        }
      if (spec != NULL && !check_ex (code, spec))
        return FALSE;
    }
  /* What is missing matters less than what contradicts: report that first. */
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiSpec *spec = suyuan_gs1_pair_spec (&g_array_index (code->ai, SuyuanAiValue, i));

      if (spec != NULL && !check_req (code, spec))
        return FALSE;
    }
  return TRUE;
}

static void
take_date (guint32    *field,
           const char *value)
{
  if (*field == 0)
    *field = suyuan_gs1_decode_date (value, TRUE);
}

gboolean
suyuan_gs1_derive_fields (SuyuanCode *code)
{
  /* One pass over the AIs; the first of each AI wins (duplicates that
   * disagree are rejected by the association checks). */
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      const char *ai = pair->ai, *v = pair->value;

      if (ai[2] != '\0')
        continue;
      switch (ai[0] * 256 + ai[1])
        {
        case '0' * 256 + '1':
          if (code->gtin == NULL)
            code->gtin = suyuan_code_share (code, v);
          break;
        case '1' * 256 + '0':
          if (code->lot == NULL)
            code->lot = suyuan_code_share (code, v);
          break;
        case '2' * 256 + '1':
          if (code->serial == NULL)
            code->serial = suyuan_code_share (code, v);
          break;
        case '1' * 256 + '1':
          take_date (&code->production, v);
          break;
        case '1' * 256 + '5':
          take_date (&code->best_before, v);
          break;
        case '1' * 256 + '7':
          take_date (&code->expiry, v);
          break;
        default:
          break;
        }
    }
  {
    const char *v = suyuan_code_get_ai (code, "7003");

    if (v != NULL && strlen (v) == 10)
      {
        /* Expiry date and time: the earlier of (17) and (7003) is what counts. */
        guint32 date = suyuan_gs1_decode_date (v, FALSE);

        if (code->expiry == 0 || date < code->expiry)
          code->expiry = date;
        code->expiry_time = (gint16) ((v[6] - '0') * 1000 + (v[7] - '0') * 100 + (v[8] - '0') * 10 + (v[9] - '0'));
      }
  }
  return suyuan_gs1_check_associations (code);
}

char *
suyuan_gs1_element_string (const SuyuanCode *code)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      const SuyuanAiSpec *spec = suyuan_gs1_pair_spec (pair);

      g_string_append (s, pair->ai);
      g_string_append (s, pair->value);
      if (i + 1 < code->ai->len && (spec == NULL || !spec->predefined))
        g_string_append_c (s, SUYUAN_GS);
    }
  return g_string_free (s, FALSE);
}

void
suyuan_gs1_set_element_string (SuyuanCode *code)
{
  gsize total = 1, pos = 0;
  char stack[512];
  char *buf;

  if (code->ai->len == 0)
    return;

  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      total += strlen (pair->ai) + strlen (pair->value) + 1;
    }
  buf = total <= sizeof stack ? stack : g_malloc (total);
  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      const SuyuanAiSpec *spec = suyuan_gs1_pair_spec (pair);
      gsize a = strlen (pair->ai), v = strlen (pair->value);

      memcpy (buf + pos, pair->ai, a);
      memcpy (buf + pos + a, pair->value, v);
      pos += a + v;
      if (i + 1 < code->ai->len && (spec == NULL || !spec->predefined))
        buf[pos++] = SUYUAN_GS;
    }
  code->element_string = suyuan_code_store (code, buf, pos);
  if (buf != stack)
    g_free (buf);
}
