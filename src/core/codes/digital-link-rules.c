/* digital-link-rules.c — the rules of GS1 Digital Link URI Syntax 1.2 that
 * are about the URI as a whole: scheme, characters, host, convenience
 * alphas, and which AIs belong in the path rather than the query.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "digital-link-private.h"

#include <string.h>

gboolean
suyuan_dl_scheme_ok (const char *input)
{
  return g_str_has_prefix (input, "http://") || g_str_has_prefix (input, "https://");
}

gboolean
suyuan_dl_chars_ok (const char *input)
{
  static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=%";

  for (const char *p = input; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (allowed, *p) == NULL)
      return FALSE;
  return TRUE;
}

/* "[fe80::1%25eth0]": a zone identifier names a network interface of the
 * machine that made the URI, meaningless anywhere else (RFC 6874). */
gboolean
suyuan_dl_host_ok (const char *host,
                   gsize       length)
{
  return memchr (host, '%', length) == NULL;
}

/* The short names GS1 Digital Link 1.2 allows in the path for readability;
 * they stand for the numeric AIs. */
static const struct {
  const char *alpha, *ai;
} alphas[] = {
  { "gtin", "01" }, { "itip", "8006" }, { "cpid", "8010" }, { "gmn", "8013" }, { "gln", "414" },
  { "party", "417" }, { "gsrnp", "8017" }, { "gsrn", "8018" }, { "gcn", "255" }, { "sscc", "00" },
  { "gdti", "253" }, { "ginc", "401" }, { "gsin", "402" }, { "grai", "8003" }, { "giai", "8004" },
  { "cpv", "22" }, { "lot", "10" }, { "ser", "21" }, { "cpsn", "8011" }, { "glnx", "254" },
  { "refno", "8020" }, { "srin", "8019" },
};

const char *
suyuan_dl_alpha_to_ai (const char *segment)
{
  for (gsize i = 0; i < G_N_ELEMENTS (alphas); i++)
    if (strcmp (segment, alphas[i].alpha) == 0)
      return alphas[i].ai;
  return NULL;
}

char *
suyuan_dl_unescape_query (const char *value)
{
  g_autofree char *spaced = g_strdup (value);

  g_strdelimit (spaced, "+", ' ');
  return g_uri_unescape_string (spaced, NULL);
}

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

gboolean
suyuan_dl_sequence_ok (const char        *dlpkey,
                       const char *const *quals,
                       guint              n)
{
  const char *p = dlpkey;

  if (n == 0)
    return TRUE;
  while (p != NULL && *p != '\0')
    {
      const char *bar = strchr (p, '|');
      const char *e = bar ? bar : p + strlen (p);
      int last = -1;
      guint i;

      for (i = 0; i < n; i++)
        {
          int at = index_in (p, e, quals[i]);

          if (at <= last)
            break;
          last = at;
        }
      if (i == n)
        return TRUE;
      p = bar ? bar + 1 : NULL;
    }
  return FALSE;
}

gboolean
suyuan_dl_belongs_in_path (const char        *dlpkey,
                           const char *const *quals,
                           guint              n,
                           const char        *ai)
{
  g_autofree const char **seq = g_new0 (const char *, n + 1);

  for (guint j = 0; j <= n; j++)
    {
      for (guint k = 0; k < j; k++)
        seq[k] = quals[k];
      seq[j] = ai;
      for (guint k = j; k < n; k++)
        seq[k + 1] = quals[k];
      if (suyuan_dl_sequence_ok (dlpkey, seq, n + 1))
        return TRUE;
    }
  return FALSE;
}
