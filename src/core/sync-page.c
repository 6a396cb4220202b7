/* sync-page.c — a strict reader for change pages. A tree of JsonNodes costs
 * three times as much as applying the rows (an initial sync is a million of
 * them), so the page is read in one pass: strings are decoded in place in the
 * body and every record becomes a run of SuyuanFields. Everything is checked:
 * the body comes from the network.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-page.h"
#include "sync-client.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32
#define MAX_NUMBER_LENGTH 64

typedef struct {
  char       *p;
  char       *end;
  const char *error;      /* what was wrong, first failure only */
} Reader;

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

/* One member of a change's data, as a field named @name. */
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
typedef gboolean (*MemberFunc) (Reader *r, const char *name, gpointer data);

static gboolean
read_object (Reader     *r,
             MemberFunc  member,
             gpointer    data)
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

typedef struct {
  SuyuanSyncPage   *page;
  SuyuanSyncChange *change;
  gboolean          has_data;
  gboolean          has_changes;
  gboolean          has_last_seq;
} PageState;

static gboolean
data_member (Reader     *r,
             const char *name,
             gpointer    data)
{
  PageState *s = data;
  SuyuanField field = { .name = name };

  if (!read_field (r, &field))
    return FALSE;
  g_array_append_val (s->page->fields, field);
  s->change->n_fields++;
  return TRUE;
}

static gboolean
change_member (Reader     *r,
               const char *name,
               gpointer    data)
{
  PageState *s = data;
  gsize len;

  if (strcmp (name, "type") == 0)
    {
      if (!expect (r, '"'))
        return fail (r, "change entry");
      return read_string (r, TRUE, &s->change->type, &len);
    }
  if (strcmp (name, "data") == 0)
    {
      if (s->has_data || peek (r) != '{')
        return fail (r, "change entry");
      s->has_data = TRUE;
      s->change->first = s->page->fields->len;
      return read_object (r, data_member, s);
    }
  return skip_value (r, 2);
}

static gboolean
read_changes (Reader    *r,
              PageState *s)
{
  if (!expect (r, '['))
    return fail (r, "changes/last_seq");
  if (accept (r, ']'))
    return TRUE;
  do
    {
      SuyuanSyncChange change = { .type = "" };

      s->change = &change;
      s->has_data = FALSE;
      if (peek (r) != '{')
        return fail (r, "change entry");
      if (!read_object (r, change_member, s))
        return FALSE;
      if (!s->has_data)
        return fail (r, "change entry");
      g_array_append_val (s->page->changes, change);
    }
  while (accept (r, ','));
  return expect (r, ']');
}

static gboolean
page_member (Reader     *r,
             const char *name,
             gpointer    data)
{
  PageState *s = data;
  SuyuanField field;

  if (strcmp (name, "changes") == 0)
    {
      if (s->has_changes)
        return fail (r, "changes/last_seq");
      s->has_changes = TRUE;
      return read_changes (r, s);
    }
  if (strcmp (name, "last_seq") == 0)
    {
      if (!read_field (r, &field) || field.kind != SUYUAN_FIELD_INT)
        return fail (r, "changes/last_seq");
      s->has_last_seq = TRUE;
      s->page->last_seq = field.integer;
      return TRUE;
    }
  if (strcmp (name, "more") == 0)
    {
      if (!read_field (r, &field) || field.kind != SUYUAN_FIELD_BOOLEAN)
        return fail (r, "more");
      s->page->more = field.integer != 0;
      return TRUE;
    }
  return skip_value (r, 1);
}

SuyuanSyncPage *
suyuan_sync_page_parse (GBytes  *body,
                        GError **error)
{
  g_autoptr(SuyuanSyncPage) page = g_new0 (SuyuanSyncPage, 1);
  PageState state = { .page = page };
  gsize len = 0;
  Reader r;

  page->buffer = g_bytes_unref_to_data (body, &len);
  page->changes = g_array_sized_new (FALSE, FALSE, sizeof (SuyuanSyncChange), SUYUAN_SYNC_PAGE_SIZE);
  page->fields = g_array_sized_new (FALSE, FALSE, sizeof (SuyuanField), 8 * SUYUAN_SYNC_PAGE_SIZE);
  r = (Reader) { .p = page->buffer, .end = page->buffer + len };
  if (!read_object (&r, page_member, &state) || (skip_space (&r), r.p != r.end))
    fail (&r, _("not JSON"));
  else if (!state.has_changes || !state.has_last_seq)
    fail (&r, "changes/last_seq");
  if (r.error != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s (byte %" G_GSIZE_FORMAT ")", r.error,
                                                (gsize) (r.p - page->buffer));

      g_set_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL,
                   _("The server sent a malformed change page: %s"), where);
      return NULL;
    }
  return g_steal_pointer (&page);
}

void
suyuan_sync_page_free (SuyuanSyncPage *page)
{
  if (page == NULL)
    return;
  g_free (page->buffer);
  if (page->changes)
    g_array_unref (page->changes);
  if (page->fields)
    g_array_unref (page->fields);
  g_free (page);
}
