/* sync-page.c — one change page read straight into fields (json-reader.h):
 * a tree of JsonNodes per page cost more than applying its rows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-page.h"
#include "sync-client.h"
#include "json-reader.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
  SuyuanSyncPage   *page;
  SuyuanSyncChange *change;
  gboolean          has_data;
  gboolean          has_changes;
  gboolean          has_last_seq;
} PageState;

static gboolean
data_member (SuyuanJsonReader *r,
             const char       *name,
             gpointer          data)
{
  PageState *s = data;
  SuyuanField field = { .name = name };

  if (!suyuan_json_reader_value (r, &field))
    return FALSE;
  g_array_append_val (s->page->fields, field);
  s->change->n_fields++;
  return TRUE;
}

static gboolean
change_member (SuyuanJsonReader *r,
               const char       *name,
               gpointer          data)
{
  PageState *s = data;
  gsize len;

  if (strcmp (name, "type") == 0)
    return suyuan_json_reader_string (r, &s->change->type, &len);
  if (strcmp (name, "seq") == 0)
    {
      SuyuanField field;

      if (!suyuan_json_reader_value (r, &field) || field.kind != SUYUAN_FIELD_INT)
        return suyuan_json_reader_fail (r, "change entry");
      s->change->seq = field.integer;
      return TRUE;
    }
  if (strcmp (name, "data") == 0)
    {
      if (s->has_data || suyuan_json_reader_peek (r) != '{')
        return suyuan_json_reader_fail (r, "change entry");
      s->has_data = TRUE;
      s->change->first = s->page->fields->len;
      return suyuan_json_reader_object (r, data_member, s);
    }
  return suyuan_json_reader_skip (r);
}

static gboolean
read_changes (SuyuanJsonReader *r,
              PageState        *s)
{
  if (!suyuan_json_reader_expect (r, '['))
    return suyuan_json_reader_fail (r, "changes/last_seq");
  if (suyuan_json_reader_accept (r, ']'))
    return TRUE;
  do
    {
      SuyuanSyncChange change = { .type = "" };

      s->change = &change;
      s->has_data = FALSE;
      if (suyuan_json_reader_peek (r) != '{')
        return suyuan_json_reader_fail (r, "change entry");
      if (!suyuan_json_reader_object (r, change_member, s))
        return FALSE;
      if (!s->has_data)
        return suyuan_json_reader_fail (r, "change entry");
      g_array_append_val (s->page->changes, change);
    }
  while (suyuan_json_reader_accept (r, ','));
  return suyuan_json_reader_expect (r, ']');
}

static gboolean
page_member (SuyuanJsonReader *r,
             const char       *name,
             gpointer          data)
{
  PageState *s = data;
  SuyuanField field;

  if (strcmp (name, "changes") == 0)
    {
      if (s->has_changes)
        return suyuan_json_reader_fail (r, "changes/last_seq");
      s->has_changes = TRUE;
      return read_changes (r, s);
    }
  if (strcmp (name, "last_seq") == 0)
    {
      if (!suyuan_json_reader_value (r, &field) || field.kind != SUYUAN_FIELD_INT)
        return suyuan_json_reader_fail (r, "changes/last_seq");
      s->has_last_seq = TRUE;
      s->page->last_seq = field.integer;
      return TRUE;
    }
  if (strcmp (name, "scope") == 0)
    {
      gsize len;

      if (suyuan_json_reader_peek (r) != '"' || !suyuan_json_reader_string (r, &s->page->scope, &len)
          || len == 0 || len > 64 || strlen (s->page->scope) != len)
        return suyuan_json_reader_fail (r, "scope");
      return TRUE;
    }
  if (strcmp (name, "more") == 0)
    {
      if (!suyuan_json_reader_value (r, &field) || field.kind != SUYUAN_FIELD_BOOLEAN)
        return suyuan_json_reader_fail (r, "more");
      s->page->more = field.integer != 0;
      return TRUE;
    }
  return suyuan_json_reader_skip (r);
}

SuyuanSyncPage *
suyuan_sync_page_parse (GBytes  *body,
                        GError **error)
{
  g_autoptr(SuyuanSyncPage) page = g_new0 (SuyuanSyncPage, 1);
  PageState state = { .page = page };
  gsize len = 0;
  SuyuanJsonReader r;

  page->buffer = g_bytes_unref_to_data (body, &len);
  if (page->buffer == NULL)
    page->buffer = g_malloc0 (1);   /* an empty body: no pointer sums on NULL */
  page->changes = g_array_new (FALSE, FALSE, sizeof (SuyuanSyncChange));
  page->fields = g_array_new (FALSE, FALSE, sizeof (SuyuanField));
  r = (SuyuanJsonReader) { .p = page->buffer, .end = page->buffer + len };
  if (!suyuan_json_reader_object (&r, page_member, &state) || !suyuan_json_reader_at_end (&r))
    suyuan_json_reader_fail (&r, _("not JSON"));
  else if (!state.has_changes || !state.has_last_seq)
    suyuan_json_reader_fail (&r, "changes/last_seq");
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

SuyuanSyncPage *
suyuan_sync_page_new_skip (gint64      seq,
                           const char *why)
{
  SuyuanSyncPage *page = g_new0 (SuyuanSyncPage, 1);

  g_return_val_if_fail (why != NULL, NULL);

  page->buffer = g_malloc0 (1);
  page->changes = g_array_new (FALSE, FALSE, sizeof (SuyuanSyncChange));
  page->fields = g_array_new (FALSE, FALSE, sizeof (SuyuanField));
  page->last_seq = seq;
  page->more = TRUE;
  page->skipped_why = g_strdup (why);
  return page;
}

gint64
suyuan_sync_page_first_seq (const char *text,
                            gsize       len)
{
  static const char prefix[] = "{\"changes\":[{\"seq\":";
  gint64 seq = 0;

  if (text == NULL || len < sizeof prefix || memcmp (text, prefix, sizeof prefix - 1) != 0)
    return 0;
  for (gsize i = sizeof prefix - 1; i < len && g_ascii_isdigit (text[i]) && seq < G_MAXINT64 / 10 - 9; i++)
    seq = seq * 10 + (text[i] - '0');
  return seq;
}

void
suyuan_sync_page_free (SuyuanSyncPage *page)
{
  if (page == NULL)
    return;
  g_free (page->buffer);
  g_free (page->skipped_why);
  if (page->changes)
    g_array_unref (page->changes);
  if (page->fields)
    g_array_unref (page->fields);
  g_free (page);
}
