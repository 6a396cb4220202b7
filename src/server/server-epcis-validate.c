/* server-epcis-validate.c — a captured document's events, checked before
 * any is stored: the whole document is refused at the first fault, which
 * names the event (index and eventID) and the field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-validate.h"
#include "server-epcis-keys.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

static const char *const event_types[] = {
  "ObjectEvent", "AggregationEvent", "AssociationEvent", "TransactionEvent", "TransformationEvent", NULL
};

/* Lists of names: of EPC strings, of quantity elements (epcClass), of
 * objects with a URI under @key. */
typedef enum { LIST_EPCS, LIST_QUANTITIES, LIST_KEYED } ListKind;

static const struct {
  const char *member;
  ListKind kind;
  const char *key;
  guint role;
} name_lists[] = {
  { "epcList", LIST_EPCS, NULL, SERVER_EPCIS_ROLE_EPC },
  { "childEPCs", LIST_EPCS, NULL, SERVER_EPCIS_ROLE_CHILD },
  { "inputEPCList", LIST_EPCS, NULL, SERVER_EPCIS_ROLE_INPUT },
  { "outputEPCList", LIST_EPCS, NULL, SERVER_EPCIS_ROLE_OUTPUT },
  { "quantityList", LIST_QUANTITIES, "epcClass", SERVER_EPCIS_ROLE_QUANTITY },
  { "childQuantityList", LIST_QUANTITIES, "epcClass", SERVER_EPCIS_ROLE_CHILD_QUANTITY },
  { "inputQuantityList", LIST_QUANTITIES, "epcClass", SERVER_EPCIS_ROLE_INPUT_QUANTITY },
  { "outputQuantityList", LIST_QUANTITIES, "epcClass", SERVER_EPCIS_ROLE_OUTPUT_QUANTITY },
  { "sourceList", LIST_KEYED, "source", SERVER_EPCIS_ROLE_SOURCE },
  { "destinationList", LIST_KEYED, "destination", SERVER_EPCIS_ROLE_DESTINATION },
  { "bizTransactionList", LIST_KEYED, "bizTransaction", SERVER_EPCIS_ROLE_BIZ_TRANSACTION },
};

typedef struct {
  guint index;
  const char *event_id;    /* as sent, or NULL */
  GError **error;
} Where;

static gboolean G_GNUC_PRINTF (2, 3)
fault (Where      *w,
       const char *format,
       ...)
{
  g_autofree char *what = NULL;
  g_autofree char *id = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (w->event_id != NULL)
    id = g_strdup_printf (" (eventID “%.120s”)", w->event_id);
  g_set_error (w->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "eventList[%u]%s: %s", w->index, id ? id : "", what);
  return FALSE;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* Depth, string and name lengths, finite numbers: whatever the field. */
static gboolean
bounded (Where      *w,
         const char *name,
         JsonNode   *node,
         guint       depth)
{
  if (depth > SERVER_EPCIS_MAX_DEPTH)
    return fault (w, "%.60s is nested too deeply", name);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *m = members; m; m = m->next)
        if (strlen (m->data) > 256
            || !bounded (w, m->data, json_object_get_member (json_node_get_object (node), m->data), depth + 1))
          return w->error && *w->error ? FALSE : fault (w, "a member name is longer than 256 bytes");
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!bounded (w, name, json_array_get_element (array, i), depth + 1))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && strlen (json_node_get_string (node)) > SERVER_EPCIS_MAX_STRING_BYTES)
    return fault (w, "%.60s is longer than %d bytes", name, SERVER_EPCIS_MAX_STRING_BYTES);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE
      && !isfinite (json_node_get_double (node)))
    return fault (w, "%.60s is not a finite number", name);
  return TRUE;
}

static void
add_name (ServerEpcisEvent *event,
          guint             role,
          const char       *key)
{
  ServerEpcisName *name = g_new0 (ServerEpcisName, 1);

  name->role = role;
  name->key = g_strdup (key);
  name->canonical = server_epcis_canonical_key (key);
  g_ptr_array_add (event->names, name);
}

static gboolean
read_uri (Where      *w,
          JsonObject *o,
          const char *member,
          const char *label,
          const char **out)
{
  JsonNode *node = json_object_get_member (o, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  *out = string_member (o, member);
  if (*out == NULL || !server_epcis_is_uri (*out))
    return fault (w, "%s is not a URI", label);
  return TRUE;
}

static gboolean
read_list (Where            *w,
           JsonObject       *ev,
           gsize             l,
           ServerEpcisEvent *event)
{
  JsonNode *node = json_object_get_member (ev, name_lists[l].member);
  const char *member = name_lists[l].member;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fault (w, "%s is not an array", member);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      g_autofree char *label = g_strdup_printf ("%s[%u]%s%s", member, i, name_lists[l].key ? "." : "",
                                                name_lists[l].key ? name_lists[l].key : "");
      JsonObject *o;
      const char *uri = NULL;
      JsonNode *quantity;

      if (name_lists[l].kind == LIST_EPCS)
        {
          uri = JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING
                ? json_node_get_string (entry) : NULL;
          if (uri == NULL || !server_epcis_is_uri (uri))
            return fault (w, "%s: EPC “%.120s” is not a URI", label, uri ? uri : "");
          add_name (event, name_lists[l].role, uri);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return fault (w, "%s[%u] is not an object", member, i);
      o = json_node_get_object (entry);
      if (!read_uri (w, o, name_lists[l].key, label, &uri))
        return FALSE;
      if (uri == NULL)
        return fault (w, "%s is missing", label);
      quantity = json_object_get_member (o, "quantity");
      if (name_lists[l].kind == LIST_QUANTITIES && quantity != NULL
          && (!JSON_NODE_HOLDS_VALUE (quantity) || (json_node_get_value_type (quantity) != G_TYPE_INT64
                                                     && json_node_get_value_type (quantity) != G_TYPE_DOUBLE)
              || json_node_get_double (quantity) <= 0))
        return fault (w, "%s[%u].quantity is not a number above 0", member, i);
      if (json_object_has_member (o, "uom") && (string_member (o, "uom") == NULL || strlen (string_member (o, "uom")) > 16))
        return fault (w, "%s[%u].uom is not a unit code of at most 16 bytes", member, i);
      if (json_object_has_member (o, "type") && string_member (o, "type") == NULL)
        return fault (w, "%s[%u].type is not a string", member, i);
      add_name (event, name_lists[l].role, uri);
    }
  return TRUE;
}

static gboolean
read_vocabulary (Where                 *w,
                 JsonObject            *ev,
                 const char            *member,
                 ServerEpcisVocabulary  vocabulary,
                 char                 **out)
{
  const char *value = string_member (ev, member);

  if (!json_object_has_member (ev, member))
    return TRUE;
  if (value == NULL || !server_epcis_vocabulary_ok (vocabulary, value))
    return fault (w, "%s “%.80s” is not a CBV %s nor a URI", member, value ? value : "",
                  vocabulary == SERVER_EPCIS_BIZ_STEP ? "business step" : "disposition");
  *out = server_epcis_cbv_term (value);
  return TRUE;
}

static gboolean
read_place (Where      *w,
            JsonObject *ev,
            const char *member,
            char      **out)
{
  JsonNode *node = json_object_get_member (ev, member);
  g_autofree char *label = g_strconcat (member, ".id", NULL);
  const char *id = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fault (w, "%s is not an object", member);
  if (!read_uri (w, json_node_get_object (node), "id", label, &id))
    return FALSE;
  if (id == NULL)
    return fault (w, "%s is missing", label);
  *out = g_strdup (id);
  return TRUE;
}

static gboolean
offset_ok (const char *offset)
{
  return strlen (offset) == 6 && (offset[0] == '+' || offset[0] == '-') && g_ascii_isdigit (offset[1])
         && g_ascii_isdigit (offset[2]) && offset[3] == ':' && g_ascii_isdigit (offset[4]) && g_ascii_isdigit (offset[5]);
}

/* eventTime (as a UTC instant, not more than a day ahead: a unit's state
 * comes from its latest event) and its offset, as sent or from the time. */
static gboolean
read_time (Where            *w,
           JsonObject       *ev,
           ServerEpcisEvent *event)
{
  const char *time = string_member (ev, "eventTime");
  const char *offset = string_member (ev, "eventTimeZoneOffset");
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gsize n;

  if (time == NULL || (event->event_time = server_epcis_utc (time)) == NULL)
    return fault (w, "eventTime is not an ISO 8601 time with an offset");
  t = g_date_time_new_from_iso8601 (time, NULL);
  if (g_date_time_difference (t, now) > G_TIME_SPAN_DAY)
    return fault (w, "eventTime is more than a day ahead");
  if (json_object_has_member (ev, "eventTimeZoneOffset") && (offset == NULL || !offset_ok (offset)))
    return fault (w, "eventTimeZoneOffset is not ±hh:mm");
  n = strlen (time);
  if (offset == NULL)
    offset = g_str_has_suffix (time, "Z") ? "+00:00" : time + n - 6;
  event->time_offset = g_strdup (offset);
  if (json_object_has_member (ev, "errorDeclaration"))
    {
      JsonNode *declaration = json_object_get_member (ev, "errorDeclaration");
      g_autofree char *when = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (declaration)
          || (when = server_epcis_utc (string_member (json_node_get_object (declaration), "declarationTime"))) == NULL)
        return fault (w, "errorDeclaration.declarationTime is not an ISO 8601 time with an offset");
    }
  return TRUE;
}

/* The eventID a repository gives an event sent without one: made from the
 * event itself, so the same event sent twice is stored once. */
static char *
made_event_id (const char *json)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);

  return g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-8%.3s-%.12s", hash, hash + 8, hash + 12, hash + 16, hash + 20);
}

static ServerEpcisEvent *
read_event (JsonNode   *node,
            guint       index,
            const char *raw,
            const char *context,
            GError    **error)
{
  g_autoptr(ServerEpcisEvent) event = g_new0 (ServerEpcisEvent, 1);
  Where w = { index, NULL, error };
  const char *type, *action, *parent = NULL;
  JsonObject *ev;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fault (&w, "is not an object"), NULL;
  ev = json_node_get_object (node);
  if (json_object_has_member (ev, "eventID")
      && ((w.event_id = string_member (ev, "eventID")) == NULL || !server_epcis_is_uri (w.event_id)))
    return w.event_id = NULL, fault (&w, "eventID is not a URI"), NULL;
  if (!bounded (&w, "the event", node, 2))
    return NULL;
  event->json = raw ? g_strdup (raw) : json_to_string (node, FALSE);
  if (strlen (event->json) > SERVER_EPCIS_MAX_EVENT_BYTES)
    return fault (&w, "the event is longer than %d bytes as JSON", SERVER_EPCIS_MAX_EVENT_BYTES), NULL;
  type = string_member (ev, "type");
  if (type == NULL || !g_strv_contains (event_types, type))
    return fault (&w, "type “%.40s” is not an EPCIS 2.0 event type", type ? type : ""), NULL;
  event->type = g_strdup (type);
  if (!read_time (&w, ev, event))
    return NULL;
  action = string_member (ev, "action");
  if (strcmp (type, "TransformationEvent") != 0
      && (action == NULL || (strcmp (action, "ADD") && strcmp (action, "OBSERVE") && strcmp (action, "DELETE"))))
    return fault (&w, "action is not ADD, OBSERVE or DELETE"), NULL;
  event->names = g_ptr_array_new_with_free_func ((GDestroyNotify) server_epcis_name_free);
  if (!read_vocabulary (&w, ev, "bizStep", SERVER_EPCIS_BIZ_STEP, &event->biz_step)
      || !read_vocabulary (&w, ev, "disposition", SERVER_EPCIS_DISPOSITION, &event->disposition)
      || !read_place (&w, ev, "readPoint", &event->read_point)
      || !read_place (&w, ev, "bizLocation", &event->biz_location)
      || !read_uri (&w, ev, "parentID", "parentID", &parent))
    return NULL;
  if (parent != NULL)
    add_name (event, SERVER_EPCIS_ROLE_PARENT, parent);
  if (event->read_point != NULL)
    add_name (event, SERVER_EPCIS_ROLE_READ_POINT, event->read_point);
  if (event->biz_location != NULL)
    add_name (event, SERVER_EPCIS_ROLE_BIZ_LOCATION, event->biz_location);
  for (gsize l = 0; l < G_N_ELEMENTS (name_lists); l++)
    if (!read_list (&w, ev, l, event))
      return NULL;
  event->event_id = w.event_id ? g_strdup (w.event_id) : made_event_id (event->json);
  event->id_added = w.event_id == NULL;
  event->context = g_strdup (context);
  return g_steal_pointer (&event);
}

GPtrArray *
server_epcis_read_events (JsonArray  *list,
                          GPtrArray  *raw,
                          JsonNode   *context,
                          GError    **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) server_epcis_event_free);
  g_autofree char *context_text = context ? json_to_string (context, FALSE) : NULL;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *text = raw && raw->len == json_array_get_length (list) ? raw->pdata[i] : NULL;
      ServerEpcisEvent *event = read_event (json_array_get_element (list, i), i, text, context_text, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }
  return g_steal_pointer (&events);
}
