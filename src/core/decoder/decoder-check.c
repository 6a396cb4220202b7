/* decoder-check.c — the checks every engine's result passes before anyone
 * sees it: a symbology we read, digits and check digits where the symbology
 * has them, GS1 data in GS1's character set with a valid GTIN. One engine's
 * misread must not get through because another engine would have caught it.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder-private.h"

#include <string.h>

static gboolean
all_digits (const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Mod-10, weights 3,1,3… from the right: every GS1 key's check digit. */
static gboolean
check_digit_ok (const char *digits,
                gsize       len)
{
  int sum = 0;

  if (len < 2 || !all_digits (digits, len))
    return FALSE;
  for (gsize i = 0; i + 1 < len; i++)
    sum += (digits[len - 2 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (10 - sum % 10) % 10 == digits[len - 1] - '0';
}

/* UPC-E carries its check digit for the UPC-A it stands for. */
static gboolean
upce_ok (const char *e,
         gsize       len)
{
  char a[13];
  const char *d = e + 1;

  if (len != 8 || !all_digits (e, len) || (e[0] != '0' && e[0] != '1'))
    return FALSE;
  switch (d[5])
    {
    case '0': case '1': case '2':
      g_snprintf (a, sizeof a, "%c%c%c%c0000%c%c%c%c", e[0], d[0], d[1], d[5], d[2], d[3], d[4], e[7]);
      break;
    case '3':
      g_snprintf (a, sizeof a, "%c%c%c%c00000%c%c%c", e[0], d[0], d[1], d[2], d[3], d[4], e[7]);
      break;
    case '4':
      g_snprintf (a, sizeof a, "%c%c%c%c%c00000%c%c", e[0], d[0], d[1], d[2], d[3], d[4], e[7]);
      break;
    default:
      g_snprintf (a, sizeof a, "%c%c%c%c%c%c0000%c%c", e[0], d[0], d[1], d[2], d[3], d[4], d[5], e[7]);
      break;
    }
  return check_digit_ok (a, 12);
}

/* GS1's character set 82 (ISO/IEC 646 printable subset), plus GS between
 * variable-length values; and a GTIN at the start must add up. */
static gboolean
gs1_ok (const char *s,
        gsize       len)
{
  if (len < 3 || !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (s[i] != 0x1d && (s[i] < 0x21 || s[i] > 0x7e || strchr ("#$@[\\]^`{|}~", s[i])))
      return FALSE;
  if (s[0] == '0' && (s[1] == '1' || s[1] == '2'))
    return len >= 16 && check_digit_ok (s + 2, 14);
  return TRUE;
}

/* Real content carries at most GS, RS, EOT (ISO/IEC 15434) and line breaks
 * among the control characters; the rest is how error correction that
 * "corrected" a distorted symbol into other bytes shows. */
static gboolean
text_ok (const char *s,
         gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];

      if ((c < 0x20 && (c == 0 || !strchr ("\t\n\r\x04\x1d\x1e", c))) || c == 0x7f)
        return FALSE;
    }
  return TRUE;
}

gboolean
suyuan_symbol_check (const SuyuanSymbol *s)
{
  const char *p = s->payload;
  gsize len = s->payload_length;
  const char *name = s->symbology;

  if (len == 0 || !text_ok (p, len))
    return FALSE;
  if (g_str_equal (name, "ean13"))
    return len == 13 && check_digit_ok (p, len);
  if (g_str_equal (name, "ean8"))
    return len == 8 && check_digit_ok (p, len);
  if (g_str_equal (name, "upce"))
    return upce_ok (p, len);
  /* Interleaved 2 of 5 reads noise as short codes: only ITF-14, a GTIN-14. */
  if (g_str_equal (name, "itf"))
    return len == 14 && check_digit_ok (p, len);
  if (g_str_equal (name, "databar"))
    return s->gs1 && len == 16 && memcmp (p, "01", 2) == 0 && check_digit_ok (p + 2, 14);
  if (g_str_equal (name, "databar-exp"))
    return s->gs1 && gs1_ok (p, len);
  if (g_str_equal (name, "qrcode") || g_str_equal (name, "datamatrix")
      || g_str_equal (name, "code128"))
    return !s->gs1 || gs1_ok (p, len);
  return FALSE;
}
