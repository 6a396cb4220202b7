/* server-registration.c — a producer's code-registration record becomes
 * change-feed entries: the batch (when new), one unit per serial in state
 * commissioned, and a commissioning event, so every terminal learns the codes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-api.h"
#include "server-batches.h"

#include <gio/gio.h>
#include <string.h>

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
invalid (GError    **error,
         const char *why)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, why);
  return FALSE;
}

/* Serials are a decimal range; the width of serial_first is kept. */
static gboolean
append_units (ServerStore *store,
              const char  *product_id,
              const char  *batch_id,
              const char  *first,
              const char  *last,
              GError     **error)
{
  guint64 from, to;
  int width = (int) strlen (first);

  if (!g_ascii_string_to_unsigned (first, 10, 0, G_MAXUINT64, &from, NULL)
      || !g_ascii_string_to_unsigned (last, 10, 0, G_MAXUINT64, &to, NULL)
      || to < from || to - from >= SERVER_MAX_REGISTERED_UNITS || width > 20)
    return invalid (error, "serial_first..serial_last is not a decimal range of at most 100000");
  /* Each serial is registered once: again would reset a sold or recalled unit. */
  {
    g_autofree char *low = g_strdup_printf ("%0*" G_GUINT64_FORMAT, width, from);
    g_autofree char *high = g_strdup_printf ("%0*" G_GUINT64_FORMAT, width, to);

    if (strlen (high) != strlen (low))
      return invalid (error, "serial_first and serial_last must have as many digits");
    if (server_store_unit_in_range (store, product_id, low, high))
      return invalid (error, "some serials of serial_first..serial_last are registered already");
  }
  for (guint64 n = from; n <= to; n++)
    {
      g_autoptr(JsonObject) unit = json_object_new ();
      g_autofree char *serial = g_strdup_printf ("%0*" G_GUINT64_FORMAT, width, n);

      json_object_set_string_member (unit, "product_id", product_id);
      json_object_set_string_member (unit, "serial", serial);
      json_object_set_string_member (unit, "batch_id", batch_id);
      json_object_set_string_member (unit, "state", "commissioned");
      if (!server_store_append (store, "unit", unit, error))
        return FALSE;
    }
  return TRUE;
}

guint64
server_registration_units (const ServerRecord *record)
{
  g_autoptr(JsonNode) root = json_from_string (record->data, NULL);
  JsonObject *data = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *first = data ? member (data, "serial_first") : NULL;
  const char *last = data ? member (data, "serial_last") : NULL;
  guint64 from, to;

  if (data == NULL || g_strcmp0 (member (data, "mode"), "item") != 0 || first == NULL || last == NULL
      || !g_ascii_string_to_unsigned (first, 10, 0, G_MAXUINT64, &from, NULL)
      || !g_ascii_string_to_unsigned (last, 10, 0, G_MAXUINT64, &to, NULL) || to < from)
    return 0;
  return to - from == G_MAXUINT64 ? G_MAXUINT64 : to - from + 1;
}

gboolean
server_register_codes (ServerStore        *store,
                       const ServerRecord *record,
                       const char         *party,
                       GError            **error)
{
  g_autoptr(JsonNode) root = json_from_string (record->data, NULL);
  g_autoptr(JsonObject) event = json_object_new ();
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *product_id = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *known = NULL;
  JsonObject *data;
  const char *batch_id, *mode, *first, *last;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, "data is not an object");
  data = json_node_get_object (root);
  product_id = g_strdup (member (data, "product_id"));
  if (product_id == NULL)
    product_id = server_store_entity_member (store, "product", "gtin", member (data, "gtin"), "id");
  if (product_id == NULL || (known = server_store_entity_member (store, "product", "id", product_id, "id")) == NULL)
    return invalid (error, "no such product");
  batch_id = member (data, "batch_id");
  mode = member (data, "mode");

  /* Codes go to a batch of this very product, on the lot it has. */
  if (batch_id != NULL
      && (existing = server_store_entity_member (store, "batch", "id", batch_id, "product_id")) != NULL)
    {
      g_autofree char *lot = server_store_entity_member (store, "batch", "id", batch_id, "lot");

      if (strcmp (existing, product_id) != 0)
        return invalid (error, "forbidden: the batch is of another product");
      if (member (data, "lot") != NULL && g_strcmp0 (lot, member (data, "lot")) != 0)
        return invalid (error, "the batch has another lot");
    }
  /* A new lot becomes a batch; an existing one keeps its status (it may be recalled). */
  if (batch_id != NULL && existing == NULL)
    {
      g_autoptr(JsonObject) batch = json_object_new ();

      if (member (data, "lot") == NULL)
        return invalid (error, "a new batch needs a lot");
      /* Not a second batch for a lot a notice names. */
      if (!server_batch_check (store, batch_id, product_id, member (data, "lot"), error))
        return FALSE;
      json_object_set_string_member (batch, "id", batch_id);
      json_object_set_string_member (batch, "product_id", product_id);
      json_object_set_string_member (batch, "lot", member (data, "lot"));
      json_object_set_string_member (batch, "production_date", member (data, "production_date"));
      json_object_set_string_member (batch, "expiry_date", member (data, "expiry_date"));
      json_object_set_string_member (batch, "status", "normal");
      if (!server_store_append (store, "batch", batch, error))
        return FALSE;
    }

  first = member (data, "serial_first");
  last = member (data, "serial_last");
  if (g_strcmp0 (mode, "item") == 0
      && (first == NULL || last == NULL || !append_units (store, product_id, batch_id, first, last, error)))
    return error && *error ? FALSE : invalid (error, "mode item needs serial_first and serial_last");

  event_id = g_strconcat ("E-REG-", record->uuid, NULL);
  json_object_set_string_member (event, "id", event_id);
  json_object_set_string_member (event, "type", "commissioning");
  json_object_set_string_member (event, "time", record->created_at);
  json_object_set_string_member (event, "product_id", product_id);
  json_object_set_string_member (event, "batch_id", batch_id);
  json_object_set_string_member (event, "party_id", party);
  json_object_set_string_member (details, "record", record->uuid);
  json_object_set_string_member (details, "mode", mode);
  json_object_set_string_member (details, "serial_first", first);
  json_object_set_string_member (details, "serial_last", last);
  json_object_set_object_member (event, "data", g_steal_pointer (&details));
  return server_store_append (store, "event", event, error);
}
