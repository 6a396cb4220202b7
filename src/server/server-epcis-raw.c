/* server-epcis-raw.c — each event of a capture document as the bytes the
 * sender wrote (number forms, spacing, escapes), found by a scan of the
 * text the JSON reader has already accepted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-validate.h"

#include <string.h>

typedef struct {
  const char *p, *end;
} Scan;

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

/* Past one string; *s->p is its opening quote. */
static gboolean
skip_string (Scan *s)
{
  for (s->p++; s->p < s->end; s->p++)
    if (*s->p == '\\')
      s->p++;
    else if (*s->p == '"')
      return s->p++, TRUE;
  return FALSE;
}

/* Past one value of any kind. */
static gboolean
skip_value (Scan *s)
{
  guint depth = 0;

  skip_space (s);
  if (s->p >= s->end)
    return FALSE;
  if (*s->p == '"')
    return skip_string (s);
  if (*s->p != '{' && *s->p != '[')
    {
      while (s->p < s->end && strchr (",]} \t\r\n", *s->p) == NULL)
        s->p++;
      return TRUE;
    }
  while (s->p < s->end)
    {
      if (*s->p == '"')
        {
          if (!skip_string (s))
            return FALSE;
          continue;
        }
      if (*s->p == '{' || *s->p == '[')
        depth++;
      else if ((*s->p == '}' || *s->p == ']') && --depth == 0)
        return s->p++, TRUE;
      s->p++;
    }
  return FALSE;
}

/* The value of the last member named @name of the object at s->p, as the
 * JSON reader takes the last (an escaped name never matches: the caller
 * falls back to the reader's own text). */
static gboolean
find_member (Scan       *s,
             const char *name,
             Scan       *value)
{
  gboolean found = FALSE;

  skip_space (s);
  if (s->p >= s->end || *s->p != '{')
    return FALSE;
  s->p++;
  for (;;)
    {
      const char *key;
      gsize key_len;

      skip_space (s);
      if (s->p < s->end && *s->p == '}')
        return found;
      if (s->p >= s->end || *s->p != '"')
        return FALSE;
      key = s->p + 1;
      if (!skip_string (s))
        return FALSE;
      key_len = (gsize) (s->p - 1 - key);
      skip_space (s);
      if (s->p >= s->end || *s->p != ':')
        return FALSE;
      s->p++;
      skip_space (s);
      if (key_len == strlen (name) && strncmp (key, name, key_len) == 0)
        {
          value->p = s->p;
          if (!skip_value (s))
            return FALSE;
          value->end = s->p;
          found = TRUE;
        }
      else if (!skip_value (s))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        s->p++;
    }
}

GPtrArray *
server_epcis_raw_events (const char *text,
                         gsize       len)
{
  Scan s = { text, text + len }, body = { NULL, NULL }, list = { NULL, NULL };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);

  if (!find_member (&s, "epcisBody", &body))
    return NULL;
  if (!find_member (&body, "eventList", &list))
    return NULL;
  s.p = list.p;
  skip_space (&s);
  if (s.p >= s.end || *s.p != '[')
    return NULL;
  s.p++;
  for (;;)
    {
      const char *start;

      skip_space (&s);
      if (s.p < s.end && *s.p == ']')
        return g_steal_pointer (&events);
      start = s.p;
      if (!skip_value (&s))
        return NULL;
      g_ptr_array_add (events, g_strndup (start, (gsize) (s.p - start)));
      skip_space (&s);
      if (s.p < s.end && *s.p == ',')
        s.p++;
      else if (s.p >= s.end || *s.p != ']')
        return NULL;
    }
}
