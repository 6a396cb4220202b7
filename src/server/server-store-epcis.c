/* server-store-epcis.c — storing captured EPCIS events and the one query
 * over them, in the SQL both backends share (text parameters $1 … $n).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-epcis.h"
#include "server-store-private.h"
#include "server-epcis-keys.h"

#include <gio/gio.h>
#include <string.h>

/* Values one condition of a query may list; names one statement inserts. */
#define MAX_VALUES 100
#define NAMES_PER_INSERT 50

#define EVENT_COLUMNS "seq, event_id, id_added, type, event_time, time_offset, record_time," \
                      " biz_step, disposition, read_point, biz_location, context, event"

void
server_epcis_name_free (ServerEpcisName *name)
{
  g_free (name->key);
  g_free (name->canonical);
  g_free (name);
}

void
server_epcis_event_free (ServerEpcisEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->event_id);
  g_free (event->type);
  g_free (event->event_time);
  g_free (event->time_offset);
  g_free (event->record_time);
  g_free (event->biz_step);
  g_free (event->disposition);
  g_free (event->read_point);
  g_free (event->biz_location);
  g_free (event->context);
  g_free (event->json);
  g_clear_pointer (&event->names, g_ptr_array_unref);
  g_free (event);
}

static char *
format_utc (GDateTime *t)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (t);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", g_date_time_get_year (utc),
                          g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc), g_date_time_get_microsecond (utc));
}

char *
server_epcis_utc (const char *time)
{
  g_autoptr(GDateTime) t = NULL;

  /* An offset is required: a time without one is no instant. */
  if (time == NULL || strlen (time) > 64 || strlen (time) < 20
      || !(g_str_has_suffix (time, "Z") || time[strlen (time) - 3] == ':'))
    return NULL;
  if ((t = g_date_time_new_from_iso8601 (time, NULL)) == NULL)
    return NULL;
  return format_utc (t);
}

/* SQL text and its parameters, numbered in order. */
typedef struct {
  GString *sql;
  GPtrArray *params;   /* owned strings */
} Statement;

static void
param (Statement  *s,
       const char *cast,
       const char *value)
{
  g_ptr_array_add (s->params, g_strdup (value));
  if (cast != NULL)
    g_string_append_printf (s->sql, "CAST($%u AS %s)", s->params->len, cast);
  else
    g_string_append_printf (s->sql, "$%u", s->params->len);
}

static gint64
run (ServerStore   *store,
     Statement     *s,
     ServerRowFunc  row,
     gpointer       user_data,
     GError       **error)
{
  return store->backend->run (store, s->sql->str, s->params->len, (const char *const *) s->params->pdata,
                              row, user_data, error);
}

static void
statement_clear (Statement *s)
{
  g_string_free (s->sql, TRUE);
  g_ptr_array_unref (s->params);
}

static void
take_seq (const char *const *columns,
          guint              n_columns,
          gpointer           user_data)
{
  *(gint64 *) user_data = g_ascii_strtoll (columns[0], NULL, 10);
}

static gboolean
insert_names (ServerStore      *store,
              ServerEpcisEvent *event,
              GError          **error)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, event->seq);
  Statement s = { g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };
  guint n = 0;
  gboolean ok = TRUE;

  for (guint i = 0; ok && event->names && i < event->names->len; i++)
    {
      ServerEpcisName *name = event->names->pdata[i];
      g_autofree char *role = g_strdup_printf ("%u", name->role);

      for (guint form = 0; form < 2; form++)
        {
          const char *text = form == 0 ? name->key : name->canonical;

          if (text == NULL || (form == 1 && strcmp (text, name->key) == 0))
            continue;
          g_string_append (s.sql, n == 0 ? "INSERT INTO epcis_event_names (event_seq, role, name) VALUES (" : ", (");
          param (&s, "bigint", seq);
          g_string_append (s.sql, ", ");
          param (&s, "integer", role);
          g_string_append (s.sql, ", ");
          param (&s, NULL, text);
          g_string_append (s.sql, ")");
          if (++n == NAMES_PER_INSERT)
            {
              ok = run (store, &s, NULL, NULL, error) >= 0;
              g_string_truncate (s.sql, 0);
              g_ptr_array_set_size (s.params, 0);
              n = 0;
            }
        }
    }
  if (ok && n > 0)
    ok = run (store, &s, NULL, NULL, error) >= 0;
  statement_clear (&s);
  return ok;
}

int
server_store_epcis_insert (ServerStore       *store,
                           ServerEpcisEvent  *event,
                           GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *params[12];
  gint64 seq = 0, n;

  g_return_val_if_fail (event->event_id && event->type && event->event_time && event->json, -1);
  g_free (event->record_time);
  event->record_time = format_utc (now);
  params[0] = event->event_id;
  params[1] = event->own ? "2" : event->id_added ? "1" : "0";
  params[2] = event->type;
  params[3] = event->event_time;
  params[4] = event->time_offset ? event->time_offset : "+00:00";
  params[5] = event->record_time;
  params[6] = event->biz_step;
  params[7] = event->disposition;
  params[8] = event->read_point;
  params[9] = event->biz_location;
  params[10] = event->context;
  params[11] = event->json;
  n = store->backend->run (store,
                           "INSERT INTO epcis_events (event_id, id_added, type, event_time, time_offset,"
                           " record_time, biz_step, disposition, read_point, biz_location, context, event)"
                           " VALUES ($1, CAST($2 AS integer), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                           " ON CONFLICT (event_id) DO NOTHING RETURNING seq",
                           12, params, take_seq, &seq, error);
  if (n < 0)
    return -1;
  if (seq == 0)
    return 0;
  event->seq = seq;
  return insert_names (store, event, error) ? 1 : -1;
}

/* @column is one of @values (CBV terms in any form when @cbv). */
static void
add_in (Statement          *s,
        const char         *column,
        const char *const  *values,
        gboolean            cbv)
{
  if (values == NULL || values[0] == NULL)
    return;
  g_string_append_printf (s->sql, " AND %s IN (", column);
  for (guint i = 0; values[i]; i++)
    {
      g_autofree char *term = cbv ? server_epcis_cbv_term (values[i]) : g_strdup (values[i]);

      if (i > 0)
        g_string_append (s->sql, ", ");
      param (s, NULL, term);
    }
  g_string_append (s->sql, ")");
}

static gboolean
add_time (Statement   *s,
          const char  *column,
          const char  *op,
          const char  *time,
          GError     **error)
{
  g_autofree char *utc = NULL;

  if (time == NULL)
    return TRUE;
  if ((utc = server_epcis_utc (time)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%.64s” is not an ISO 8601 time with an offset", time);
      return FALSE;
    }
  g_string_append_printf (s->sql, " AND %s %s ", column, op);
  param (s, NULL, utc);
  return TRUE;
}

/* The event names one of the values, as sent or in canonical form. The
 * names' index drives it (seq IN …): a correlated EXISTS made SQLite scan
 * every event, 48 ms a query at 20,000 events. */
static void
add_match (Statement              *s,
           const ServerEpcisMatch *match)
{
  g_autofree char *roles = g_strdup_printf ("%u", match->roles);

  g_string_append (s->sql, " AND e.seq IN (SELECT n.event_seq FROM epcis_event_names n WHERE (n.role & ");
  param (s, "integer", roles);
  g_string_append (s->sql, ") <> 0 AND n.name IN (");
  for (guint i = 0; match->values && match->values[i]; i++)
    {
      g_autofree char *canonical = server_epcis_canonical_key (match->values[i]);

      if (i > 0)
        g_string_append (s->sql, ", ");
      param (s, NULL, match->values[i]);
      if (canonical != NULL)
        {
          g_string_append (s->sql, ", ");
          param (s, NULL, canonical);
        }
    }
  if (match->values == NULL || match->values[0] == NULL)
    g_string_append (s->sql, "NULL");
  g_string_append (s->sql, "))");
}

/* Cursors: "r" and the last seq in record order, "t" the last event_time,
 * "/" and its seq in eventTime order. */
static gboolean
add_cursor (Statement   *s,
            const char  *cursor,
            gboolean     by_event_time,
            GError     **error)
{
  const char *slash = cursor ? strrchr (cursor, '/') : NULL;
  guint64 seq = 0;

  if (cursor == NULL)
    return TRUE;
  if (!by_event_time && cursor[0] == 'r' && g_ascii_string_to_unsigned (cursor + 1, 10, 0, G_MAXINT64, &seq, NULL))
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);

      g_string_append (s->sql, " AND e.seq > ");
      param (s, "bigint", text);
      return TRUE;
    }
  if (by_event_time && cursor[0] == 't' && slash != NULL && slash - cursor == 28
      && g_ascii_string_to_unsigned (slash + 1, 10, 0, G_MAXINT64, &seq, NULL))
    {
      g_autofree char *time = g_strndup (cursor + 1, 27);
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);

      g_string_append (s->sql, " AND (e.event_time > ");
      param (s, NULL, time);
      g_string_append (s->sql, " OR (e.event_time = ");
      param (s, NULL, time);
      g_string_append (s->sql, " AND e.seq > ");
      param (s, "bigint", text);
      g_string_append (s->sql, "))");
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "the cursor (page token) is not one this server made");
  return FALSE;
}

static void
take_event (const char *const *c,
            guint              n_columns,
            gpointer           user_data)
{
  ServerEpcisEvent *event = g_new0 (ServerEpcisEvent, 1);

  g_assert (n_columns == 13);
  event->seq = g_ascii_strtoll (c[0], NULL, 10);
  event->event_id = g_strdup (c[1]);
  event->id_added = g_strcmp0 (c[2], "1") == 0;
  event->own = g_strcmp0 (c[2], "2") == 0;
  event->type = g_strdup (c[3]);
  event->event_time = g_strdup (c[4]);
  event->time_offset = g_strdup (c[5]);
  event->record_time = g_strdup (c[6]);
  event->biz_step = g_strdup (c[7]);
  event->disposition = g_strdup (c[8]);
  event->read_point = g_strdup (c[9]);
  event->biz_location = g_strdup (c[10]);
  event->context = g_strdup (c[11]);
  event->json = g_strdup (c[12]);
  g_ptr_array_add (user_data, event);
}

static gboolean
too_many (const char *const *values)
{
  return values != NULL && g_strv_length ((char **) values) > MAX_VALUES;
}

GPtrArray *
server_store_epcis_query (ServerStore             *store,
                          const ServerEpcisQuery  *q,
                          const char              *cursor,
                          guint                    limit,
                          char                   **next_cursor,
                          GError                 **error)
{
  Statement s = { g_string_new ("SELECT " EVENT_COLUMNS " FROM epcis_events e WHERE 1 = 1"),
                  g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) server_epcis_event_free);
  g_autofree char *limit_text = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (store != NULL && q != NULL && limit > 0 && limit <= 10000, NULL);
  *next_cursor = NULL;
  ok = !too_many (q->event_types) && !too_many (q->event_ids) && !too_many (q->biz_steps)
       && !too_many (q->dispositions) && !too_many (q->read_points) && !too_many (q->biz_locations);
  for (guint i = 0; ok && i < q->n_matches; i++)
    ok = !too_many (q->matches[i].values);
  if (!ok)
    {
      statement_clear (&s);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "at most %d values per query parameter", MAX_VALUES);
      return NULL;
    }
  if (q->captured_only)
    g_string_append (s.sql, " AND e.id_added < 2");
  add_in (&s, "e.type", q->event_types, FALSE);
  add_in (&s, "e.event_id", q->event_ids, FALSE);
  add_in (&s, "e.biz_step", q->biz_steps, TRUE);
  add_in (&s, "e.disposition", q->dispositions, TRUE);
  add_in (&s, "e.read_point", q->read_points, FALSE);
  add_in (&s, "e.biz_location", q->biz_locations, FALSE);
  ok = add_time (&s, "e.event_time", ">=", q->ge_event_time, error)
       && add_time (&s, "e.event_time", "<", q->lt_event_time, error)
       && add_time (&s, "e.record_time", ">=", q->ge_record_time, error)
       && add_time (&s, "e.record_time", "<", q->lt_record_time, error)
       && add_cursor (&s, cursor, q->by_event_time, error);
  for (guint i = 0; ok && i < q->n_matches; i++)
    add_match (&s, &q->matches[i]);
  g_string_append (s.sql, q->by_event_time ? " ORDER BY e.event_time, e.seq LIMIT " : " ORDER BY e.seq LIMIT ");
  /* One more than asked tells whether another page follows. */
  limit_text = g_strdup_printf ("%u", limit + 1);
  param (&s, "integer", limit_text);
  ok = ok && run (store, &s, take_event, events, error) >= 0;
  statement_clear (&s);
  if (!ok)
    return NULL;
  if (events->len > limit)
    {
      ServerEpcisEvent *last;

      g_ptr_array_set_size (events, limit);
      last = events->pdata[limit - 1];
      *next_cursor = q->by_event_time
                     ? g_strdup_printf ("t%s/%" G_GINT64_FORMAT, last->event_time, last->seq)
                     : g_strdup_printf ("r%" G_GINT64_FORMAT, last->seq);
    }
  return g_steal_pointer (&events);
}

ServerEpcisEvent *
server_store_epcis_get (ServerStore *store,
                        const char  *event_id)
{
  const char *ids[] = { event_id, NULL };
  ServerEpcisQuery q = { .event_ids = ids };
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) events = server_store_epcis_query (store, &q, NULL, 1, &next, NULL);

  if (events == NULL || events->len == 0)
    return NULL;
  return g_ptr_array_steal_index (events, 0);
}
