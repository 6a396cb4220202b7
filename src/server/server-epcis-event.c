/* server-epcis-event.c — one captured EPCIS 2.0 event in our terms: an
 * event (docs/data-format.md) per EPC or quantity element, with what does not
 * fit our columns kept under data.epcis.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"
#include "server-data-rules.h"

#include <string.h>

typedef struct {
  const char *list;
  gboolean classes;       /* quantity elements rather than EPCs */
  const char *io;         /* TransformationEvent: input or output */
} ItemList;

static const ItemList item_lists[] = {
  { "epcList", FALSE, NULL }, { "quantityList", TRUE, NULL },
  { "childEPCs", FALSE, NULL }, { "childQuantityList", TRUE, NULL },
  { "inputEPCList", FALSE, "input" }, { "inputQuantityList", TRUE, "input" },
  { "outputEPCList", FALSE, "output" }, { "outputQuantityList", TRUE, "output" },
};

typedef struct {
  SuyuanStore *mirror;
  const ServerPrincipal *who;
  JsonObject *ev;
  guint index;
  const char *stored_id;       /* the eventID it is stored under */
  guint n_derived;
  char *id, *type, *time, *party, *place, *source, *destination, *disposition;
  const char *lot, *expiry;   /* ilmd */
  gboolean commissioning;      /* action ADD: the items come into being here */
  guint n_items;
} Mapping;

static void
set_string (JsonObject *o,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
}

static gboolean
is_date (const char *text)
{
  g_autoptr(GDateTime) t = NULL;
  g_autofree char *midnight = NULL;

  if (strlen (text) != 10)
    return FALSE;
  midnight = g_strconcat (text, "T00:00:00Z", NULL);
  t = g_date_time_new_from_iso8601 (midnight, NULL);
  return t != NULL;
}

static const char *
either (JsonObject *o,
        const char *name,
        const char *other)
{
  const char *value = o ? server_epcis_string (o, name) : NULL;

  return value ? value : o ? server_epcis_string (o, other) : NULL;
}

/* Terminals refuse an event whose data is over 8 KiB: every member kept in
 * it is bounded. */
static gboolean
short_enough (JsonObject *o,
              const char *name,
              gsize       max)
{
  const char *value = server_epcis_string (o, name);

  return value == NULL || strlen (value) <= max;
}

static JsonObject *
item_event (Mapping    *m,
            ServerEpc  *epc,
            const char *uri,
            JsonNode   *quantity,
            const char *uom,
            const char *io,
            guint       k)
{
  JsonObject *event = json_object_new ();
  JsonObject *data = json_object_new ();
  JsonObject *epcis = json_object_new ();
  g_autofree char *id = m->n_items == 1 ? g_strdup (m->id) : g_strdup_printf ("%s-%u", m->id, k + 1);

  json_object_set_string_member (event, "id", id);
  json_object_set_string_member (event, "type", m->type);
  json_object_set_string_member (event, "time", m->time);
  set_string (event, "product_id", epc->product_id);
  set_string (event, "batch_id", epc->batch_id);
  set_string (event, "serial", epc->serial);
  set_string (event, "party_id", m->party);
  set_string (event, "place", m->place);
  set_string (event, "source_id", m->source);
  set_string (event, "destination_id", m->destination);
  set_string (event, "disposition", m->disposition);
  if (quantity != NULL)
    {
      gdouble q = json_node_get_double (quantity);

      if (q == (gint64) q)
        json_object_set_int_member (data, "quantity", (gint64) q);
      else
        json_object_set_double_member (data, "quantity", q);
    }
  set_string (epcis, "event_type", server_epcis_string (m->ev, "type"));
  set_string (epcis, "event_id", server_epcis_string (m->ev, "eventID"));
  /* The event as captured stands for all it derives (server-epcis-query.c). */
  set_string (epcis, "stored", m->stored_id);
  if (m->n_derived++ == 0)
    json_object_set_boolean_member (epcis, "first", TRUE);
  set_string (epcis, "action", server_epcis_string (m->ev, "action"));
  set_string (epcis, "epc", uri);
  set_string (epcis, "gtin", epc->gtin);
  set_string (epcis, "lot", epc->lot);
  set_string (epcis, "uom", uom);
  set_string (epcis, "io", io);
  set_string (epcis, "parent", server_epcis_string (m->ev, "parentID"));
  set_string (epcis, "expiry_date", m->expiry);
  json_object_set_object_member (data, "epcis", epcis);
  json_object_set_object_member (event, "data", data);
  return event;
}

/* One EPC or quantity element; checks the token may record it. */
static gboolean
add_item (Mapping        *m,
          JsonNode       *entry,
          const ItemList *list,
          guint           e,
          guint           k,
          ServerEpcisOut *out,
          GError        **error)
{
  JsonObject *element = list->classes && JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
  const char *uri = list->classes ? server_epcis_string (element, "epcClass")
                    : JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING
                      ? json_node_get_string (entry) : NULL;
  JsonNode *quantity = element ? json_object_get_member (element, "quantity") : NULL;
  ServerEpc epc;

  /* Stored as sent, but only what names a product by GTIN (or ours), in a
   * quantity terminals can count, derives an event of ours. */
  if (quantity != NULL && !server_data_quantity_ok (quantity))
    return TRUE;
  if (!server_epc_parse (uri, &epc, NULL))
    return TRUE;
  /* ilmd describes what comes into being: never a transformation's inputs. */
  if (epc.lot == NULL && m->lot != NULL && g_strcmp0 (list->io, "input") != 0)
    epc.lot = g_strdup (m->lot);
  server_epc_resolve (m->mirror, &epc);
  if (m->who->role == SERVER_ROLE_PRODUCER && !server_epc_owned (m->mirror, epc.product_id, m->who->party))
    {
      server_epc_clear (&epc);
      return server_epcis_fault (error, G_IO_ERROR_PERMISSION_DENIED,
                                 "eventList[%u]: %s[%u] is not a product of this token's party",
                                 m->index, list->list, e);
    }
  /* A shop or producer records only what it holds: never a sale or recall
   * of another shop's unit, nor a sold unit made new again. (A unit no one
   * registered has no state an event could change.) */
  if ((m->who->role == SERVER_ROLE_RETAILER || m->who->role == SERVER_ROLE_PRODUCER) && epc.serial != NULL
      && server_epc_unit_known (m->mirror, &epc) && !server_epc_held_by (m->mirror, &epc, m->who->party))
    {
      server_epc_clear (&epc);
      return server_epcis_fault (error, G_IO_ERROR_PERMISSION_DENIED,
                                 "eventList[%u]: %s[%u] is not held by this token's party",
                                 m->index, list->list, e);
    }
  if ((m->commissioning || g_strcmp0 (list->io, "output") == 0) && m->who->role != SERVER_ROLE_RETAILER
      && server_epc_product_known (m->mirror, epc.product_id))
    {
      if (epc.batch_id == NULL && epc.lot != NULL)
        g_ptr_array_add (out->batches, server_epc_new_batch (&epc, m->expiry));
      if (epc.serial != NULL && !server_epc_unit_known (m->mirror, &epc))
        g_ptr_array_add (out->units, server_epc_new_unit (&epc));
    }
  g_ptr_array_add (out->events, item_event (m, &epc, uri, quantity, server_epcis_string (element, "uom"), list->io, k));
  server_epc_clear (&epc);
  return TRUE;
}

static gboolean
map_where (Mapping *m,
           GError **error)
{
  static const char *const disp_prefixes[] = { "urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-",
                                               "https://gs1.org/voc/Disp-", "cbv:Disp-", NULL };
  const char *location = server_epcis_string (server_epcis_object (m->ev, "bizLocation"), "id");
  const char *read_point = server_epcis_string (server_epcis_object (m->ev, "readPoint"), "id");
  const char *disposition = server_epcis_string (m->ev, "disposition");

  if ((location && strlen (location) > SERVER_EPCIS_MAX_URI) || (read_point && strlen (read_point) > SERVER_EPCIS_MAX_URI))
    return server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                               "eventList[%u]: a location is longer than %d bytes", m->index, SERVER_EPCIS_MAX_URI);
  m->party = server_epcis_party (location);
  m->place = g_strdup (m->party == NULL && location != NULL ? location : read_point);
  m->source = server_epcis_list_party (m->ev, "sourceList", "source");
  m->destination = server_epcis_list_party (m->ev, "destinationList", "destination");
  /* A CBV word, or (as the standard allows) a URI of the sender's own
   * vocabulary, kept as sent. */
  if (disposition != NULL && (m->disposition = server_epcis_cbv_word (disposition, disp_prefixes)) == NULL)
    {
      if (strlen (disposition) > SERVER_EPCIS_MAX_URI || strchr (disposition, ':') == NULL
          || !g_uri_is_valid (disposition, G_URI_FLAGS_NONE, NULL))
        return server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                   "eventList[%u]: disposition “%.80s” is neither a CBV disposition nor a URI",
                                   m->index, disposition);
      m->disposition = g_strdup (disposition);
    }
  /* Producers and retailers record at their own place. */
  if (m->who->role == SERVER_ROLE_RETAILER || m->who->role == SERVER_ROLE_PRODUCER)
    {
      if (m->party != NULL && g_strcmp0 (m->party, m->who->party) != 0)
        return server_epcis_fault (error, G_IO_ERROR_PERMISSION_DENIED,
                                   "eventList[%u]: bizLocation is another party than this token's", m->index);
      if (m->party == NULL)
        m->party = g_strdup (m->who->party);
    }
  return TRUE;
}

/* Producers and retailers record at their own place, whatever the event
 * derives (map_where files theirs there). */
static gboolean
at_own_party (Mapping *m,
              GError **error)
{
  g_autofree char *party = server_epcis_party (server_epcis_string (server_epcis_object (m->ev, "bizLocation"), "id"));

  if ((m->who->role == SERVER_ROLE_RETAILER || m->who->role == SERVER_ROLE_PRODUCER)
      && party != NULL && g_strcmp0 (party, m->who->party) != 0)
    return server_epcis_fault (error, G_IO_ERROR_PERMISSION_DENIED,
                               "eventList[%u]: bizLocation is another party than this token's", m->index);
  return TRUE;
}

static void
mapping_clear (Mapping *m)
{
  g_free (m->id);
  g_free (m->type);
  g_free (m->time);
  g_free (m->party);
  g_free (m->place);
  g_free (m->source);
  g_free (m->destination);
  g_free (m->disposition);
}

gboolean
server_epcis_map_event (SuyuanStore           *mirror,
                        const ServerPrincipal *who,
                        JsonNode              *node,
                        guint                  index,
                        const char            *stored_id,
                        ServerEpcisOut        *out,
                        GError               **error)
{
  static const char *const types[] = { "ObjectEvent", "AggregationEvent", "TransformationEvent" };
  Mapping m = { mirror, who, NULL, index, stored_id };
  JsonObject *ilmd;
  gboolean known = FALSE, ok = FALSE;
  guint first = out->events->len, first_batch = out->batches->len, first_unit = out->units->len;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                               "eventList[%u] is not an object", index);
  m.ev = json_node_get_object (node);
  if (!at_own_party (&m, error))
    return FALSE;
  for (gsize t = 0; t < G_N_ELEMENTS (types); t++)
    known |= g_strcmp0 (server_epcis_string (m.ev, "type"), types[t]) == 0;
  /* Association and transaction events have no counterpart of ours. */
  if (!known)
    return TRUE;
  if ((m.time = server_epcis_time (m.ev)) == NULL)
    return server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                               "eventList[%u]: eventTime is not an ISO 8601 time with an offset", index);
  /* Terminals keep a unit's state from its latest event: one dated ahead
   * would freeze it (a sale after it never counts, and clones pass). */
  {
    g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (m.time, NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (t == NULL || g_date_time_difference (t, now) > G_TIME_SPAN_DAY)
      return (mapping_clear (&m), server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                                      "eventList[%u]: eventTime is more than a day ahead", index));
  }
  ilmd = server_epcis_object (m.ev, "ilmd");
  m.lot = either (ilmd, "cbvmda:lotNumber", "lotNumber");
  m.expiry = either (ilmd, "cbvmda:itemExpirationDate", "itemExpirationDate");
  if (!short_enough (m.ev, "eventID", 256) || !short_enough (m.ev, "parentID", SERVER_EPCIS_MAX_URI)
      || !short_enough (m.ev, "action", 16) || (m.lot && strlen (m.lot) > 64) || (m.expiry && strlen (m.expiry) > 32))
    return (mapping_clear (&m), server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                                    "eventList[%u]: eventID, parentID, action or ilmd lot or "
                                                    "expiry is too long", index));
  if (m.expiry != NULL && !is_date (m.expiry))
    return (mapping_clear (&m), server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                                    "eventList[%u]: ilmd itemExpirationDate is not YYYY-MM-DD", index));
  m.commissioning = g_strcmp0 (server_epcis_string (m.ev, "action"), "ADD") == 0;
  for (gsize l = 0; l < G_N_ELEMENTS (item_lists); l++)
    {
      JsonNode *list = json_object_get_member (m.ev, item_lists[l].list);

      if (list != NULL && !JSON_NODE_HOLDS_ARRAY (list))
        return (mapping_clear (&m), server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                                        "eventList[%u]: %s is not an array", index, item_lists[l].list));
      m.n_items += list ? json_array_get_length (json_node_get_array (list)) : 0;
    }
  if (m.n_items == 0)
    return (mapping_clear (&m), TRUE);   /* sensor data only, say */
  if (m.n_items > (who->role == SERVER_ROLE_ADMIN ? SERVER_EPCIS_MAX_ITEMS : SERVER_EPCIS_MAX_PARTY_ITEMS))
    return (mapping_clear (&m), server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                                    "eventList[%u] names too many items (epcList, quantityList …)",
                                                    index));
  if ((m.type = server_epcis_type (m.ev, error, index)) == NULL || !map_where (&m, error))
    return (mapping_clear (&m), FALSE);
  m.id = server_epcis_event_id (m.ev);
  ok = TRUE;
  for (gsize l = 0, k = 0; ok && l < G_N_ELEMENTS (item_lists); l++)
    {
      JsonNode *list = json_object_get_member (m.ev, item_lists[l].list);
      JsonArray *array = list ? json_node_get_array (list) : NULL;

      for (guint e = 0; ok && array && e < json_array_get_length (array); e++, k++)
        ok = add_item (&m, json_array_get_element (array, e), &item_lists[l], e, (guint) k, out, error);
    }
  if (!ok)
    {
      g_ptr_array_remove_range (out->events, first, out->events->len - first);
      g_ptr_array_remove_range (out->batches, first_batch, out->batches->len - first_batch);
      g_ptr_array_remove_range (out->units, first_unit, out->units->len - first_unit);
    }
  mapping_clear (&m);
  return ok;
}
