/* server-store-scope.c — whom each change concerns, as keys written beside it
 * (change_scope), and the history a unit or batch brings when it enters a
 * scope it was never in (docs/api.md, "Scoped pull").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-store-scope.h"

#include <gio/gio.h>
#include <string.h>

#define BACKFILL_PAGE 5000

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

typedef struct {
  GPtrArray *keys;      /* what terminals pull by */
  GPtrArray *anchors;   /* "unit:…", "batch:ID": the history's own keys */
  GPtrArray *places;    /* the parties an event happens at, from or to */
  const char *history;  /* the anchor whose history follows it: the unit, else the batch */
} ChangeScope;

static void
change_scope_clear (ChangeScope *s)
{
  g_ptr_array_unref (s->keys);
  g_ptr_array_unref (s->anchors);
  g_ptr_array_unref (s->places);
}

static gboolean
holds (GPtrArray  *list,
       const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (list->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* Adds @key (taken) unless @list holds it already. */
static void
add_key (GPtrArray *list,
         char      *key)
{
  if (holds (list, key))
    g_free (key);
  else
    g_ptr_array_add (list, key);
}

static void
forget_value (gpointer data)
{
  g_free (data);
}

void
server_store_scope_forget (ServerStore *store)
{
  if (store->scope_cache != NULL)
    g_hash_table_remove_all (store->scope_cache);
}

static GHashTable *
cache (ServerStore *store)
{
  if (store->scope_cache == NULL)
    store->scope_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, forget_value);
  return store->scope_cache;
}

/* @member of the entity @type @id as the feed holds it now; "" when none.
 * Looked up once a transaction: an import names the same party many times. */
static const char *
member_of (ServerStore *store,
           const char  *type,
           const char  *id,
           const char  *member)
{
  g_autofree char *key = g_strconcat (type, "\x1f", id, "\x1f", member, NULL);
  const char *value = g_hash_table_lookup (cache (store), key);
  char *found;

  if (value != NULL)
    return value;
  found = server_store_entity_member (store, type, "id", id, member);
  value = found ? found : g_strdup ("");
  g_hash_table_insert (cache (store), g_steal_pointer (&key), (char *) value);
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
    g_hash_table_insert (cache (store), g_strconcat (type, "\x1f", id, "\x1f", member, NULL),
                         g_strdup (value ? value : ""));
}

/* "region:33", "region:3301", "region:330102": a county code is in its
 * city's and province's scopes too (GB/T 2260 levels), and in full. */
static void
add_region_keys (GPtrArray  *keys,
                 const char *region)
{
  gsize len = strlen (region);

  for (gsize level = 2; level <= 6 && level < len; level += 2)
    {
      g_autofree char *prefix = g_strndup (region, level);

      add_key (keys, server_scope_region_key (prefix));
    }
  if (len > 0)
    add_key (keys, server_scope_region_key (region));
}

static void
add_place (ServerStore *store,
           ChangeScope *s,
           const char  *party_id)
{
  if (party_id == NULL || *party_id == '\0')
    return;
  add_key (s->places, g_strdup (party_id));
  add_key (s->keys, server_scope_party_key (party_id));
  add_region_keys (s->keys, member_of (store, "party", party_id, "region"));
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
static void
scope_of (ServerStore *store,
          const char  *type,
          JsonObject  *o,
          ChangeScope *s)
{
  gboolean unit = strcmp (type, "unit") == 0, event = strcmp (type, "event") == 0;
  const char *batch = unit || event ? string_member (o, "batch_id") : NULL;
  const char *product = unit || event ? string_member (o, "product_id") : NULL;
  const char *serial = unit || event ? string_member (o, "serial") : NULL;
  const char *maker;

  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->anchors = g_ptr_array_new_with_free_func (g_free);
  s->places = g_ptr_array_new_with_free_func (g_free);
  s->history = NULL;
  if (!unit && !event)
    {
      g_ptr_array_add (s->keys, g_strdup (SERVER_SCOPE_GLOBAL));
      return;
    }
  if (product == NULL && batch != NULL && *(product = member_of (store, "batch", batch, "product_id")) == '\0')
    product = NULL;
  maker = product ? member_of (store, "product", product, "producer_id") : "";
  if (product != NULL && serial != NULL)
    g_ptr_array_add (s->anchors, unit_anchor (product, serial));
  if (batch != NULL)
    g_ptr_array_add (s->anchors, g_strconcat ("batch:", batch, NULL));
  if (s->anchors->len > 0)
    s->history = s->anchors->pdata[0];
  if (*maker)
    add_key (s->keys, server_scope_maker_key (maker));
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

/* Whether a change of any of @anchors has @key: the unit or its batch has
 * been in that scope. Kept for the transaction once known. */
static int
has_been (ServerStore *store,
          GPtrArray   *anchors,
          const char  *key,
          GError     **error)
{
  for (guint i = 0; i < anchors->len; i++)
    {
      g_autofree char *memo = g_strconcat ("seen\x1f", (char *) anchors->pdata[i], "\x1f", key, NULL);
      int found;

      if (g_hash_table_contains (cache (store), memo))
        return 1;
      if ((found = store->backend->tagged_both (store, anchors->pdata[i], key, error)) != 0)
        {
          if (found > 0)
            g_hash_table_insert (cache (store), g_steal_pointer (&memo), g_strdup ("1"));
          return found;
        }
    }
  return 0;
}

/* The keys of the scopes @s enters that its unit or batch was never in: a
 * party it was never at, and that party's regions it was never in. */
static gboolean
new_scopes (ServerStore *store,
            ChangeScope *s,
            GPtrArray   *missing,
            GError     **error)
{
  for (guint p = 0; p < s->places->len; p++)
    {
      g_autofree char *party = server_scope_party_key (s->places->pdata[p]);
      g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
      int seen = has_been (store, s->anchors, party, error);

      if (seen < 0)
        return FALSE;
      if (seen)
        continue;
      add_key (missing, g_steal_pointer (&party));
      add_region_keys (regions, member_of (store, "party", s->places->pdata[p], "region"));
      for (guint r = 0; r < regions->len; r++)
        if ((seen = has_been (store, s->anchors, regions->pdata[r], error)) < 0)
          return FALSE;
        else if (!seen)
          add_key (missing, g_strdup (regions->pdata[r]));
    }
  return TRUE;
}

typedef struct {
  gint64 seq;
  char *type;
  char *data;
} Held;

static void
held_free (gpointer data)
{
  Held *h = data;

  g_free (h->type);
  g_free (h->data);
  g_free (h);
}

static void
hold_change (gint64 seq, const char *type, const char *data, gsize len, gpointer user_data)
{
  Held *h = g_new (Held, 1);

  h->seq = seq;
  h->type = g_strdup (type);
  h->data = g_strndup (data, len);
  g_ptr_array_add (user_data, h);
}

/* Copies of every change of @anchor before @before, in their order, with
 * @keys alone: a terminal of that scope learns the unit (or the batch's
 * units) and what happened to it before it came. Not anchored themselves,
 * so copies are never copied again. */
static gboolean
copy_history (ServerStore       *store,
              const char        *anchor,
              gint64             before,
              const char *const *keys,
              GError           **error)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (held_free);
  const char *const one[] = { anchor, NULL };

  if (!store->backend->foreach_scoped (store, 0, G_MAXUINT, one, hold_change, held, error))
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      Held *h = held->pdata[i];

      if (h->seq < before && !store->backend->append (store, h->type, h->data, keys, h->seq, error))
        return FALSE;
    }
  return TRUE;
}

/* The change's history for the scopes it enters; @seq the change's own
 * number when it is in the feed already (the backfill), else 0. */
static gboolean
bring_history (ServerStore *store,
               ChangeScope *s,
               gint64       seq,
               GPtrArray   *missing,
               GError     **error)
{
  if (s->history == NULL || s->places->len == 0)
    return TRUE;
  if (!new_scopes (store, s, missing, error))
    return FALSE;
  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  if (!copy_history (store, s->history, seq > 0 ? seq : G_MAXINT64, (const char *const *) missing->pdata, error))
    return FALSE;
  g_ptr_array_remove_index (missing, missing->len - 1);
  /* Later changes of this unit or batch at these places need not look again. */
  for (guint a = 0; a < s->anchors->len; a++)
    for (guint k = 0; k < missing->len; k++)
      g_hash_table_insert (cache (store), g_strconcat ("seen\x1f", (char *) s->anchors->pdata[a], "\x1f",
                                                       (char *) missing->pdata[k], NULL), g_strdup ("1"));
  return TRUE;
}

/* The keys of @s: its scope keys, then its anchors, NULL-terminated. */
static GPtrArray *
all_keys (ChangeScope *s)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < s->keys->len; i++)
    g_ptr_array_add (all, s->keys->pdata[i]);
  for (guint i = 0; i < s->anchors->len; i++)
    g_ptr_array_add (all, s->anchors->pdata[i]);
  g_ptr_array_add (all, NULL);
  return all;
}

static void
remember (ServerStore *store,
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
  gboolean ok;

  scope_of (store, type, object, &s);
  keys = all_keys (&s);
  ok = (strcmp (type, "event") != 0 || bring_history (store, &s, 0, missing, error))
       && store->backend->append (store, type, text, (const char *const *) keys->pdata, 0, error);
  if (ok)
    remember (store, type, object);
  change_scope_clear (&s);
  return ok;
}

/* One change of the old feed: its keys, and the history it would have
 * brought, then (so the history comes before it) a copy of it too. */
static gboolean
backfill_one (ServerStore *store,
              Held        *h,
              GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (h->data, NULL);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = NULL;
  gboolean copied, ok = TRUE;
  ChangeScope s;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return store->backend->tag (store, h->seq, (const char *const []) { SERVER_SCOPE_GLOBAL, NULL }, error);
  scope_of (store, h->type, json_node_get_object (node), &s);
  keys = all_keys (&s);
  if (strcmp (h->type, "event") == 0)
    ok = bring_history (store, &s, h->seq, missing, error);
  copied = ok && missing->len > 0;
  if (copied)
    {
      g_ptr_array_add (missing, NULL);
      ok = store->backend->append (store, h->type, h->data, (const char *const *) missing->pdata, h->seq, error);
    }
  ok = ok && store->backend->tag (store, h->seq, (const char *const *) keys->pdata, error);
  if (ok)
    remember (store, h->type, json_node_get_object (node));
  change_scope_clear (&s);
  return ok;
}

static gboolean
backfill (ServerStore *store,
          gpointer     user_data,
          GError     **error)
{
  gint64 through = store->backend->backfill_through (store);
  gint64 after = 0;

  if (through < 0)
    return TRUE;   /* another server did it first */
  while (after < through)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (held_free);
      guint limit = (guint) MIN (BACKFILL_PAGE, through - after);

      if (!store->backend->foreach_change (store, after, limit, hold_change, page, error))
        return FALSE;
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          Held *h = page->pdata[i];

          /* Past it are the copies this backfill made: tagged already. */
          if (h->seq > through)
            return store->backend->backfill_done (store, error);
          if (!backfill_one (store, h, error))
            return FALSE;
          after = h->seq;
        }
    }
  return store->backend->backfill_done (store, error);
}

gboolean
server_store_scope_backfill (ServerStore *store,
                             GError     **error)
{
  if (store->backend->backfill_through (store) < 0)
    return TRUE;
  if (!server_store_transaction (store, backfill, NULL, error))
    return FALSE;
  g_message ("the change feed now says whom each change concerns (scoped pull)");
  return TRUE;
}
