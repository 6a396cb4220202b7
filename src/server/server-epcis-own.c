/* server-epcis-own.c — our own events (terminal records, imports) in the
 * EPCIS events table, so the standard binding (GET /events) answers with
 * every event the server holds. Each is written by the export's mapping
 * (CBV terms, the same document as GET /api/v1/epcis/events) and stored
 * like a captured one, with its indexed columns and names. Events derived
 * from a capture are skipped: the event as sent stands for them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "server-epcis-own.h"
#include "server-store-epcis-own.h"
#include "server-epcis-validate.h"
#include "server-master-data.h"
#include "server-mirror.h"
#include "export.h"

#include <string.h>

/* Changes one pass reads of the feed. */
#define PAGE 1000

/* How far the feed and the event records are rendered, as stored in
 * epcis_own_progress (read once a process); a store without it (older
 * than this) is rendered from the start: that is the backfill. */
static GMutex lock;
static ServerStore *done_store;
static ServerEpcisOwnProgress done;

/* Our event ids of one page of the feed that no capture derived. */
static gboolean
own_ids (ServerStore *store,
         gint64       after,
         JsonParser  *parser,
         GPtrArray   *ids,
         gint64      *last_seq,
         gboolean    *more,
         GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *page;
  JsonArray *changes;

  if (!server_store_changes (store, after, PAGE, NULL, NULL, text, NULL, error)
      || !json_parser_load_from_data (parser, text->str, (gssize) text->len, error))
    return FALSE;
  page = json_node_get_object (json_parser_get_root (parser));
  changes = json_object_get_array_member (page, "changes");
  *last_seq = json_object_get_int_member (page, "last_seq");
  *more = json_object_get_boolean_member (page, "more");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *data = server_epcis_object (change, "data");
      JsonObject *ours = data ? server_epcis_object (data, "data") : NULL;
      JsonObject *epcis = ours ? server_epcis_object (ours, "epcis") : NULL;
      const char *id = data ? server_epcis_string (data, "id") : NULL;

      if (g_strcmp0 (server_epcis_string (change, "type"), "event") == 0 && id != NULL && epcis == NULL)
        g_ptr_array_add (ids, (gpointer) id);
    }
  return TRUE;
}

/* The events @ids of the mirror, or the event objects @objects, as the
 * export writes them, read as a capture would. */
static GPtrArray *
render (SuyuanStore *mirror,
        GPtrArray   *ids,
        GPtrArray   *objects,
        GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *body;
  guint n = 0;

  suyuan_epcis_begin (b);
  for (guint i = 0; ids && i < ids->len; i++)
    if (!suyuan_epcis_add_event (mirror, ids->pdata[i], b, &n, error))
      return NULL;
  for (guint i = 0; objects && i < objects->len; i++)
    if (!suyuan_epcis_add_event_object (mirror, objects->pdata[i], b, &n, error))
      return NULL;
  suyuan_epcis_end (b);
  root = json_builder_get_root (b);
  body = server_epcis_object (json_node_get_object (root), "epcisBody");
  return server_epcis_read_events (json_object_get_array_member (body, "eventList"), NULL,
                                   json_object_get_member (json_node_get_object (root), "@context"), error);
}

/* @events (ServerEpcisEvent) stored; those held already are left as they are. */
static gboolean
insert_each (ServerStore *store,
             gpointer     events_,
             GError     **error)
{
  GPtrArray *events = events_;

  for (guint i = 0; i < events->len; i++)
    {
      ServerEpcisEvent *event = events->pdata[i];

      event->own = TRUE;
      if (server_store_epcis_insert (store, event, error) < 0)
        return FALSE;
    }
  return TRUE;
}

/* The event object in a record's data, or NULL for master data and
 * anything else that is no event of ours. */
static JsonObject *
record_event (const char *data)
{
  g_autoptr(JsonNode) root = NULL;

  if (data == NULL || server_master_data_is (data)
      || (root = json_from_string (data, NULL)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

gboolean
server_epcis_own_store_record (ServerStore *store,
                               SuyuanStore *mirror,
                               const char  *data,
                               GError     **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *event = record_event (data);

  if (event == NULL)
    return TRUE;
  g_ptr_array_add (objects, event);
  /* The record is the terminal's; one the EPCIS mapping cannot write is
   * still held, and missing from GET /events only. */
  if ((events = render (mirror, NULL, objects, &local)) == NULL)
    {
      g_warning ("EPCIS rendering of an uploaded event: %s", local->message);
      return TRUE;
    }
  return insert_each (store, events, error);
}

typedef struct {
  GPtrArray *objects;
  char *last_time, *last_uuid;
} RecordPage;

static void
take_record (const char *received_at,
             const char *uuid,
             const char *data,
             gpointer    user_data)
{
  RecordPage *page = user_data;
  JsonObject *event = record_event (data);

  if (event != NULL)
    g_ptr_array_add (page->objects, event);
  g_free (page->last_time);
  g_free (page->last_uuid);
  page->last_time = g_strdup (received_at);
  page->last_uuid = g_strdup (uuid);
}

/* Events rendered and how far, in one transaction. */
typedef struct {
  GPtrArray *events;   /* ServerEpcisEvent, or NULL */
  const ServerEpcisOwnProgress *progress;
} Pass;

static gboolean
store_pass (ServerStore *store,
            gpointer     user_data,
            GError     **error)
{
  Pass *pass = user_data;

  return (pass->events == NULL || insert_each (store, pass->events, error))
         && server_store_epcis_own_set_progress (store, pass->progress, error);
}

/* The event records after the last walked: those uploaded before their
 * rendering was stored at upload (or without a mirror to render with). */
static gboolean
walk_records (ServerContext *ctx,
              GError       **error)
{
  gboolean ok = TRUE;

  while (ok)
    {
      g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) local = NULL;
      RecordPage page = { objects, NULL, NULL };
      ServerEpcisOwnProgress next = done;
      Pass pass = { NULL, &next };

      ok = server_store_event_records (ctx->store, done.record_time, done.record_uuid, PAGE, take_record, &page, error);
      if (!ok || page.last_uuid == NULL)
        break;
      next.record_time = page.last_time;
      next.record_uuid = page.last_uuid;
      if (objects->len > 0 && (events = render (ctx->mirror, NULL, objects, &local)) == NULL)
        g_warning ("EPCIS rendering of uploaded events: %s", local->message);
      pass.events = events;
      ok = server_store_transaction (ctx->store, store_pass, &pass, error);
      if (ok)
        {
          g_free (done.record_time);
          g_free (done.record_uuid);
          done = next;
        }
      else
        {
          g_free (page.last_time);
          g_free (page.last_uuid);
        }
    }
  return ok;
}

gboolean
server_epcis_own_catch_up (ServerContext *ctx,
                           GError       **error)
{
  gboolean more = TRUE, ok = TRUE;

  g_mutex_lock (&lock);
  if (done_store != ctx->store)
    {
      g_clear_pointer (&done.record_time, g_free);
      g_clear_pointer (&done.record_uuid, g_free);
      done.feed_seq = 0;
      if (!server_store_epcis_own_progress (ctx->store, &done, error))
        {
          g_mutex_unlock (&lock);
          return FALSE;
        }
      done_store = ctx->store;
    }
  while (ok && more)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) local = NULL;
      ServerEpcisOwnProgress next = done;
      Pass pass = { NULL, &next };

      /* The mirror caught up after the page was read holds all of it. */
      ok = own_ids (ctx->store, done.feed_seq, parser, ids, &next.feed_seq, &more, error)
           && server_mirror_catch_up (ctx->mirror, ctx->store, error);
      if (!ok || next.feed_seq <= done.feed_seq)
        break;
      if (ids->len > 0 && (events = render (ctx->mirror, ids, NULL, &local)) == NULL)
        g_warning ("EPCIS rendering of held events: %s", local->message);
      pass.events = events;
      if ((ok = server_store_transaction (ctx->store, store_pass, &pass, error)))
        done.feed_seq = next.feed_seq;
    }
  ok = ok && walk_records (ctx, error);
  g_mutex_unlock (&lock);
  return ok;
}
