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

      if (g_hash_table_contains (scope_cache_of (store), memo))
        return 1;
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
      int seen = has_been (store, s->anchors, party, error);

      if (seen < 0)
        return FALSE;
      if (seen)
        continue;
      scope_add_key (missing, g_steal_pointer (&party));
      scope_add_region_keys (regions, scope_member_of (store, "party", s->places->pdata[p], "region"));
      for (guint r = 0; r < regions->len; r++)
        if ((seen = has_been (store, s->anchors, regions->pdata[r], error)) < 0)
          return FALSE;
        else if (!seen)
          scope_add_key (missing, g_strdup (regions->pdata[r]));
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
  /* Later changes of this unit or batch at these places need not look
   * again; in the backfill, they follow the history to the feed's end. */
  for (guint a = 0; a < s->anchors->len; a++)
    for (guint k = 0; k < missing->len; k++)
      {
        g_hash_table_insert (scope_cache_of (store), g_strconcat ("seen\x1f", (char *) s->anchors->pdata[a], "\x1f",
                                                         (char *) missing->pdata[k], NULL), g_strdup ("1"));
        if (seq > 0)
          g_hash_table_insert (scope_cache_of (store), g_strconcat ("moved\x1f", (char *) s->anchors->pdata[a], "\x1f",
                                                           (char *) missing->pdata[k], NULL), g_strdup ("1"));
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
      ok = store->backend->append (store, h->type, h->data, (const char *const *) missing->pdata, h->seq, error);
    }
  ok = ok && store->backend->tag (store, h->seq, (const char *const *) stay->pdata, error);
  if (ok)
    scope_remember (store, h->type, json_node_get_object (node));
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
