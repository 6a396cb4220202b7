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
  g_ptr_array_unref (s->places);
  g_free (s->registration);
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
  if (store->scope_runs != NULL)
    g_hash_table_remove_all (store->scope_runs);
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

/* "region:330102": a party's region in full. A pull for a city or a
 * province expands its prefix to the regions under it (scope_regions). */
void
scope_add_region_keys (GPtrArray  *keys,
                       const char *region)
{
  if (region != NULL && *region)
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

/* The units a batch-level event carries, when it names them: the cases of
 * a consignment hold serials @first to @last (as registrations name them). */
static void
carried_range (JsonObject  *o,
               ChangeScope *s)
{
  const char *first = string_member (o, "serial_first"), *last = string_member (o, "serial_last");

  if (first && last && strlen (first) == strlen (last) && strcmp (first, last) <= 0)
    {
      s->first = first;
      s->last = last;
    }
}

/* A unit is where it was last seen, else at its maker; an event at its
 * party, from its source, to its destination, and its maker's. Anything
 * else reaches every terminal. A registration has only its place's keys:
 * its unit and batch find it through the unit indexes (foreach_unit), so
 * a province's units cost two keys each, not seven. */
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

  memset (s, 0, sizeof *s);
  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->anchors = g_ptr_array_new_with_free_func (g_free);
  s->places = g_ptr_array_new_with_free_func (g_free);
  if (!unit && !event)
    {
      g_ptr_array_add (s->keys, g_strdup (SERVER_SCOPE_GLOBAL));
      return;
    }
  if (product == NULL && batch != NULL && *(product = scope_member_of (store, "batch", batch, "product_id")) == '\0')
    product = NULL;
  s->maker = product ? scope_member_of (store, "product", product, "producer_id") : "";
  s->product = product;
  s->batch = batch;
  one = product != NULL && serial != NULL;
  if (one)
    s->serial = serial;
  if (unit)
    {
      const char *place = string_member (o, "last_party_id") ? string_member (o, "last_party_id") : s->maker;

      if (one)
        s->registration = unit_anchor (product, serial);
      add_place (store, s, place);
      if (*s->maker && g_strcmp0 (place, s->maker) != 0)
        scope_add_key (s->keys, server_scope_maker_key (s->maker));
    }
  else
    {
      if (batch != NULL && !one)
        carried_range (o, s);
      if (one)
        {
          char *anchor = unit_anchor (product, serial);

          s->unit = anchor;
          g_ptr_array_add (s->anchors, anchor);
        }
      if (batch != NULL)
        {
          char *anchor = g_strconcat ("batch:", batch, NULL);

          s->batch_anchor = anchor;
          g_ptr_array_add (s->anchors, anchor);
        }
      /* whole: every change of the batch not about one unit, with or
       * without a range: what says where its units went as a batch. */
      if (batch != NULL && !one)
        g_ptr_array_add (s->anchors, g_strconcat ("whole:", batch, NULL));
      add_place (store, s, string_member (o, "party_id"));
      add_place (store, s, string_member (o, "source_id"));
      add_place (store, s, string_member (o, "destination_id"));
      if (*s->maker)
        scope_add_key (s->keys, server_scope_maker_key (s->maker));
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

/* Each region a change is keyed by is in scope_regions, once: a pull for
 * a prefix (a city, a province) reads its regions there, in the snapshot
 * that holds the change (server_store_changes). A region found there
 * already stays known to this store (rows are never deleted), so a write
 * asks once per new region, not once per region and transaction; one
 * inserted now is known only to this transaction, which may roll back. */
static gboolean
note_regions (ServerStore       *store,
              const char *const *keys,
              GError           **error)
{
  if (store->scope_regions == NULL)
    store->scope_regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (; keys && *keys; keys++)
    {
      g_autofree char *memo = NULL;
      const char *region = g_str_has_prefix (*keys, "region:") ? *keys + strlen ("region:") : NULL;
      gint64 inserted;

      if (region == NULL || g_hash_table_contains (store->scope_regions, region))
        continue;
      memo = g_strconcat ("noted\x1f", region, NULL);
      if (g_hash_table_contains (scope_cache_of (store), memo))
        continue;
      inserted = store->backend->run (store, "INSERT INTO scope_regions (region) VALUES ($1) ON CONFLICT DO NOTHING",
                                      1, (const char *const []) { region }, NULL, NULL, error);
      if (inserted < 0)
        return FALSE;
      if (inserted == 0)
        g_hash_table_add (store->scope_regions, g_strdup (region));
      else
        g_hash_table_insert (scope_cache_of (store), g_steal_pointer (&memo), g_strdup ("1"));
    }
  return TRUE;
}

typedef struct {
  gint64 first, last;
} KeyRun;

/* Open runs at most: past it all are written (a run cut in two costs a row). */
#define RUNS_MAX 65536

static GHashTable *
runs_of (ServerStore *store)
{
  if (store->scope_runs == NULL)
    store->scope_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return store->scope_runs;
}

static gboolean
write_run (ServerStore *store,
           const char  *key,
           KeyRun      *run,
           GError     **error)
{
  return store->backend->tag (store, key, run->first, run->last, error);
}

gboolean
server_store_scope_flush (ServerStore *store,
                          GError     **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, runs_of (store));
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!write_run (store, key, value, error))
      return FALSE;
  g_hash_table_remove_all (store->scope_runs);
  return TRUE;
}

gboolean
scope_flush_key (ServerStore *store,
                 const char  *key,
                 GError     **error)
{
  KeyRun *run = g_hash_table_lookup (runs_of (store), key);

  if (run == NULL)
    return TRUE;
  if (!write_run (store, key, run, error))
    return FALSE;
  g_hash_table_remove (store->scope_runs, key);
  return TRUE;
}

/* @keys for the change @seq: a key the change before had too grows that
 * run, so a batch's registrations (or a copy of them) are one row a key. */
static gboolean
add_to_runs (ServerStore       *store,
             const char *const *keys,
             gint64             seq,
             GError           **error)
{
  for (; keys && *keys; keys++)
    {
      KeyRun *run = g_hash_table_lookup (runs_of (store), *keys);

      if (run != NULL && run->last == seq - 1)
        run->last = seq;
      else if (run != NULL)
        {
          if (!write_run (store, *keys, run, error))
            return FALSE;
          run->first = run->last = seq;
        }
      else
        {
          run = g_new (KeyRun, 1);
          run->first = run->last = seq;
          g_hash_table_insert (store->scope_runs, g_strdup (*keys), run);
        }
    }
  return g_hash_table_size (store->scope_runs) < RUNS_MAX || server_store_scope_flush (store, error);
}

gint64
scope_append_change (ServerStore       *store,
                     const char        *type,
                     const char        *text,
                     const char *const *keys,
                     gint64             copy_of,
                     GError           **error)
{
  gint64 seq;

  if (!note_regions (store, keys, error) || (seq = store->backend->append (store, type, text, copy_of, error)) <= 0)
    return 0;
  return add_to_runs (store, keys, seq, error) ? seq : 0;
}

gboolean
scope_tag_change (ServerStore       *store,
                  gint64             seq,
                  const char *const *keys,
                  GError           **error)
{
  return note_regions (store, keys, error) && add_to_runs (store, keys, seq, error);
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
       && (seq = scope_append_change (store, type, text, (const char *const *) keys->pdata, 0, error)) > 0;
  if (ok)
    {
      scope_remember (store, type, object);
      scope_note (store, &s, seq, type, text);
    }
  scope_clear (&s);
  return ok;
}

