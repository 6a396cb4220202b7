/* digital-link-compressed.c — reading compressed GS1 Digital Links: the
 * AIs and values packed as bits in one URI-safe base64 path segment (GS1
 * Digital Link compression: AI digits as nibbles, optimisation codes for
 * common AI sequences, numbers in binary, text in the smallest alphabet).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "digital-link.h"
#include "gs1.h"

#include <math.h>
#include <string.h>

/* A compressed segment longer than this is not one label's code. */
#define MAX_SEGMENT 512
/* Digits in one decoded number: the longest GS1 field. */
#define MAX_DIGITS 90

static const char base64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Optimisation codes: one byte standing for a sequence of AIs. */
static const struct {
  guint8 code;
  const char *ais[4];
} optimisations[] = {
  { 0x0A, { "01", "22" } }, { 0x0B, { "01", "10" } }, { 0x0C, { "01", "21" } },
  { 0x0D, { "01", "17" } }, { 0x0E, { "01", "7003" } }, { 0x0F, { "01", "30" } },
  { 0x1A, { "01", "10", "21", "17" } }, { 0x1B, { "01", "15" } }, { 0x1C, { "01", "11" } },
  { 0x1D, { "01", "16" } }, { 0x1E, { "01", "91" } }, { 0x1F, { "01", "10", "15" } },
  { 0x2A, { "01", "3100" } }, { 0x2B, { "01", "3101" } }, { 0x2C, { "01", "3102" } },
  { 0x2D, { "01", "3103" } }, { 0x2E, { "01", "3104" } }, { 0x2F, { "01", "3105" } },
  { 0x3A, { "01", "3200" } }, { 0x3B, { "01", "3201" } }, { 0x3C, { "01", "3202" } },
  { 0x3D, { "01", "3203" } }, { 0x3E, { "01", "3204" } }, { 0x3F, { "01", "3205" } },
  { 0x9A, { "8010", "8011" } }, { 0x9B, { "8017", "8019" } }, { 0x9C, { "8018", "8019" } },
  { 0x9D, { "414", "254" } },
  { 0xA0, { "01", "3920" } }, { 0xA1, { "01", "3921" } }, { 0xA2, { "01", "3922" } },
  { 0xA3, { "01", "3923" } }, { 0xA4, { "01", "3924" } }, { 0xA5, { "01", "3925" } },
  { 0xA6, { "01", "3926" } }, { 0xA7, { "01", "3927" } }, { 0xA8, { "01", "3928" } },
  { 0xA9, { "01", "3929" } },
  { 0xC0, { "255", "3900" } }, { 0xC1, { "255", "3901" } }, { 0xC2, { "255", "3902" } },
  { 0xC3, { "255", "3903" } }, { 0xC4, { "255", "3904" } }, { 0xC5, { "255", "3905" } },
  { 0xC6, { "255", "3906" } }, { 0xC7, { "255", "3907" } }, { 0xC8, { "255", "3908" } },
  { 0xC9, { "255", "3909" } }, { 0xCA, { "255", "3940" } }, { 0xCB, { "255", "3941" } },
  { 0xCC, { "255", "3942" } }, { 0xCD, { "255", "3943" } },
};

typedef struct {
  guint8 sixes[MAX_SEGMENT];
  gsize n_bits;
  gsize pos;
  gboolean failed;
} Bits;

static guint64
take (Bits *b,
      guint n)
{
  guint64 v = 0;

  g_assert (n <= 64);
  if (b->failed || b->pos + n > b->n_bits)
    {
      b->failed = TRUE;
      return 0;
    }
  for (guint i = 0; i < n; i++, b->pos++)
    v = (v << 1) | ((b->sixes[b->pos / 6] >> (5 - b->pos % 6)) & 1);
  return v;
}

/* Bits that hold a number of @digits decimal digits (at least one). */
static guint
value_bits (guint digits)
{
  return (guint) ceil (digits * log2 (10.0) + 0.01);
}

/* Bits of a length indicator for at most @max characters. */
static guint
length_bits (guint max)
{
  guint n = 0;

  for (; max > 0; max >>= 1)
    n++;
  return MAX (n, 1);
}

/* A binary number of @n_bits as exactly @digits decimal digits. */
static gboolean
take_decimal (Bits    *b,
              guint    digits,
              GString *out)
{
  guint8 dec[MAX_DIGITS + 2] = { 0 };   /* least significant first */
  guint n_bits = value_bits (digits);

  if (digits > MAX_DIGITS)
    return FALSE;
  for (guint i = 0; i < n_bits; i++)
    {
      guint carry = (guint) take (b, 1);

      for (guint d = 0; d < digits + 1; d++)
        {
          guint v = dec[d] * 2 + carry;

          dec[d] = v % 10;
          carry = v / 10;
        }
    }
  if (b->failed || dec[digits] != 0)
    return FALSE;
  for (guint d = digits; d > 0; d--)
    g_string_append_c (out, (char) ('0' + dec[d - 1]));
  return TRUE;
}

/* @n characters in encoding @enc: 0 digits, 1 lower-case hex, 2 upper-case
 * hex, 3 URI-safe base64, 4 seven-bit ASCII. */
static gboolean
take_text (Bits    *b,
           guint    enc,
           guint    n,
           GString *out)
{
  if (enc == 0)
    return take_decimal (b, n, out);
  for (guint i = 0; i < n; i++)
    {
      guint v;

      switch (enc)
        {
        case 1:
          g_string_append_c (out, "0123456789abcdef"[take (b, 4)]);
          break;
        case 2:
          g_string_append_c (out, "0123456789ABCDEF"[take (b, 4)]);
          break;
        case 3:
          g_string_append_c (out, base64url[take (b, 6)]);
          break;
        case 4:
          v = (guint) take (b, 7);
          g_string_append_c (out, (char) (v ? v : '?'));
          break;
        default:
          return FALSE;
        }
    }
  return !b->failed;
}

/* One AI's value, component by component: consecutive fixed-length numeric
 * components travel as one number (8006 as N18, 7003 as N10). */
static gboolean
take_value (Bits               *b,
            const SuyuanAiSpec *spec,
            GString            *out)
{
  guint fixed_digits = 0;

  for (guint i = 0; i <= spec->n_components; i++)
    {
      const SuyuanAiComponent *c = i < spec->n_components ? &spec->components[i] : NULL;
      gboolean fixed = c && !c->optional && c->min_length == c->max_length;
      guint n;

      if (c && c->cset == 'N' && fixed)
        {
          fixed_digits += c->max_length;
          continue;
        }
      if (fixed_digits > 0 && !take_decimal (b, fixed_digits, out))
        return FALSE;
      fixed_digits = 0;
      if (c == NULL)
        break;
      if (c->cset == 'N')
        {
          /* An empty number still takes one bit, as value_bits (0) says. */
          n = (guint) take (b, length_bits (c->max_length));
          if (n > c->max_length || !take_decimal (b, n, out))
            return FALSE;
          continue;
        }
      {
        guint enc = (guint) take (b, 3);

        n = fixed ? c->max_length : (guint) take (b, length_bits (c->max_length));
        if (n > c->max_length || !take_text (b, enc, n, out))
          return FALSE;
      }
    }
  return !b->failed;
}

/* The AI whose first two digits are @prefix: GS1 keeps each two-digit
 * prefix to one AI length. */
static const SuyuanAiSpec *
take_ai (Bits  *b,
         guint  prefix)
{
  char digits[5] = { (char) ('0' + prefix / 10), (char) ('0' + prefix % 10), 0, 0, 0 };
  gsize len = 0;

  for (gsize i = 0; i < suyuan_gs1_ai_table_length; i++)
    if (memcmp (suyuan_gs1_ai_table[i].ai, digits, 2) == 0)
      {
        len = strlen (suyuan_gs1_ai_table[i].ai);
        break;
      }
  if (len == 0)
    return NULL;
  for (gsize i = 2; i < len; i++)
    {
      guint nibble = (guint) take (b, 4);

      if (nibble > 9)
        return NULL;
      digits[i] = (char) ('0' + nibble);
    }
  return suyuan_gs1_find_ai (digits);
}

static gboolean
add_pair (GPtrArray          *pairs,
          Bits               *b,
          const SuyuanAiSpec *spec)
{
  GString *value = g_string_new (NULL);

  if (spec == NULL || !take_value (b, spec, value))
    {
      g_string_free (value, TRUE);
      return FALSE;
    }
  g_ptr_array_add (pairs, g_strdup (spec->ai));
  g_ptr_array_add (pairs, g_string_free (value, FALSE));
  return TRUE;
}

/* A key=value pair outside GS1 (code F): read past it. */
static gboolean
skip_other (Bits  *b,
            guint  low)
{
  guint key_len = (low << 3) | (guint) take (b, 3);
  g_autoptr(GString) ignored = g_string_new (NULL);
  guint enc;

  b->pos += 6 * key_len;
  enc = (guint) take (b, 3);
  return take_text (b, enc, (guint) take (b, 7), ignored);
}

char **
suyuan_digital_link_decompress (const char *segment)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  Bits b = { 0 };
  gsize len;

  g_return_val_if_fail (segment != NULL, NULL);
  len = strlen (segment);
  if (len == 0 || len > MAX_SEGMENT)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      const char *at = strchr (base64url, segment[i]);

      if (segment[i] == '\0' || at == NULL)
        return NULL;
      b.sixes[i] = (guint8) (at - base64url);
    }
  b.n_bits = len * 6;

  while (b.n_bits - b.pos > 8)
    {
      guint hi = (guint) take (&b, 4), lo = (guint) take (&b, 4);
      guint byte = hi << 4 | lo;
      gboolean known = FALSE;

      if (hi <= 9 && lo <= 9)
        {
          if (!add_pair (pairs, &b, take_ai (&b, hi * 10 + lo)))
            return NULL;
          continue;
        }
      for (gsize i = 0; i < G_N_ELEMENTS (optimisations) && !known; i++)
        if (optimisations[i].code == byte)
          {
            known = TRUE;
            for (guint j = 0; j < 4 && optimisations[i].ais[j]; j++)
              if (!add_pair (pairs, &b, suyuan_gs1_find_ai (optimisations[i].ais[j])))
                return NULL;
          }
      if (!known && (hi != 0xF || !skip_other (&b, lo)))
        return NULL;
    }
  /* What is left is padding to a whole base64 character. */
  if (b.failed || pairs->len == 0 || take (&b, (guint) (b.n_bits - b.pos)) != 0)
    return NULL;
  g_ptr_array_add (pairs, NULL);
  return (char **) g_ptr_array_steal (pairs, NULL);
}
