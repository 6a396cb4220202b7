/* decoder-charset.c — the text of QR byte segments. QR codes rarely say their
 * charset (no ECI); ZBar guesses, and reads Shift_JIS as GBK. We get the
 * bytes and choose: valid UTF-8 first, else whichever of GB18030, Shift_JIS
 * (as CP932: 0x5C is a backslash in URLs, not a yen sign) and Big5 reads
 * most like real text, and ISO-8859-1 (the QR default when there is no ECI,
 * and what European imports print). Ties go to GB18030: our users are
 * Chinese.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder-private.h"

#include <string.h>

static gboolean
is_halfwidth_kana (gunichar c)
{
  return c >= 0xFF66 && c <= 0xFF9D;
}

/* Japanese: full-width kana are the surest sign. Half-width katakana only
 * count where their voicing marks follow them as Japanese writes them; GBK
 * text misread as Shift_JIS turns into half-width katakana without that. */
static int
score_japanese (const char *text)
{
  int score = 0, halfwidth = 0, voiced = 0;
  gunichar prev = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x3041 && c <= 0x30FF)
        score += 3;
      else if (is_halfwidth_kana (c))
        halfwidth++;
      else if ((c == 0xFF9E || c == 0xFF9F || c == 0xFF70) && is_halfwidth_kana (prev))
        voiced++, halfwidth++;
      else if (c >= 0x4E00 && c <= 0x9FFF)
        score += 1;
      prev = c;
    }
  return score + (voiced > 0 ? 2 * halfwidth : -halfwidth);
}

/* GB2312 level 1 (leads 0xB0–0xD7) holds the common hanzi; what only GBK adds
 * (trail bytes below 0xA1) is rare in real text and common in misreads. */
static int
score_gb (const guint8 *data,
          gsize         len)
{
  int score = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] < 0x80 || i + 1 >= len)
        continue;
      if (data[i] >= 0xB0 && data[i] <= 0xD7 && data[i + 1] >= 0xA1)
        score += 2;
      else if (data[i] >= 0xA1 && data[i + 1] >= 0xA1)
        score += 1;
      else
        score -= 2;
      i++;
    }
  return score;
}

/* Big5's frequent characters have leads 0xA4–0xC6. */
static int
score_big5 (const guint8 *data,
            gsize         len)
{
  int score = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] < 0x80 || i + 1 >= len)
        continue;
      score += data[i] >= 0xA4 && data[i] <= 0xC6 ? 2 : -1;
      i++;
    }
  return score;
}

static gboolean
is_latin1_letter (guint8 c)
{
  return c >= 0xC0 && c != 0xD7 && c != 0xF7;
}

/* Latin-1 text has accented letters alone or in pairs inside words of ASCII
 * letters (Café, Grüße); GB18030 and the others come in runs of lead and
 * trail bytes, and C1 controls (0x80–0x9F) are never text. */
static int
score_latin1 (const guint8 *data,
              gsize         len)
{
  int score = 0;

  for (gsize i = 0; i < len;)
    {
      gsize run = 0, letters = 0;
      gboolean flanked;

      if (data[i] < 0x80)
        {
          i++;
          continue;
        }
      while (i + run < len && data[i + run] >= 0x80)
        letters += is_latin1_letter (data[i + run]), run++;
      flanked = (i == 0 || g_ascii_isalpha (data[i - 1]))
                && (i + run == len || g_ascii_isalpha (data[i + run]));
      if (letters == run && run <= 2 && (run == 1 || flanked))
        score += 2;
      else
        score -= (int) run;
      i += run;
    }
  return score;
}

static gboolean
has_c1_controls (const guint8 *data,
                 gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] >= 0x80 && data[i] <= 0x9F)
      return TRUE;
  return FALSE;
}

char *
suyuan_qr_bytes_to_text (const char *data,
                         gsize       len,
                         gsize      *out_len)
{
  static const char *const charsets[] = { "GB18030", "CP932", "BIG5", "ISO-8859-1" };
  g_autofree char *best = NULL;
  int best_score = G_MININT;

  if (g_utf8_validate (data, (gssize) len, NULL))
    {
      *out_len = len;
      return g_strndup (data, len);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *text = g_convert (data, (gssize) len, "UTF-8", charsets[i], NULL, NULL, NULL);
      int score;

      if (text == NULL)
        continue;
      if (i == 0)
        score = score_gb ((const guint8 *) data, len);
      else if (i == 1)
        score = score_japanese (text);
      else if (i == 2)
        score = score_big5 ((const guint8 *) data, len);
      else if (has_c1_controls ((const guint8 *) data, len))
        continue;  /* binary, not Latin-1 text */
      else
        score = score_latin1 ((const guint8 *) data, len);
      if (score > best_score)
        {
          best_score = score;
          g_free (best);
          best = g_steal_pointer (&text);
        }
    }
  if (best == NULL)  /* not text in any of them: the bytes as they are */
    {
      *out_len = len;
      return g_strndup (data, len);
    }
  *out_len = strlen (best);
  return g_steal_pointer (&best);
}
