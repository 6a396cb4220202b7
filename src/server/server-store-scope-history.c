/* server-store-scope-history.c — the history a unit or batch brings when it
 * enters a scope it was never in, and keys for a feed older than scopes
 * (docs/api.md, "Scoped pull").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-store-scope-private.h"

#include <gio/gio.h>
#include <string.h>

#define BACKFILL_PAGE 5000

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

/* What the feed holds of a unit, or of a batch as a whole: few changes,
 * read once a transaction and kept up to date by scope_note, so an event
 * asks the database once, not once per place and region. */
typedef struct {
  GPtrArray  *rows;   /* Held, in seq order */
  GHashTable *keys;   /* the scope keys of any of them */
} Known;

static void
known_free (gpointer data)
{
  Known *k = data;

  g_ptr_array_unref (k->rows);
  g_hash_table_unref (k->keys);
  g_free (k);
}

static gboolean
small_anchor (const char *anchor)
{
  return g_str_has_prefix (anchor, "unit:") || g_str_has_prefix (anchor, "whole:");
}

static void
known_add (ServerStore *store,
           Known       *k,
           gint64       seq,
           const char  *type,
           const char  *data,
           GPtrArray   *keys)
{
  Held *h = g_new (Held, 1);

  h->seq = seq;
  h->type = g_strdup (type);
  h->data = g_strdup (data);
  g_ptr_array_add (k->rows, h);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (k->keys, g_strdup (keys->pdata[i]));
}

static Known *
known_of (ServerStore *store,
          const char  *anchor,
          GError     **error)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (held_free);
  const char *const one[] = { anchor, NULL };
  Known *k;

  if (store->scope_known == NULL)
    store->scope_known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_free);
  if ((k = g_hash_table_lookup (store->scope_known, anchor)) != NULL)
    return k;
  if (!store->backend->foreach_scoped (store, 0, G_MAXUINT, one, hold_change, held, error))
    return NULL;
  k = g_new (Known, 1);
  k->rows = g_ptr_array_new_with_free_func (held_free);
  k->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < held->len; i++)
    {
      Held *h = held->pdata[i];
      g_autoptr(JsonNode) node = json_from_string (h->data, NULL);
      ChangeScope s;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      scope_of (store, h->type, json_node_get_object (node), &s);
      known_add (store, k, h->seq, h->type, h->data, s.keys);
      scope_clear (&s);
    }
  g_hash_table_insert (store->scope_known, g_strdup (anchor), k);
  return k;
}

void
scope_note (ServerStore *store,
            ChangeScope *s,
            gint64       seq,
            const char  *type,
            const char  *data)
{
  for (guint a = 0; store->scope_known && a < s->anchors->len; a++)
    {
      Known *k = g_hash_table_lookup (store->scope_known, s->anchors->pdata[a]);

      if (k != NULL)
        known_add (store, k, seq, type, data, s->keys);
    }
}

void
scope_forget_known (ServerStore *store)
{
  if (store->scope_known != NULL)
    g_hash_table_remove_all (store->scope_known);
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
      Known *k;

      if (g_hash_table_contains (scope_cache_of (store), memo))
        return 1;
      if (small_anchor (anchors->pdata[i]))
        {
          if ((k = known_of (store, anchors->pdata[i], error)) == NULL)
            return -1;
          if (g_hash_table_contains (k->keys, key))
            return 1;
          continue;
        }
      if ((found = store->backend->tagged_both (store, anchors->pdata[i], key, error)) != 0)
        {
          if (found > 0)
            g_hash_table_insert (scope_cache_of (store), g_steal_pointer (&memo), g_strdup ("1"));
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
      int seen = has_been (store, s->presence, party, error);

      if (seen < 0)
        return FALSE;
      if (seen)
        continue;
      scope_add_key (missing, g_steal_pointer (&party));
      scope_add_region_keys (regions, scope_member_of (store, "party", s->places->pdata[p], "region"));
      for (guint r = 0; r < regions->len; r++)
        if ((seen = has_been (store, s->presence, regions->pdata[r], error)) < 0)
          return FALSE;
        else if (!seen)
          scope_add_key (missing, g_strdup (regions->pdata[r]));
    }
  return TRUE;
}

/* Units waiting to be copied as one "units" change, and the seq of the first. */
typedef struct {
  GString *list;
  gint64 first;
} Units;

static gboolean
flush_units (ServerStore       *store,
             Units             *units,
             const char *const *keys,
             GError           **error)
{
  g_autofree char *text = NULL;

  if (units->list->len == 0)
    return TRUE;
  text = g_strdup_printf ("{\"units\":[%s]}", units->list->str);
  g_string_truncate (units->list, 0);
  return store->backend->append (store, "units", text, keys, units->first, error) > 0;
}

/* Copies of every change of @anchor before @before, in their order, with
 * @keys alone: a terminal of that scope learns the unit (or the batch's
 * units) and what happened to it before it came. A batch's units go a
 * hundred or so to a "units" change: a batch shipped as one costs a few
 * rows, not one per unit. Copies are not anchored themselves, so they are
 * never copied again. */
static gboolean
copy_history (ServerStore       *store,
              const char        *anchor,
              gint64             before,
              const char *const *keys,
              GError           **error)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (held_free);
  g_autoptr(GString) list = g_string_new (NULL);
  Units units = { list, 0 };
  const char *const one[] = { anchor, NULL };
  gboolean batch = g_str_has_prefix (anchor, "batch:");

  GPtrArray *rows = held;
  Known *k;

  if (small_anchor (anchor))
    {
      if ((k = known_of (store, anchor, error)) == NULL)
        return FALSE;
      rows = k->rows;
    }
  else if (!store->backend->foreach_scoped (store, 0, G_MAXUINT, one, hold_change, held, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      Held *h = rows->pdata[i];

      if (h->seq >= before)
        break;
      if (batch && strcmp (h->type, "unit") == 0)
        {
          if (list->len + strlen (h->data) + 1 > SERVER_SCOPE_UNITS_BYTES && !flush_units (store, &units, keys, error))
            return FALSE;
          if (list->len == 0)
            units.first = h->seq;
          else
            g_string_append_c (list, ',');
          g_string_append (list, h->data);
          continue;
        }
      if (!flush_units (store, &units, keys, error)
          || store->backend->append (store, h->type, h->data, keys, h->seq, error) == 0)
        return FALSE;
    }
  return flush_units (store, &units, keys, error);
}

/* The change's history for the scopes it enters; @seq the change's own
 * number when it is in the feed already (the backfill), else 0. */
gboolean
scope_bring_history (ServerStore *store,
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
  /* Later changes of this unit (or batch) at these places need not look
   * again; in the backfill, they follow the history to the feed's end. */
  for (guint k = 0; k < missing->len; k++)
    {
      const char *key = missing->pdata[k];

      g_hash_table_insert (scope_cache_of (store), g_strconcat ("seen\x1f", s->history, "\x1f", key, NULL),
                           g_strdup ("1"));
      if (g_str_has_prefix (s->history, "batch:"))
        g_hash_table_insert (scope_cache_of (store), g_strconcat ("seen\x1fwhole:", s->history + strlen ("batch:"),
                                                                 "\x1f", key, NULL), g_strdup ("1"));
      if (seq > 0)
        g_hash_table_insert (scope_cache_of (store), g_strconcat ("moved\x1f", s->history, "\x1f", key, NULL),
                             g_strdup ("1"));
    }
  return TRUE;
}

/* Whether the backfill moved the history of any of @anchors for @key to
 * the feed's end: what follows it in the old feed must follow it there. */
static gboolean
moved (ServerStore *store,
       GPtrArray   *anchors,
       const char  *key)
{
  for (guint a = 0; a < anchors->len; a++)
    {
      g_autofree char *memo = g_strconcat ("moved\x1f", (char *) anchors->pdata[a], "\x1f", key, NULL);

      if (g_hash_table_contains (scope_cache_of (store), memo))
        return TRUE;
    }
  return FALSE;
}

/* One change of the old feed: its keys, and the history it would have
 * brought. History found now goes to the feed's end, so the change goes
 * there too, for those scopes, after it (a terminal applies a unit before
 * what happened to it). */
static gboolean
backfill_one (ServerStore *store,
              Held        *h,
              GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (h->data, NULL);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stay = g_ptr_array_new ();
  gboolean ok = TRUE;
  ChangeScope s;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return store->backend->tag (store, h->seq, (const char *const []) { SERVER_SCOPE_GLOBAL, NULL }, error);
  scope_of (store, h->type, json_node_get_object (node), &s);
  if (strcmp (h->type, "event") == 0)
    ok = scope_bring_history (store, &s, h->seq, missing, error);
  for (guint k = 0; ok && k < s.keys->len; k++)
    if (scope_holds (missing, s.keys->pdata[k]))
      continue;
    else if (moved (store, s.anchors, s.keys->pdata[k]))
      g_ptr_array_add (missing, g_strdup (s.keys->pdata[k]));
    else
      g_ptr_array_add (stay, s.keys->pdata[k]);
  for (guint a = 0; a < s.anchors->len; a++)
    g_ptr_array_add (stay, s.anchors->pdata[a]);
  g_ptr_array_add (stay, NULL);
  if (ok && missing->len > 0)
    {
      g_ptr_array_add (missing, NULL);
      ok = store->backend->append (store, h->type, h->data, (const char *const *) missing->pdata, h->seq, error) > 0;
    }
  ok = ok && store->backend->tag (store, h->seq, (const char *const *) stay->pdata, error);
  if (ok)
    {
      scope_remember (store, h->type, json_node_get_object (node));
      scope_note (store, &s, h->seq, h->type, h->data);
    }
  scope_clear (&s);
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
