/* code.c — from raw scanner text to a typed SuyuanCode.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "code.h"
#include "code-uri.h"
#include "digital-link.h"
#include "drug-code.h"
#include "ean.h"
#include "gs1.h"
#include "code-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Scanners and people write the group separator in several ways. */
/* Scanners and people write the group separator in several ways. */
static char *
normalise_slow (const char *input,
                gsize       length)
{
  GString *s = g_string_sized_new (length);
  g_autofree char *bytes = g_malloc (length + 1);
  gsize n = 0;

  /* NUL bytes go first, so "<G\0S>" cannot become a literal "<GS>" that
   * reads differently the next time the same text is parsed. */
  for (gsize i = 0; i < length; i++)
    if (input[i] != '\0')
      bytes[n++] = input[i];
  for (gsize i = 0; i < n; i++)
    {
      if (bytes[i] == '<' && n - i >= 4 && memcmp (bytes + i, "<GS>", 4) == 0)
        {
          g_string_append_c (s, SUYUAN_GS);
          i += 3;
        }
      else
        g_string_append_c (s, bytes[i]);
    }
  while (s->len > 0 && (s->str[s->len - 1] == '\n' || s->str[s->len - 1] == '\r'))
    g_string_truncate (s, s->len - 1);
  if (!g_utf8_validate (s->str, (gssize) s->len, NULL))
    {
      char *valid = g_utf8_make_valid (s->str, (gssize) s->len);

      g_string_free (s, TRUE);
      return valid;
    }
  return g_string_free (s, FALSE);
}

/* Most input is plain ASCII with nothing to rewrite: NULL says "use it as
 * it is", saving a copy. */
static char *
normalise (const char *input,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) input[i];

      if (c == '<' || c == '\0' || c >= 0x80)
        return normalise_slow (input, length);
    }
  if (length > 0 && (input[length - 1] == '\n' || input[length - 1] == '\r'))
    return normalise_slow (input, length);
  return NULL;
}

static gboolean
is_gs1_aim (const char *aim)
{
  /* ]C1 GS1-128, ]e0 DataBar, ]d2 GS1 DataMatrix, ]Q3 GS1 QR, ]J1 GS1 DotCode */
  switch (aim[1])
    {
    case 'C': return aim[2] == '1';
    case 'e': return aim[2] == '0';
    case 'd': return aim[2] == '2';
    case 'Q': return aim[2] == '3';
    case 'J': return aim[2] == '1';
    default: return FALSE;
    }
}

static void
parse_gs1 (SuyuanCode *code,
           const char *data)
{
  code->kind = SUYUAN_CODE_GS1;
  if (data[0] == SUYUAN_GS)
    data++;  /* a leading FNC1 that reached us as GS */
  suyuan_gs1_parse_element_string (code, data, strlen (data));
}

static gboolean
all_digits (const char *s)
{
  return s[0] != '\0' && s[strspn (s, "0123456789")] == '\0';
}

/* Wedge scanners send GS1 symbols without AIM prefix or leading FNC1: a
 * GTIN or SSCC at the start marks an element string. */
static gboolean
looks_like_element_string (const char *data)
{
  gsize digits = strspn (data, "0123456789");

  return (digits >= 16 && (g_str_has_prefix (data, "01") || g_str_has_prefix (data, "02")))
      || (digits >= 20 && g_str_has_prefix (data, "00"));
}

static void
parse_digits (SuyuanCode *code,
              const char *data)
{
  gsize len = strlen (data);
  gboolean itf = code->aim != NULL && strcmp (code->aim, "]I1") == 0;

  if (suyuan_drug_code_parse (code, data, len) || suyuan_ean_parse (code, data, len, code->aim))
    return;
  if (!itf && suyuan_drug_standard_parse (code, data, len))
    return;
  /* Scanners in keyboard mode often send GS1-128 without AIM prefix. */
  if (len > 14)
    {
      parse_gs1 (code, data);
      return;
    }
  if (len == 14)
    {
      /* ITF-14 or a typed GTIN-14: the same as element string (01). */
      code->kind = SUYUAN_CODE_GS1;
      if (!suyuan_gs1_check_digit_ok (data, len))
        suyuan_code_set_error (code, _("AI (01) has a wrong check digit"));
      else
        {
          suyuan_code_add_ai (code, "01", data, 14);
          suyuan_gs1_derive_fields (code);
        }
      return;
    }
  code->kind = SUYUAN_CODE_TEXT;
}

/* "(01)0690…(10)A1": the human-readable form people type from a label.
 * Returns the length of "(AI)" at @s, or 0. */
static gsize
ai_in_brackets (const char *s)
{
  gsize digits = strspn (s + 1, "0123456789");

  return s[0] == '(' && digits >= 2 && digits <= 4 && s[1 + digits] == ')' ? digits + 2 : 0;
}

static void
parse_bracketed (SuyuanCode *code,
                 const char *data)
{
  g_autoptr(GString) es = g_string_new (NULL);

  while (*data != '\0')
    {
      gsize n = ai_in_brackets (data);

      if (n > 0)
        {
          if (es->len > 0)
            g_string_append_c (es, SUYUAN_GS);
          g_string_append_len (es, data + 1, (gssize) n - 2);
          data += n;
        }
      else
        g_string_append_c (es, *data++);
    }
  code->kind = SUYUAN_CODE_GS1;
  suyuan_gs1_parse_element_string (code, es->str, es->len);
}

static gboolean
is_web_uri (const char *data)
{
  return g_ascii_strncasecmp (data, "http://", 7) == 0 || g_ascii_strncasecmp (data, "https://", 8) == 0;
}

/* Other trace URLs (合格证, 冷链, provincial platforms) are kept raw and never
 * opened; the host is shown so that people can judge where it points. */
static void
parse_trace_url (SuyuanCode *code,
                 const char *data)
{
  SuyuanUriParts uri;

  code->kind = SUYUAN_CODE_TRACE_URL;
  if (!suyuan_uri_split (data, &uri))
    return;
  code->host = g_strndup (uri.host, uri.host_len);
  /* Drug platforms put the 20-digit trace code in a query parameter: keep
   * the URL as it is, but let the drug be found by its identifier. */
  for (const char *p = uri.query; p != NULL && p < uri.query + uri.query_len;)
    {
      const char *eq = memchr (p, '=', (gsize) (uri.query + uri.query_len - p));
      const char *v = eq ? eq + 1 : NULL;
      gsize n = v ? strspn (v, "0123456789") : 0;

      if (v != NULL && n == SUYUAN_DRUG_TRACE_LENGTH && (v[n] == '&' || v[n] == '\0' || v[n] == '#'))
        {
          suyuan_drug_code_parse (code, v, n);
          code->kind = SUYUAN_CODE_TRACE_URL;
          return;
        }
      p = memchr (p, '&', (gsize) (uri.query + uri.query_len - p));
      if (p != NULL)
        p++;
    }
}

static void
finish (SuyuanCode *code)
{
  gboolean gs1 = code->kind == SUYUAN_CODE_GS1 || code->kind == SUYUAN_CODE_DIGITAL_LINK;

  if (gs1 && code->valid && code->ai->len > 0)
    suyuan_gs1_set_element_string (code);
}

SuyuanCode *
suyuan_code_parse (const char *input,
                   gssize      length)
{
  char *text;
  const char *data;
  SuyuanCode *code;

  g_return_val_if_fail (input != NULL, NULL);

  if (length < 0)
    length = (gssize) strnlen (input, SUYUAN_CODE_MAX_INPUT + 1);
  if ((gsize) length > SUYUAN_CODE_MAX_INPUT)
    {
      code = suyuan_code_new (SUYUAN_CODE_TEXT, "");
      suyuan_code_set_error (code, _("Input is longer than %d characters"), SUYUAN_CODE_MAX_INPUT);
      return code;
    }
  text = normalise (input, (gsize) length);
  if (text != NULL)
    length = (gssize) strlen (text);
  /* The raw text, values and derived fields never need more than four
   * times the input: all of them live in the code's own block. */
  code = suyuan_code_new_owned (SUYUAN_CODE_TEXT, NULL, 4 * (gsize) length + 64);
  code->raw = suyuan_code_store (code, text != NULL ? text : input, (gsize) length);
  g_free (text);
  data = code->raw;

  /* An AIM identifier is ']', a letter and a modifier character: ASCII only. */
  if (data[0] == ']' && g_ascii_isalpha (data[1]) && g_ascii_isalnum (data[2]))
    {
      code->aim = suyuan_code_store (code, data, 3);
      code->raw += 3;
      data = code->raw;
      if (is_gs1_aim (code->aim))
        {
          parse_gs1 (code, data);
          finish (code);
          return code;
        }
    }
  if (data[0] == '\0')
    {
      suyuan_code_set_error (code, _("Empty code"));
      return code;
    }
  if (data[0] == SUYUAN_GS)
    parse_gs1 (code, data);
  else if (data[0] == '(' && ai_in_brackets (data) > 0)
    parse_bracketed (code, data);
  else if (suyuan_digital_link_parse (code, data))
    ;
  else if (is_web_uri (data))
    parse_trace_url (code, data);
  else if (all_digits (data))
    parse_digits (code, data);
  else if (looks_like_element_string (data))
    parse_gs1 (code, data);
  finish (code);
  return code;
}
