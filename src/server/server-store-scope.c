/* server-store-scope.c — whom each change concerns, as keys written beside it
 * (change_scope); the history a unit brings is server-store-scope-history.c
 * (docs/api.md, "Scoped pull").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-store-scope-private.h"

#include <gio/gio.h>
#include <string.h>

char *
server_scope_party_key (const char *party_id)
{
  return g_strconcat ("party:", party_id, NULL);
}

char *
server_scope_region_key (const char *region)
{
  return g_strconcat ("region:", region, NULL);
}

char *
server_scope_maker_key (const char *party_id)
{
  return g_strconcat ("maker:", party_id, NULL);
}

/* The length keeps "unit:" keys apart whatever the ids hold. */
static char *
unit_anchor (const char *product_id,
             const char *serial)
{
  return g_strdup_printf ("unit:%zu:%s%s", strlen (product_id), product_id, serial);
}

void
scope_clear (ChangeScope *s)
{
  g_ptr_array_unref (s->keys);
  g_ptr_array_unref (s->anchors);
  g_ptr_array_unref (s->presence);
  g_ptr_array_unref (s->places);
}

gboolean
scope_holds (GPtrArray  *list,
             const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (list->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* Adds @key (taken) unless @list holds it already. */
void
scope_add_key (GPtrArray *list,
               char      *key)
{
  if (scope_holds (list, key))
    g_free (key);
  else
    g_ptr_array_add (list, key);
}

void
server_store_scope_forget (ServerStore *store)
{
  if (store->scope_cache != NULL)
    g_hash_table_remove_all (store->scope_cache);
  scope_forget_known (store);
}

GHashTable *
scope_cache_of (ServerStore *store)
{
  if (store->scope_cache == NULL)
    store->scope_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return store->scope_cache;
}

/* @member of the entity @type @id as the feed holds it now; "" when none.
 * Looked up once a transaction: an import names the same party many times. */
const char *
scope_member_of (ServerStore *store,
                 const char  *type,
                 const char  *id,
                 const char  *member)
{
  g_autofree char *key = g_strconcat (type, "\x1f", id, "\x1f", member, NULL);
  const char *value = g_hash_table_lookup (scope_cache_of (store), key);
  char *found;

  if (value != NULL)
    return value;
  found = server_store_entity_member (store, type, "id", id, member);
  value = found ? found : g_strdup ("");
  g_hash_table_insert (scope_cache_of (store), g_steal_pointer (&key), (char *) value);
  return value;
}

static void
remember_member (ServerStore *store,
                 const char  *type,
                 JsonObject  *object,
                 const char  *member)
{
  const char *id = json_object_get_string_member_with_default (object, "id", NULL);
  const char *value = json_object_get_string_member_with_default (object, member, NULL);

  if (id != NULL)
    g_hash_table_insert (scope_cache_of (store), g_strconcat (type, "\x1f", id, "\x1f", member, NULL),
                         g_strdup (value ? value : ""));
}

/* "region:33", "region:3301", "region:330102": a county code is in its
 * city's and province's scopes too (GB/T 2260 levels), and in full. */
void
scope_add_region_keys (GPtrArray  *keys,
                       const char *region)
{
  gsize len = strlen (region);

  for (gsize level = 2; level <= 6 && level < len; level += 2)
    {
      g_autofree char *prefix = g_strndup (region, level);

      scope_add_key (keys, server_scope_region_key (prefix));
    }
  if (len > 0)
    scope_add_key (keys, server_scope_region_key (region));
}

static void
add_place (ServerStore *store,
           ChangeScope *s,
           const char  *party_id)
{
  if (party_id == NULL || *party_id == '\0')
    return;
  scope_add_key (s->places, g_strdup (party_id));
  scope_add_key (s->keys, server_scope_party_key (party_id));
  scope_add_region_keys (s->keys, scope_member_of (store, "party", party_id, "region"));
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  const char *value = json_object_get_string_member_with_default (o, name, NULL);

  return value && *value ? value : NULL;
}

/* A unit is where it was last seen, else at its maker; an event at its
 * party, from its source, to its destination; both are its maker's too.
 * Anything else reaches every terminal. */
void
scope_of (ServerStore *store,
          const char  *type,
          JsonObject  *o,
          ChangeScope *s)
{
  gboolean unit = strcmp (type, "unit") == 0, event = strcmp (type, "event") == 0, one;
  const char *batch = unit || event ? string_member (o, "batch_id") : NULL;
  const char *product = unit || event ? string_member (o, "product_id") : NULL;
  const char *serial = unit || event ? string_member (o, "serial") : NULL;
  const char *maker;

  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->anchors = g_ptr_array_new_with_free_func (g_free);
  s->presence = g_ptr_array_new_with_free_func (g_free);
  s->places = g_ptr_array_new_with_free_func (g_free);
  s->history = NULL;
  if (!unit && !event)
    {
      g_ptr_array_add (s->keys, g_strdup (SERVER_SCOPE_GLOBAL));
      return;
    }
  if (product == NULL && batch != NULL && *(product = scope_member_of (store, "batch", batch, "product_id")) == '\0')
    product = NULL;
  maker = product ? scope_member_of (store, "product", product, "producer_id") : "";
  /* A unit has been where it or its whole batch was; a batch, where any of
   * it was (a case of it shipped is the batch: cases are not modelled). */
  one = product != NULL && serial != NULL;
  if (one)
    {
      g_ptr_array_add (s->anchors, unit_anchor (product, serial));
      g_ptr_array_add (s->presence, unit_anchor (product, serial));
      if (batch != NULL)
        g_ptr_array_add (s->presence, g_strconcat ("whole:", batch, NULL));
    }
  if (batch != NULL)
    g_ptr_array_add (s->anchors, g_strconcat ("batch:", batch, NULL));
  if (batch != NULL && !one)
    {
      g_ptr_array_add (s->anchors, g_strconcat ("whole:", batch, NULL));
      g_ptr_array_add (s->presence, g_strconcat ("batch:", batch, NULL));
    }
  if (s->anchors->len > 0)
    s->history = s->anchors->pdata[0];
  if (*maker)
    scope_add_key (s->keys, server_scope_maker_key (maker));
  if (unit)
    add_place (store, s, string_member (o, "last_party_id") ? string_member (o, "last_party_id") : maker);
  else
    {
      add_place (store, s, string_member (o, "party_id"));
      add_place (store, s, string_member (o, "source_id"));
      add_place (store, s, string_member (o, "destination_id"));
    }
  if (s->keys->len == 0)
    g_ptr_array_add (s->keys, g_strdup (SERVER_SCOPE_GLOBAL));
}

/* The keys of @s: its scope keys, then its anchors, NULL-terminated. */
GPtrArray *
scope_all_keys (ChangeScope *s)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < s->keys->len; i++)
    g_ptr_array_add (all, s->keys->pdata[i]);
  for (guint i = 0; i < s->anchors->len; i++)
    g_ptr_array_add (all, s->anchors->pdata[i]);
  g_ptr_array_add (all, NULL);
  return all;
}

void
scope_remember (ServerStore *store,
                const char  *type,
                JsonObject  *object)
{
  if (strcmp (type, "party") == 0)
    remember_member (store, "party", object, "region");
  else if (strcmp (type, "product") == 0)
    remember_member (store, "product", object, "producer_id");
  else if (strcmp (type, "batch") == 0)
    remember_member (store, "batch", object, "product_id");
}

gboolean
server_store_scope_append (ServerStore *store,
                           const char  *type,
                           JsonObject  *object,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = NULL;
  ChangeScope s;
  gint64 seq = 0;
  gboolean ok;

  scope_of (store, type, object, &s);
  keys = scope_all_keys (&s);
  ok = (strcmp (type, "event") != 0 || scope_bring_history (store, &s, 0, missing, error))
       && (seq = store->backend->append (store, type, text, (const char *const *) keys->pdata, 0, error)) > 0;
  if (ok)
    {
      scope_remember (store, type, object);
      scope_note (store, &s, seq, type, text);
    }
  scope_clear (&s);
  return ok;
}

