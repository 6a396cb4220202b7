/* server-master-data.c — see server-master-data.h. Every terminal applies the
 * feed as insert-or-replace, so what is appended here must be what a
 * terminal accepts, and must not take over another producer's rows through a
 * shared id, GTIN, product key or lot.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-master-data.h"

#include <gio/gio.h>
#include <string.h>

#define MAX_TEXT 8192  /* terminals refuse longer strings */
#define MAX_ID 200

typedef struct {
  const char *plural;
  const char *type;
  const char *const *members;   /* the exchange format's; others are dropped */
  const char *const *required;
  const char *const *regulated; /* set by the regulator: a producer's values give way to the feed's */
} Kind;

static const char *const party_members[] = { "id", "name", "kind", "licence_no", "licence_valid_until",
                                             "licence_status", "region", "credit_class", "abnormal", NULL };
static const char *const product_members[] = { "id", "gtin", "product_key", "drug_id", "name", "spec", "category",
                                               "producer_id", "shelf_life_days", "approval_no", "storage",
                                               "origin", NULL };
static const char *const batch_members[] = { "id", "product_id", "lot", "production_date", "expiry_date", "status",
                                             "notice", "notice_id", NULL };
static const char *const name_required[] = { "id", "name", NULL };
static const char *const batch_required[] = { "id", "product_id", "lot", NULL };
static const char *const party_regulated[] = { "kind", "licence_valid_until", "licence_status", "credit_class",
                                               "abnormal", NULL };
static const char *const no_members[] = { NULL };
static const char *const batch_regulated[] = { "status", "notice", "notice_id", NULL };

/* Parents before children, as an import applies them. */
static const Kind kinds[] = {
  { "parties", "party", party_members, name_required, party_regulated },
  { "products", "product", product_members, name_required, no_members },
  { "batches", "batch", batch_members, batch_required, batch_regulated },
};

static gboolean refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* A refusal of just this record; ids in messages are cut short, they came
 * from the network. */
static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
server_master_data_is (const char *data)
{
  g_autoptr(JsonNode) root = data ? json_from_string (data, NULL) : NULL;

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         && g_strcmp0 (string_member (json_node_get_object (root), "type"), "master-data") == 0;
}

/* A copy of @item with only the kind's members, each a plain value a
 * terminal stores, and the required ones present. */
static JsonObject *
clean_object (const Kind *kind,
              JsonNode   *item,
              guint       index,
              GError    **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  JsonObject *in;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return (refuse (error, "%s[%u] is not an object", kind->plural, index), NULL);
  in = json_node_get_object (item);
  for (guint i = 0; kind->members[i]; i++)
    {
      JsonNode *node = json_object_get_member (in, kind->members[i]);

      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_VALUE (node))
        return (refuse (error, "%s[%u]: %s is not a plain value", kind->plural, index, kind->members[i]), NULL);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && strlen (json_node_get_string (node)) > MAX_TEXT)
        return (refuse (error, "%s[%u]: %s is longer than %d bytes", kind->plural, index, kind->members[i],
                        MAX_TEXT), NULL);
      json_object_set_member (out, kind->members[i], json_node_copy (node));
    }
  for (guint i = 0; kind->required[i]; i++)
    {
      const char *value = string_member (out, kind->required[i]);

      if (value == NULL || *value == '\0')
        return (refuse (error, "%s[%u]: “%s” is missing", kind->plural, index, kind->required[i]), NULL);
    }
  if (strlen (string_member (out, "id")) > MAX_ID)
    return (refuse (error, "%s[%u]: id is longer than %d bytes", kind->plural, index, MAX_ID), NULL);
  return g_steal_pointer (&out);
}

/* No other product holds @value as its current @key (gtin, product_key). */
static gboolean
product_key_free (ServerStore *store,
                  const char  *key,
                  const char  *value,
                  const char  *id)
{
  g_autofree char *other = server_store_entity_member (store, "product", key, value, "id");
  g_autofree char *current = NULL;

  if (other == NULL || strcmp (other, id) == 0)
    return TRUE;
  /* That product may have changed its key since. */
  current = server_store_entity_member (store, "product", "id", other, key);
  return g_strcmp0 (current, value) != 0;
}

static gboolean
is_gtin14 (const char *text)
{
  if (strlen (text) != 14)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
owned_by (ServerStore *store,
          const char  *product_id,
          const char  *party)
{
  g_autofree char *owner = server_store_product_owner (store, product_id, NULL);

  return owner != NULL && g_strcmp0 (owner, party) == 0;
}

static gboolean
check_party (ServerStore           *store,
             const ServerPrincipal *who,
             JsonObject            *party,
             GError               **error)
{
  const char *id = string_member (party, "id");

  if (who->role == SERVER_ROLE_PRODUCER && g_strcmp0 (id, who->party) != 0)
    return refuse (error, "forbidden: party %.80s is not this token's party", id);
  return TRUE;
}

static gboolean
check_product (ServerStore           *store,
               const ServerPrincipal *who,
               JsonObject            *product,
               GError               **error)
{
  const char *id = string_member (product, "id");
  const char *gtin = string_member (product, "gtin");
  const char *key = string_member (product, "product_key");
  g_autofree char *known = NULL;

  if (gtin != NULL && !is_gtin14 (gtin))
    return refuse (error, "product %.80s: gtin must be 14 digits", id);
  if (gtin != NULL && !product_key_free (store, "gtin", gtin, id))
    return refuse (error, "product %.80s: GTIN %.20s belongs to another product", id, gtin);
  if (key != NULL && !product_key_free (store, "product_key", key, id))
    return refuse (error, "product %.80s: product key %.80s belongs to another product", id, key);
  if (who->role != SERVER_ROLE_PRODUCER)
    return TRUE;
  if (g_strcmp0 (string_member (product, "producer_id"), who->party) != 0)
    return refuse (error, "forbidden: product %.80s: producer_id must be this token's party", id);
  known = server_store_entity_member (store, "product", "id", id, "id");
  if (known != NULL && !owned_by (store, id, who->party))
    return refuse (error, "forbidden: product %.80s belongs to another producer", id);
  return TRUE;
}

static gboolean
check_batch (ServerStore           *store,
             const ServerPrincipal *who,
             JsonObject            *batch,
             GError               **error)
{
  const char *id = string_member (batch, "id");
  const char *product_id = string_member (batch, "product_id");
  const char *lot = string_member (batch, "lot");
  g_autofree char *known = server_store_entity_member (store, "product", "id", product_id, "id");
  g_autofree char *was_of = server_store_entity_member (store, "batch", "id", id, "product_id");
  g_autofree char *same_lot = server_store_entity_member (store, "batch", "lot", lot, "id");

  if (known == NULL)
    return refuse (error, "batch %.80s: no such product %.80s", id, product_id);
  if (who->role == SERVER_ROLE_PRODUCER
      && (!owned_by (store, product_id, who->party) || (was_of != NULL && !owned_by (store, was_of, who->party))))
    return refuse (error, "forbidden: batch %.80s is not of a product of this token's party", id);
  /* Terminals keep one batch per product and lot: another id would replace it. */
  if (same_lot != NULL && strcmp (same_lot, id) != 0)
    {
      g_autofree char *other_product = server_store_entity_member (store, "batch", "id", same_lot, "product_id");
      g_autofree char *other_lot = server_store_entity_member (store, "batch", "id", same_lot, "lot");

      if (g_strcmp0 (other_product, product_id) == 0 && g_strcmp0 (other_lot, lot) == 0)
        return refuse (error, "batch %.80s: lot %.80s of product %.80s is already batch %.80s", id, lot, product_id, same_lot);
    }
  return TRUE;
}

/* A producer's word does not change what the regulator set: those members
 * come from the feed (or the defaults of a new object). */
static void
keep_regulated (ServerStore *store,
                const Kind  *kind,
                JsonObject  *object)
{
  g_autofree char *text = server_store_entity_member (store, kind->type, "id", string_member (object, "id"), NULL);
  g_autoptr(JsonNode) old = text ? json_from_string (text, NULL) : NULL;
  JsonObject *was = old && JSON_NODE_HOLDS_OBJECT (old) ? json_node_get_object (old) : NULL;

  for (guint i = 0; kind->regulated[i]; i++)
    {
      JsonNode *value = was ? json_object_get_member (was, kind->regulated[i]) : NULL;

      json_object_remove_member (object, kind->regulated[i]);
      if (value != NULL)
        json_object_set_member (object, kind->regulated[i], json_node_copy (value));
    }
  if (was == NULL && strcmp (kind->type, "party") == 0)
    json_object_set_string_member (object, "kind", "producer");
  if (was == NULL && strcmp (kind->type, "batch") == 0)
    json_object_set_string_member (object, "status", "normal");
}

static gboolean
apply_list (ServerStore           *store,
            const ServerPrincipal *who,
            const Kind            *kind,
            JsonArray             *list,
            GError               **error)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      g_autoptr(JsonObject) object = clean_object (kind, json_array_get_element (list, i), i, error);
      gboolean ok;

      if (object == NULL)
        return FALSE;
      if (kind->members == party_members)
        ok = check_party (store, who, object, error);
      else if (kind->members == product_members)
        ok = check_product (store, who, object, error);
      else
        ok = check_batch (store, who, object, error);
      if (!ok)
        return FALSE;
      if (who->role == SERVER_ROLE_PRODUCER)
        keep_regulated (store, kind, object);
      if (!server_store_append (store, kind->type, object, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
known_list (const char *name)
{
  if (strcmp (name, "type") == 0)
    return TRUE;
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (strcmp (name, kinds[k].plural) == 0)
      return TRUE;
  return FALSE;
}

gboolean
server_master_data_apply (ServerStore           *store,
                          const ServerRecord    *record,
                          const ServerPrincipal *who,
                          GError               **error)
{
  g_autoptr(JsonNode) root = json_from_string (record->data, NULL);
  g_autoptr(GList) names = NULL;
  JsonObject *data;
  guint total = 0;

  if (who->role != SERVER_ROLE_PRODUCER && who->role != SERVER_ROLE_ADMIN)
    return refuse (error, "forbidden: only producers and admins may send master data");
  if (who->role == SERVER_ROLE_PRODUCER && who->party == NULL)
    return refuse (error, "forbidden: this producer token names no party");
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return refuse (error, "data is not an object");
  data = json_node_get_object (root);
  names = json_object_get_members (data);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *list = json_object_get_member (data, l->data);

      if (!known_list (l->data))
        return refuse (error, "master data carries parties, products and batches, not “%.40s”", (char *) l->data);
      if (strcmp (l->data, "type") != 0 && !JSON_NODE_HOLDS_ARRAY (list))
        return refuse (error, "%s is not an array", (char *) l->data);
      if (strcmp (l->data, "type") != 0)
        total += json_array_get_length (json_node_get_array (list));
    }
  if (total == 0)
    return refuse (error, "master data without parties, products or batches");
  if (total > SERVER_MASTER_DATA_MAX_OBJECTS)
    return refuse (error, "at most %d objects per master-data record", SERVER_MASTER_DATA_MAX_OBJECTS);
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonNode *list = json_object_get_member (data, kinds[k].plural);

      if (list != NULL && !apply_list (store, who, &kinds[k], json_node_get_array (list), error))
        return FALSE;
    }
  return TRUE;
}
