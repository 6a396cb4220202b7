/* json-reader.c — see json-reader.h. A tree of JsonNodes cost three times as
 * much as applying the rows of an initial sync, hence this reader. Everything
 * is checked: syntax, UTF-8, escapes and surrogates, NUL, nesting depth.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "json-reader.h"

#include <errno.h>
#include <string.h>

#define MAX_DEPTH 32
#define MAX_NUMBER_LENGTH 64

typedef SuyuanJsonReader Reader;

static gboolean
fail (Reader     *r,
      const char *what)
{
  if (r->error == NULL)
    r->error = what;
  return FALSE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static gboolean
expect (Reader *r,
        char    c)
{
  skip_space (r);
  if (r->p >= r->end || *r->p != c)
    return fail (r, "syntax");
  r->p++;
  return TRUE;
}

/* Peeks at the next significant character; 0 at the end. */
static char
peek (Reader *r)
{
  skip_space (r);
  return r->p < r->end ? *r->p : 0;
}

/* Takes @c if it comes next. */
static gboolean
accept (Reader *r,
        char    c)
{
  if (peek (r) != c)
    return FALSE;
  r->p++;
  return TRUE;
}

static int
hex4 (const char *s)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (s[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A \uXXXX escape (a surrogate pair takes two); r->p is after the 'u'. */
static gboolean
read_unicode (Reader    *r,
              gunichar  *c)
{
  int hi, lo;

  if (r->end - r->p < 4 || (hi = hex4 (r->p)) < 0)
    return fail (r, "escape");
  r->p += 4;
  if (hi >= 0xDC00 && hi <= 0xDFFF)
    return fail (r, "escape");
  if (hi < 0xD800 || hi > 0xDBFF)
    {
      *c = (gunichar) hi;
      return hi != 0 || fail (r, "NUL character");
    }
  if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u'
      || (lo = hex4 (r->p + 2)) < 0xDC00 || lo > 0xDFFF)
    return fail (r, "escape");
  r->p += 6;
  *c = 0x10000 + (((gunichar) hi - 0xD800) << 10) + ((gunichar) lo - 0xDC00);
  return TRUE;
}

/* Bytes that stand for themselves inside a string: not a quote, a backslash
 * or a control character. */
static const gboolean plain[256] = {
  [0x20] = 1, [0x21] = 1, [0x23 ... 0x5B] = 1, [0x5D ... 0xFF] = 1,
};

/* A string after its opening quote. With @decode, its text is written over
 * itself (never longer than the escaped form) and NUL-terminated at the
 * latest where the closing quote was; without, it is only checked. */
static gboolean
read_string (Reader      *r,
             gboolean     decode,
             const char **text,
             gsize       *len)
{
  char *start = r->p, *w = r->p;
  guchar high = 0;

  for (;;)
    {
      char *run = r->p;
      guchar c = 0;
      gunichar u;

      /* Plain characters, nearly all of a page, in a tight loop. */
      while (r->p < r->end && plain[c = (guchar) *r->p])
        {
          high |= c;
          r->p++;
        }
      if (decode && w != run)
        memmove (w, run, (gsize) (r->p - run));
      w += r->p - run;
      if (r->p >= r->end)
        return fail (r, "unterminated string");
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (r, "control character in a string");
      if (++r->p >= r->end)
        return fail (r, "escape");
      switch (*r->p++)
        {
        case '"': u = '"'; break;
        case '\\': u = '\\'; break;
        case '/': u = '/'; break;
        case 'b': u = '\b'; break;
        case 'f': u = '\f'; break;
        case 'n': u = '\n'; break;
        case 'r': u = '\r'; break;
        case 't': u = '\t'; break;
        case 'u':
          if (!read_unicode (r, &u))
            return FALSE;
          break;
        default:
          return fail (r, "escape");
        }
      if (decode)
        w += g_unichar_to_utf8 (u, w);
    }
  /* Escapes give valid UTF-8; the raw bytes between them must be too. */
  if ((high & 0x80) && !g_utf8_validate_len (start, (gsize) ((decode ? w : r->p) - start), NULL))
    return fail (r, "not UTF-8");
  if (decode)
    {
      *w = '\0';
      *text = start;
      *len = (gsize) (w - start);
    }
  r->p++;
  return TRUE;
}

/* A number; into @field as an integer when it is one and fits, else a double. */
static gboolean
read_number (Reader      *r,
             SuyuanField *field)
{
  const char *start = r->p;
  gboolean integer = TRUE;
  char copy[MAX_NUMBER_LENGTH + 1];
  gsize n;

#define DIGITS() G_STMT_START { if (r->p >= r->end || !g_ascii_isdigit (*r->p)) return fail (r, "number"); \
                                while (r->p < r->end && g_ascii_isdigit (*r->p)) r->p++; } G_STMT_END
  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p < r->end && *r->p == '0')
    r->p++;
  else
    DIGITS ();
  if (r->p < r->end && *r->p == '.')
    {
      r->p++;
      integer = FALSE;
      DIGITS ();
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      r->p++;
      integer = FALSE;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      DIGITS ();
    }
#undef DIGITS
  n = (gsize) (r->p - start);
  if (n > MAX_NUMBER_LENGTH)
    return fail (r, "number too long");
  if (field == NULL)
    return TRUE;   /* only passed over */
  memcpy (copy, start, n);
  copy[n] = '\0';
  errno = 0;
  if (integer)
    {
      field->integer = g_ascii_strtoll (copy, NULL, 10);
      field->kind = SUYUAN_FIELD_INT;
      if (errno == 0)
        return TRUE;
    }
  field->number = g_ascii_strtod (copy, NULL);
  field->kind = SUYUAN_FIELD_DOUBLE;
  return TRUE;
}

static gboolean
read_literal (Reader     *r,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return fail (r, "syntax");
  r->p += n;
  return TRUE;
}

/* Any value, checked and passed over (nested data kept as text). */
static gboolean
skip_value (Reader *r,
            guint   depth)
{
  char open = peek (r);

  if (depth > MAX_DEPTH)
    return fail (r, "nested too deep");
  if (open == '"')
    {
      r->p++;
      return read_string (r, FALSE, NULL, NULL);
    }
  if (open == '{' || open == '[')
    {
      char close = open == '{' ? '}' : ']';

      r->p++;
      if (accept (r, close))
        return TRUE;
      do
        {
          if (open == '{' && (!expect (r, '"') || !read_string (r, FALSE, NULL, NULL) || !expect (r, ':')))
            return FALSE;
          if (!skip_value (r, depth + 1))
            return FALSE;
        }
      while (accept (r, ','));
      return expect (r, close);
    }
  if (open == 't')
    return read_literal (r, "true");
  if (open == 'f')
    return read_literal (r, "false");
  if (open == 'n')
    return read_literal (r, "null");
  return read_number (r, NULL);
}

/* Any value as a field; objects and arrays as their JSON text. */
static gboolean
read_field (Reader      *r,
            SuyuanField *field)
{
  char c = peek (r);
  char *start = r->p;

  switch (c)
    {
    case '"':
      r->p++;
      field->kind = SUYUAN_FIELD_STRING;
      return read_string (r, TRUE, &field->text, &field->len);
    case '{':
    case '[':
      if (!skip_value (r, 2))
        return FALSE;
      field->kind = SUYUAN_FIELD_JSON;
      field->text = start;
      field->len = (gsize) (r->p - start);
      return TRUE;
    case 't':
    case 'f':
      field->kind = SUYUAN_FIELD_BOOLEAN;
      field->integer = c == 't';
      return read_literal (r, c == 't' ? "true" : "false");
    case 'n':
      field->kind = SUYUAN_FIELD_NULL;
      return read_literal (r, "null");
    default:
      return read_number (r, field);
    }
}

/* Calls @member for each member of an object, with r->p at its value. */
static gboolean
read_object (Reader               *r,
             SuyuanJsonMemberFunc  member,
             gpointer              data)
{
  if (!expect (r, '{'))
    return FALSE;
  if (accept (r, '}'))
    return TRUE;
  do
    {
      const char *name;
      gsize len;

      if (!expect (r, '"') || !read_string (r, TRUE, &name, &len) || !expect (r, ':'))
        return FALSE;
      if (!member (r, name, data))
        return FALSE;
    }
  while (accept (r, ','));
  return expect (r, '}');
}

gboolean
suyuan_json_reader_fail (SuyuanJsonReader *r,
                         const char       *what)
{
  return fail (r, what);
}

char
suyuan_json_reader_peek (SuyuanJsonReader *r)
{
  return peek (r);
}

gboolean
suyuan_json_reader_accept (SuyuanJsonReader *r,
                           char              c)
{
  return accept (r, c);
}

gboolean
suyuan_json_reader_expect (SuyuanJsonReader *r,
                           char              c)
{
  return expect (r, c);
}

gboolean
suyuan_json_reader_string (SuyuanJsonReader  *r,
                           const char       **text,
                           gsize             *len)
{
  return expect (r, '"') && read_string (r, TRUE, text, len);
}

gboolean
suyuan_json_reader_value (SuyuanJsonReader *r,
                          SuyuanField      *field)
{
  return read_field (r, field);
}

gboolean
suyuan_json_reader_skip (SuyuanJsonReader *r)
{
  return skip_value (r, 1);
}

gboolean
suyuan_json_reader_object (SuyuanJsonReader     *r,
                           SuyuanJsonMemberFunc  member,
                           gpointer              data)
{
  return read_object (r, member, data);
}

gboolean
suyuan_json_reader_at_end (SuyuanJsonReader *r)
{
  skip_space (r);
  return r->p == r->end;
}
