/* server-epcis-fields.c — reading the fields of a captured EPCIS event:
 * CBV words, times, our parties and ids. Everything here came from the
 * network: lengths are bounded and words checked before use.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis.h"

#include <string.h>

#define PARTY_URN "urn:x-suyuan:party:"
#define EVENT_URN "urn:x-suyuan:event:"
#define BIZSTEP_URN "urn:x-suyuan:bizstep:"

gboolean
server_epcis_fault (GError    **error,
                    gint        code,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_IO_ERROR, code, message);
  return FALSE;
}

const char *
server_epcis_string (JsonObject *o,
                     const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
server_epcis_object (JsonObject *o,
                     const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A CBV value without its URI prefix, when it is a plain word. */
char *
server_epcis_cbv_word (const char *value,
                       const char *const *prefixes)
{
  const char *word = value;

  for (gsize i = 0; value && prefixes[i]; i++)
    if (g_str_has_prefix (value, prefixes[i]))
      word = value + strlen (prefixes[i]);
  if (word == NULL || *word == '\0' || strlen (word) > 40)
    return NULL;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return NULL;
  return g_ascii_strdown (word, -1);
}

static gboolean
is_recalled (const char *disposition)
{
  static const char *const prefixes[] = { "urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-",
                                          "https://gs1.org/voc/Disp-", "cbv:Disp-", NULL };
  g_autofree char *word = disposition ? server_epcis_cbv_word (disposition, prefixes) : NULL;

  return g_strcmp0 (word, "recalled") == 0;
}

char *
server_epcis_type (JsonObject *ev,
                   GError    **error,
                   guint       i)
{
  static const char *const prefixes[] = { "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-",
                                          "https://gs1.org/voc/BizStep-", "cbv:BizStep-", NULL };
  const char *step = server_epcis_string (ev, "bizStep");
  const char *action = server_epcis_string (ev, "action");
  char *type;

  if (step == NULL)
    return g_strdup (g_strcmp0 (action, "ADD") == 0 ? "commissioning"
                     : g_strcmp0 (action, "DELETE") == 0 ? "decommissioning" : "observing");
  /* Our own words come back from our URIs; another vocabulary's step is
   * kept as sent in data.epcis and observed here. */
  if (g_str_has_prefix (step, BIZSTEP_URN) && strlen (step) < 128)
    {
      g_autofree char *word = g_uri_unescape_string (step + strlen (BIZSTEP_URN), NULL);

      if ((type = server_epcis_cbv_word (word, prefixes)) != NULL)
        return type;
    }
  if ((type = server_epcis_cbv_word (step, prefixes)) == NULL && strchr (step, ':') != NULL)
    return g_strdup ("observing");
  if (type == NULL)
    return (server_epcis_fault (error, G_IO_ERROR_INVALID_DATA,
                                "eventList[%u]: bizStep “%.80s” is not a CBV business step", i, step), NULL);
  if (strcmp (type, "retail_selling") == 0)
    return (g_free (type), g_strdup ("selling"));
  /* A recall travels as CBV "holding" with the disposition "recalled"
   * (how we export it, docs/data-format.md); it is a recall here again. */
  if (strcmp (type, "holding") == 0 && is_recalled (server_epcis_string (ev, "disposition")))
    return (g_free (type), g_strdup ("recalling"));
  return type;
}

/* eventTime in the event's own offset: times of one chain compare as text. */
char *
server_epcis_time (JsonObject *ev)
{
  const char *text = server_epcis_string (ev, "eventTime");
  const char *offset = server_epcis_string (ev, "eventTimeZoneOffset");
  g_autoptr(GDateTime) t = text && strlen (text) < 64 ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (t == NULL)
    return NULL;
  if (offset == NULL || g_str_has_suffix (text, offset)
      || (g_str_has_suffix (text, "Z") && strcmp (offset, "+00:00") == 0))
    return g_strdup (text);
  if ((zone = g_time_zone_new_identifier (offset)) == NULL || (local = g_date_time_to_timezone (t, zone)) == NULL)
    return NULL;
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* Our party id from urn:x-suyuan:party:ID, or NULL for anyone else's URI. */
char *
server_epcis_party (const char *uri)
{
  if (uri == NULL || !g_str_has_prefix (uri, PARTY_URN) || strlen (uri) > SERVER_EPCIS_MAX_URI)
    return NULL;
  return g_uri_unescape_string (uri + strlen (PARTY_URN), NULL);
}

char *
server_epcis_list_party (JsonObject *ev,
                         const char *list,
                         const char *key)
{
  JsonNode *node = json_object_get_member (ev, list);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint k = 0; array && k < json_array_get_length (array); k++)
    {
      JsonNode *entry = json_array_get_element (array, k);
      char *party;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        continue;
      if ((party = server_epcis_party (server_epcis_string (json_node_get_object (entry), key))) != NULL)
        return party;
    }
  return NULL;
}

/* The event id: ours back from our own URN, else one made from the eventID
 * (or the event itself), so a document sent twice is stored once. */
char *
server_epcis_event_id (JsonObject *ev)
{
  const char *event_id = server_epcis_string (ev, "eventID");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;

  if (event_id != NULL && g_str_has_prefix (event_id, EVENT_URN) && strlen (event_id) < 256)
    {
      char *id = g_uri_unescape_string (event_id + strlen (EVENT_URN), NULL);

      if (id != NULL && *id != '\0')
        return id;
      g_free (id);
    }
  if (event_id == NULL)
    {
      node = json_node_init_object (json_node_alloc (), ev);
      text = json_to_string (node, FALSE);
    }
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, event_id ? event_id : text, -1);
  return g_strdup_printf ("E-EPCIS-%.8s-%.4s-%.4s-%.4s-%.12s", hash, hash + 8, hash + 12, hash + 16, hash + 20);
}
