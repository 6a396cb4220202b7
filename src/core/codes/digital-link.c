/* digital-link.c — reading GS1 Digital Link URIs (any host, any path prefix)
 * and Suyuan's producer URIs, which use the same syntax with "/p/<key>",
 * by the rules of GS1 Digital Link URI Syntax 1.2 (digital-link-rules.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "digital-link.h"
#include "digital-link-private.h"
#include "code-uri.h"
#include "gs1.h"
#include "code-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define PRODUCT_KEY_MAX 64

/* Position of @ai in the comma-separated list [s, e), or -1. */
static int
index_in (const char *s,
          const char *e,
          const char *ai)
{
  gsize n = strlen (ai);

  for (int i = 0; s < e; i++)
    {
      const char *comma = memchr (s, ',', (gsize) (e - s));
      const char *stop = comma ? comma : e;

      if ((gsize) (stop - s) == n && memcmp (s, ai, n) == 0)
        return i;
      s = comma ? comma + 1 : e;
    }
  return -1;
}

/* Is @ai allowed right after @prev in the path of primary key @key? The
 * dlpkey attribute lists ordered, optional qualifiers, with alternatives. */
static gboolean
qualifier_allowed (const SuyuanAiSpec *key,
                   const char         *prev,
                   const char         *ai)
{
  const char *p = key->dlpkey;

  while (*p != '\0')
    {
      const char *bar = strchr (p, '|');
      const char *e = bar ? bar : p + strlen (p);
      int prev_at = strcmp (prev, key->ai) == 0 ? -1 : index_in (p, e, prev);
      int ai_at = index_in (p, e, ai);

      if (ai_at >= 0 && (prev_at >= 0 || strcmp (prev, key->ai) == 0) && ai_at > prev_at)
        return TRUE;
      p = bar ? bar + 1 : e;
    }
  return FALSE;
}

/* The path from @start on is KEY/VALUE[/QUALIFIER/VALUE…] in a good order. */
static gboolean
path_shape_ok (char  **segs,
               guint   n,
               guint   start)
{
  const SuyuanAiSpec *key;
  const char *prev;

  if ((n - start) % 2 != 0 || n - start < 2)
    return FALSE;
  if (strcmp (segs[start], "p") == 0)
    {
      static const SuyuanAiSpec producer = { .ai = "p", .dlpkey = "22,10,21" };
      key = &producer;
    }
  else if ((key = suyuan_gs1_find_ai (segs[start])) == NULL || key->dlpkey == NULL)
    return FALSE;
  prev = key->ai;
  for (guint i = start + 2; i < n; i += 2)
    {
      if (!qualifier_allowed (key, prev, segs[i]))
        return FALSE;
      prev = segs[i];
    }
  return TRUE;
}

/* Valid UTF-8 with no control characters: a key is shown and stored as text. */
static gboolean
printable_text (const char *s)
{
  if (!g_utf8_validate (s, -1, NULL))
    return FALSE;
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (g_unichar_iscntrl (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static gboolean
add_checked (SuyuanCode *code,
             const char *ai,
             const char *value)
{
  const SuyuanAiSpec *spec = suyuan_gs1_find_ai (ai);
  char gtin[15];

  if (spec == NULL)
    {
      suyuan_code_set_error (code, _("Unknown application identifier (%s) in Digital Link"), ai);
      return FALSE;
    }
  /* Digital Link accepts GTIN-8, -12 and -13 in (01): they are GTIN-14s. */
  if (strcmp (ai, "01") == 0 && strspn (value, "0123456789") == strlen (value)
      && (strlen (value) == 8 || strlen (value) == 12 || strlen (value) == 13))
    {
      gsize len = strlen (value);

      memset (gtin, '0', 14 - len);
      memcpy (gtin + 14 - len, value, len + 1);
      value = gtin;
    }
  if (!suyuan_gs1_check_value (code, spec, value, strlen (value)))
    return FALSE;
  /* A URI names each AI once (GS1 Digital Link); element strings may repeat one. */
  for (guint i = 0; i < code->ai->len; i++)
    if (strcmp (g_array_index (code->ai, SuyuanAiValue, i).ai, ai) == 0)
      {
        suyuan_code_set_error (code, _("AI (%s) appears more than once in the Digital Link"), ai);
        return FALSE;
      }
  suyuan_code_add_ai (code, ai, value, -1);
  return TRUE;
}

static const char producer_dlpkey[] = "22,10,21";

/* @dlpkey, @quals, @n_quals: the path's key and qualifiers, to tell a key
 * qualifier given in the query (invalid) from a data attribute. */
static gboolean
parse_query (SuyuanCode        *code,
             const char        *query,
             const char        *dlpkey,
             const char *const *quals,
             guint              n_quals)
{
  g_auto(GStrv) params = NULL;

  if (query == NULL)
    return TRUE;
  params = g_strsplit (query, "&", -1);
  for (guint i = 0; params[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (params[i], "=", 2);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      const SuyuanAiSpec *spec;

      if (kv[0] == NULL || kv[1] == NULL)
        continue;
      key = g_uri_unescape_string (kv[0], NULL);
      /* Only numeric keys are AIs; others (linkType, context …) are not data. */
      if (key == NULL || key[0] == '\0' || key[strspn (key, "0123456789")] != '\0')
        continue;
      value = suyuan_dl_unescape_query (kv[1]);
      if (value == NULL || value[0] == '\0')
        {
          suyuan_code_set_error (code, _("Digital Link value for AI (%s) is badly encoded"), key);
          return FALSE;
        }
      spec = suyuan_gs1_find_ai (key);
      if (spec != NULL && !spec->dl_attribute)
        {
          suyuan_code_set_error (code, _("AI (%s) is not allowed in the query of a Digital Link"), key);
          return FALSE;
        }
      if (dlpkey != NULL && suyuan_dl_belongs_in_path (dlpkey, quals, n_quals, key))
        {
          suyuan_code_set_error (code, _("AI (%s) qualifies the key: it belongs in the Digital Link path, not the query"), key);
          return FALSE;
        }
      if (!add_checked (code, key, value))
        return FALSE;
    }
  return TRUE;
}

/* @ais: the segments with convenience alphas made numeric; @segs as given. */
static gboolean
parse_path (SuyuanCode  *code,
            char       **ais,
            char       **segs,
            guint        n,
            guint        start)
{
  for (guint i = start; i < n; i += 2)
    {
      g_autofree char *value = g_uri_unescape_string (segs[i + 1], NULL);

      if (value == NULL || value[0] == '\0')
        {
          suyuan_code_set_error (code, _("Digital Link value for AI (%s) is badly encoded"), ais[i]);
          return FALSE;
        }
      if (i == start && code->kind == SUYUAN_CODE_SUYUAN)
        {
          if (strlen (value) > PRODUCT_KEY_MAX || !printable_text (value))
            {
              suyuan_code_set_error (code, _("Product key is longer than %d characters or not text"), PRODUCT_KEY_MAX);
              return FALSE;
            }
          code->product_key = g_steal_pointer (&value);
          continue;
        }
      if (!add_checked (code, ais[i], value))
        return FALSE;
    }
  return TRUE;
}

/* A GS1 key whose qualifiers follow in a wrong order is a Digital Link
 * GS1 rejects, not some other web page. */
static gboolean
bad_order (SuyuanCode      *code,
           const char      *host,
           char       **segs,
           guint        n)
{
  for (guint i = 0; i + 1 < n; i++)
    {
      const SuyuanAiSpec *key = suyuan_gs1_find_ai (segs[i]);

      gboolean numeric = segs[i + 2] != NULL && segs[i + 2][0] != '\0'
                         && segs[i + 2][strspn (segs[i + 2], "0123456789")] == '\0';

      if (key != NULL && key->dlpkey != NULL && (n - i) % 2 == 0 && n - i > 2
          && (numeric || suyuan_gs1_find_ai (segs[i + 2]) != NULL))
        {
          const char *prev = segs[i];
          guint j = i + 2;

          while (j + 2 < n && qualifier_allowed (key, prev, segs[j]))
            prev = segs[j], j += 2;
          code->kind = SUYUAN_CODE_DIGITAL_LINK;
          code->host = g_strdup (host);
          if (suyuan_gs1_find_ai (segs[j]) == NULL)
            suyuan_code_set_error (code, _("Unknown application identifier (%s) in Digital Link"), segs[j]);
          else
            suyuan_code_set_error (code, _("Digital Link path has AI (%s) where GS1 does not allow it after AI (%s)"),
                                   segs[j], prev);
          return TRUE;
        }
    }
  return FALSE;
}

/* The URI as a whole, once its path shows it is a Digital Link. */
static gboolean
uri_ok (SuyuanCode           *code,
        const char           *input,
        const SuyuanUriParts *uri,
        gboolean              trailing_slash)
{
  if (!suyuan_dl_scheme_ok (input))
    suyuan_code_set_error (code, _("A Digital Link starts with http:// or https:// in lower case"));
  else if (!suyuan_dl_chars_ok (input))
    suyuan_code_set_error (code, _("Digital Link holds characters a URI must percent-encode"));
  else if (!suyuan_dl_host_ok (uri->host, uri->host_len))
    suyuan_code_set_error (code, _("Digital Link host has an IPv6 zone identifier, which only means something on the machine that made it"));
  else if (trailing_slash)
    suyuan_code_set_error (code, _("Digital Link path ends in a slash after its last value"));
  else
    return TRUE;
  return FALSE;
}

gboolean
suyuan_digital_link_parse (SuyuanCode *code,
                           const char *input)
{
  SuyuanUriParts uri;
  g_autofree char *path = NULL;
  g_autofree char *host = NULL;
  g_autofree char *query = NULL;
  g_auto(GStrv) segs = NULL;
  g_auto(GStrv) ais = NULL;
  g_autofree const char **quals = NULL;
  guint n, first = G_MAXUINT, n_quals = 0;
  gboolean trailing_slash = FALSE;
  const char *dlpkey;

  if (!suyuan_uri_split (input, &uri))
    return FALSE;
  path = g_strndup (uri.path[0] == '/' ? uri.path + 1 : uri.path,
                    uri.path[0] == '/' ? uri.path_len - 1 : uri.path_len);
  segs = g_strsplit (path, "/", -1);
  n = g_strv_length (segs);
  if (n > 0 && segs[n - 1][0] == '\0')
    n--, trailing_slash = TRUE;
  /* Convenience alphas (/gtin/…/ser/…) stand for numeric AIs. */
  ais = g_strdupv (segs);
  for (guint i = 0; i < n; i++)
    {
      const char *ai = suyuan_dl_alpha_to_ai (segs[i]);

      if (ai != NULL)
        g_free (ais[i]), ais[i] = g_strdup (ai);
    }
  /* The path prefix is anything; the first place where a well-formed
   * key/qualifier sequence runs to the end of the path starts the data. */
  for (guint i = 0; i < n && first == G_MAXUINT; i++)
    if (path_shape_ok (ais, n, i))
      first = i;
  host = g_strndup (uri.host, uri.host_len);
  if (first == G_MAXUINT)
    return bad_order (code, host, ais, n);

  code->kind = strcmp (ais[first], "p") == 0 ? SUYUAN_CODE_SUYUAN : SUYUAN_CODE_DIGITAL_LINK;
  code->host = g_steal_pointer (&host);
  if (!uri_ok (code, input, &uri, trailing_slash))
    return TRUE;
  if (uri.query != NULL)
    query = g_strndup (uri.query, uri.query_len);
  dlpkey = code->kind == SUYUAN_CODE_SUYUAN ? producer_dlpkey : suyuan_gs1_find_ai (ais[first])->dlpkey;
  quals = g_new0 (const char *, n / 2 + 1);
  for (guint i = first + 2; i < n; i += 2)
    quals[n_quals++] = ais[i];
  if (!parse_path (code, ais, segs, n, first)
      || !parse_query (code, query, dlpkey, quals, n_quals))
    return TRUE;
  suyuan_gs1_derive_fields (code);
  return TRUE;
}
