/* server-epcis-keys.c — EPC URNs and GS1 Digital Links as one canonical
 * Digital Link: the URN is written as an element string (TDS 2.0 §7), both
 * are read by the codes area, which checks the check digits, and built again
 * on id.gs1.org.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-keys.h"
#include "code.h"
#include "digital-link.h"
#include "gs1.h"

#include <string.h>

#define MAX_KEY_URI 1024

/* How a URN scheme's parts make the key: the AI; whether the first digit of
 * the second part (an indicator or extension digit) goes before the company
 * prefix; the key's length with its check digit (0: none); the AI of the
 * third part (NULL: it follows the key, as GRAI and GDTI serials do). */
typedef struct {
  const char *scheme;
  const char *ai;
  gboolean indicator;
  guint length;
  const char *third_ai;     /* NULL: the third part joins the key (grai, gdti) */
  guint n_parts;
} UrnScheme;

static const UrnScheme schemes[] = {
  { "urn:epc:id:sgtin:", "01", TRUE, 14, "21", 3 },
  { "urn:epc:class:lgtin:", "01", TRUE, 14, "10", 3 },
  { "urn:epc:id:sscc:", "00", TRUE, 18, NULL, 2 },
  { "urn:epc:id:sgln:", "414", FALSE, 13, "254", 3 },
  { "urn:epc:id:pgln:", "417", FALSE, 13, NULL, 2 },
  { "urn:epc:id:grai:", "8003", FALSE, 13, NULL, 3 },
  { "urn:epc:id:giai:", "8004", FALSE, 0, NULL, 2 },
  { "urn:epc:id:gsrn:", "8018", FALSE, 18, NULL, 2 },
  { "urn:epc:id:gdti:", "253", FALSE, 13, NULL, 3 },
};

static gboolean
all_digits (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* The URN's key as an element string "(AI)value…", or NULL. */
static char *
urn_element_string (const char *uri)
{
  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      const UrnScheme *s = &schemes[i];
      g_auto(GStrv) parts = NULL;
      g_autofree char *third = NULL;
      g_autoptr(GString) key = NULL;

      if (!g_str_has_prefix (uri, s->scheme))
        continue;
      parts = g_strsplit (uri + strlen (s->scheme), ".", s->n_parts);
      if (g_strv_length (parts) != s->n_parts || !all_digits (parts[0]))
        return NULL;
      key = g_string_new (NULL);
      if (s->indicator)
        {
          if (!all_digits (parts[1]) || parts[1][0] == '\0')
            return NULL;
          g_string_append_c (key, parts[1][0]);
          g_string_append (key, parts[0]);
          g_string_append (key, parts[1] + 1);
        }
      else
        {
          g_string_append (key, parts[0]);
          g_string_append (key, parts[1]);
        }
      if (s->length > 0)
        {
          if (key->len != s->length - 1 || !all_digits (key->str))
            return NULL;
          g_string_append_c (key, suyuan_gs1_check_digit (key->str, (gsize) key->len));
        }
      /* GRAI under AI 8003 has a leading zero; its serial and a GDTI's follow the key. */
      if (strcmp (s->ai, "8003") == 0)
        g_string_prepend_c (key, '0');
      if (s->n_parts == 3 && (third = g_uri_unescape_string (parts[2], NULL)) == NULL)
        return NULL;
      if (third != NULL && (strchr (third, '(') != NULL || strchr (third, ')') != NULL))
        return NULL;
      if (strcmp (s->ai, "8004") == 0)
        {
          g_autofree char *asset = g_uri_unescape_string (key->str, NULL);

          return asset && !strchr (asset, '(') ? g_strdup_printf ("(8004)%s", asset) : NULL;
        }
      if (s->third_ai == NULL)
        return g_strdup_printf ("(%s)%s%s", s->ai, key->str, third ? third : "");
      /* An SGLN extension of 0 means none. */
      if (strcmp (s->ai, "414") == 0 && strcmp (third, "0") == 0)
        return g_strdup_printf ("(414)%s", key->str);
      return g_strdup_printf ("(%s)%s(%s)%s", s->ai, key->str, s->third_ai, third);
    }
  return NULL;
}

char *
server_epcis_canonical_key (const char *uri)
{
  g_autoptr(SuyuanCode) code = NULL;
  g_autofree char *elements = NULL;

  if (uri == NULL || strlen (uri) > MAX_KEY_URI)
    return NULL;
  if (g_str_has_prefix (uri, "urn:epc:"))
    {
      if ((elements = urn_element_string (uri)) == NULL)
        return NULL;
      code = suyuan_code_parse (elements, -1);
    }
  else if (g_ascii_strncasecmp (uri, "http", 4) == 0)
    {
      code = suyuan_code_parse (uri, -1);
      if (code->kind != SUYUAN_CODE_DIGITAL_LINK)
        return NULL;
    }
  else
    return NULL;
  if (!code->valid)
    return NULL;
  return suyuan_digital_link_build ("https://id.gs1.org", code);
}
