/* server-store-scope-history.c — the history a unit or batch brings when it
 * enters a scope it was never in, and keys for a feed older than scopes
 * (docs/api.md, "Scoped pull").
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-store-private.h"
#include "server-store-scope-private.h"
#include "server-progress.h"

#include <gio/gio.h>
#include <string.h>

#define BACKFILL_PAGE 5000
#define KNOWN_MAX 65536

typedef struct {
  gint64 seq;
  char *type;
  char *data;
  GHashTable *keys;     /* in a Known: the change's scope keys */
  char *first, *last;   /* in a Known: the serials a batch-level event carries (NULL: all) */
} Held;

static void
held_free (gpointer data)
{
  Held *h = data;

  if (h == NULL)   /* taken by read_history */
    return;
  g_free (h->type);
  g_free (h->data);
  g_clear_pointer (&h->keys, g_hash_table_unref);
  g_free (h->first);
  g_free (h->last);
  g_free (h);
}

static void
hold_change (gint64 seq, const char *type, const char *data, gsize len, gpointer user_data)
{
  Held *h = g_new0 (Held, 1);

  h->seq = seq;
  h->type = g_strdup (type);
  h->data = g_strndup (data, len);
  g_ptr_array_add (user_data, h);
}

static int
by_seq (gconstpointer a, gconstpointer b)
{
  const Held *x = *(Held **) a, *y = *(Held **) b;

  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* What the feed holds of a unit (its registrations and events), or of a
 * batch as a whole (its batch-level events): few changes, read once a
 * transaction and kept up to date by scope_note, so an event asks the
 * database once, not once per place and region. */
typedef struct {
  GPtrArray *rows;   /* Held with keys, in seq order */
} Known;

static void
known_free (gpointer data)
{
  Known *k = data;

  g_ptr_array_unref (k->rows);
  g_free (k);
}

static void
known_add (Known       *k,
           gint64       seq,
           const char  *type,
           const char  *data,
           ChangeScope *s)
{
  Held *h = g_new0 (Held, 1);

  h->seq = seq;
  h->type = g_strdup (type);
  h->data = g_strdup (data);
  h->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < s->keys->len; i++)
    g_hash_table_add (h->keys, g_strdup (s->keys->pdata[i]));
  h->first = g_strdup (s->first);
  h->last = g_strdup (s->last);
  g_ptr_array_add (k->rows, h);
}

/* "unit:N:PRODUCTSERIAL" (server-store-scope.c): its product and serial. */
static gboolean
parse_unit_anchor (const char *anchor,
                   char      **product,
                   char      **serial)
{
  const char *rest = anchor + strlen ("unit:");
  char *end = NULL;
  guint64 len = g_ascii_strtoull (rest, &end, 10);

  if (end == NULL || *end != ':' || strlen (end + 1) < len)
    return FALSE;
  *product = g_strndup (end + 1, len);
  *serial = g_strdup (end + 1 + len);
  return TRUE;
}

/* Every change with the key @anchor, in seq order, into @held: the key's
 * run not written yet is written first, so the read sees this transaction. */
static gboolean
read_anchor (ServerStore *store,
             const char  *anchor,
             GPtrArray   *held,
             GError     **error)
{
  const char *const one[] = { anchor, NULL };

  return scope_flush_key (store, anchor, error)
         && store->backend->foreach_scoped (store, 0, G_MAXINT64, G_MAXUINT, one, hold_change, held, error);
}

static Known *
known_of (ServerStore *store,
          const char  *anchor,
          GError     **error)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (held_free);
  Known *k;

  if (store->scope_known == NULL)
    store->scope_known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_free);
  if ((k = g_hash_table_lookup (store->scope_known, anchor)) != NULL)
    return k;
  /* A backfill is one transaction over the whole feed: what it knows is
   * only a cache (the database has it all), so it is dropped now and then. */
  if (g_hash_table_size (store->scope_known) >= KNOWN_MAX)
    g_hash_table_remove_all (store->scope_known);
  if (!read_anchor (store, anchor, held, error))
    return NULL;
  /* A unit's registrations carry no anchor: the unit index finds them. */
  if (g_str_has_prefix (anchor, "unit:"))
    {
      g_autofree char *product = NULL;
      g_autofree char *serial = NULL;

      if (parse_unit_anchor (anchor, &product, &serial)
          && !store->backend->foreach_unit (store, NULL, product, serial, serial, hold_change, held, error))
        return NULL;
      g_ptr_array_sort (held, by_seq);
    }
  k = g_new (Known, 1);
  k->rows = g_ptr_array_new_with_free_func (held_free);
  for (guint i = 0; i < held->len; i++)
    {
      Held *h = held->pdata[i];
      g_autoptr(JsonNode) node = json_from_string (h->data, NULL);
      ChangeScope s;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      scope_of (store, h->type, json_node_get_object (node), &s);
      known_add (k, h->seq, h->type, h->data, &s);
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
  Known *k;

  for (guint a = 0; store->scope_known && a < s->anchors->len; a++)
    if ((k = g_hash_table_lookup (store->scope_known, s->anchors->pdata[a])) != NULL)
      known_add (k, seq, type, data, s);
  if (store->scope_known && s->registration
      && (k = g_hash_table_lookup (store->scope_known, s->registration)) != NULL)
    known_add (k, seq, type, data, s);
}

void
scope_forget_known (ServerStore *store)
{
  if (store->scope_known != NULL)
    g_hash_table_remove_all (store->scope_known);
}

/* Whether a batch-level event that carried @h's serials carried all of
 * @first..@last (NULL: the whole batch). */
static gboolean
covers (Held       *h,
        const char *first,
        const char *last)
{
  if (h->first == NULL)
    return TRUE;
  if (first == NULL || strlen (first) != strlen (h->first))
    return FALSE;
  return strcmp (h->first, first) <= 0 && strcmp (last, h->last) <= 0;
}

static gboolean
memo_is (ServerStore *store,
         const char  *what,
         const char  *anchor,
         const char  *key)
{
  g_autofree char *memo = g_strconcat (what, "\x1f", anchor, "\x1f", key, NULL);

  return g_hash_table_contains (scope_cache_of (store), memo);
}

static void
memo_set (ServerStore *store,
          const char  *what,
          const char  *anchor,
          const char  *key)
{
  g_hash_table_insert (scope_cache_of (store), g_strconcat (what, "\x1f", anchor, "\x1f", key, NULL), g_strdup ("1"));
}

/* The anchor that names what @s brings: its unit, the serials it carries
 * of its batch, or its whole batch. */
static char *
history_name (ChangeScope *s)
{
  if (s->unit != NULL)
    return g_strdup (s->unit);
  if (s->first != NULL)
    return g_strdup_printf ("cases:%zu:%s%s-%s", strlen (s->batch), s->batch, s->first, s->last);
  return g_strconcat ("whole:", s->batch, NULL);
}

/* Whether what @s brings has been in the scope @key: its unit was (a
 * registration or event there), or a batch-level event carried it there;
 * for a batch-level event, one that carried at least as much. Registered
 * units are where they were registered. 1, 0, or -1 on error. */
static int
has_been (ServerStore *store,
          ChangeScope *s,
          const char  *key,
          GError     **error)
{
  g_autofree char *name = history_name (s);
  g_autofree char *whole = g_strconcat ("whole:", s->batch, NULL);
  const char *first = s->unit ? s->serial : s->first, *last = s->unit ? s->serial : s->last;
  Known *k;

  if (memo_is (store, "seen", name, key) || memo_is (store, "seen", whole, key))
    return 1;
  /* The batch's consignments first: read once a batch, they answer most
   * events of a unit at a shop without a query for the unit itself. */
  if ((k = known_of (store, whole, error)) == NULL)
    return -1;
  for (guint i = 0; i < k->rows->len; i++)
    {
      Held *h = k->rows->pdata[i];

      if (covers (h, first, last) && g_hash_table_contains (h->keys, key))
        return 1;
    }
  if (s->unit != NULL)
    {
      if ((k = known_of (store, s->unit, error)) == NULL)
        return -1;
      for (guint i = 0; i < k->rows->len; i++)
        if (g_hash_table_contains (((Held *) k->rows->pdata[i])->keys, key))
          return 1;
    }
  return 0;
}

/* The keys of the scopes @s enters that what it brings was never in: a
 * party it was never at, and that party's region. */
static gboolean
new_scopes (ServerStore *store,
            ChangeScope *s,
            GPtrArray   *missing,
            GError     **error)
{
  g_autoptr(GPtrArray) registered = g_ptr_array_new_with_free_func (g_free);

  /* A batch's units are registered at its maker (their keys say so), and
   * a unit a producer registers is there: nothing to bring. */
  if (*s->maker)
    {
      scope_add_key (registered, server_scope_party_key (s->maker));
      scope_add_region_keys (registered, scope_member_of (store, "party", s->maker, "region"));
    }
  for (guint p = 0; p < s->places->len; p++)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      scope_add_key (keys, server_scope_party_key (s->places->pdata[p]));
      scope_add_region_keys (keys, scope_member_of (store, "party", s->places->pdata[p], "region"));
      for (guint i = 0; i < keys->len; i++)
        {
          const char *key = keys->pdata[i];
          int seen;

          if (scope_holds (missing, key) || scope_holds (registered, key))
            continue;
          if ((seen = has_been (store, s, key, error)) < 0)
            return FALSE;
          if (!seen)
            scope_add_key (missing, g_strdup (key));
        }
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
  return scope_append_change (store, "units", text, keys, units->first, error) > 0;
}

/* Whether @h, an event of the batch, is about one of the units @first..@last. */
static gboolean
about_carried (Held       *h,
               const char *first,
               const char *last)
{
  g_autoptr(JsonNode) node = json_from_string (h->data, NULL);
  const char *serial;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  serial = json_object_get_string_member_with_default (json_node_get_object (node), "serial", NULL);
  return serial && strlen (serial) == strlen (first) && strcmp (first, serial) <= 0 && strcmp (serial, last) <= 0;
}

/* What @s brings, before @before: the unit's registrations and events; or
 * the registrations of the units a consignment carries and their events;
 * or the whole batch's registrations and events. In seq order. */
static gboolean
read_history (ServerStore *store,
              ChangeScope *s,
              GPtrArray   *rows,
              GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (held_free);
  Known *k;

  if (s->unit != NULL)
    {
      if ((k = known_of (store, s->unit, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < k->rows->len; i++)
        {
          Held *h = k->rows->pdata[i];

          hold_change (h->seq, h->type, h->data, strlen (h->data), rows);
        }
      return TRUE;
    }
  if (!store->backend->foreach_unit (store, s->batch, s->first ? s->product : NULL, s->first, s->last,
                                     hold_change, rows, error)
      || !read_anchor (store, s->batch_anchor, events, error))
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (s->first == NULL || about_carried (events->pdata[i], s->first, s->last))
      g_ptr_array_add (rows, g_steal_pointer (&events->pdata[i]));
  g_ptr_array_sort (rows, by_seq);
  return TRUE;
}

/* Copies of the history @s brings, before @before, in their order, with
 * @keys alone: a terminal of that scope learns the unit (or the units) and
 * what happened to them before they came. A batch's units go a hundred or
 * so to a "units" change: a batch shipped as one costs a few rows, not one
 * per unit. Copies are not anchored themselves, so never copied again. */
static gboolean
copy_history (ServerStore       *store,
              ChangeScope       *s,
              gint64             before,
              const char *const *keys,
              GError           **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (held_free);
  g_autoptr(GString) list = g_string_new (NULL);
  Units units = { list, 0 };

  if (s->product == NULL && s->unit == NULL && s->first != NULL)
    return TRUE;   /* serials of a product the feed does not know: nothing to bring */
  if (!read_history (store, s, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      Held *h = rows->pdata[i];

      if (h->seq >= before)
        break;
      if (s->unit == NULL && strcmp (h->type, "unit") == 0)
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
          || scope_append_change (store, h->type, h->data, keys, h->seq, error) == 0)
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
  g_autofree char *name = NULL;

  if (s->batch == NULL && s->unit == NULL)
    return TRUE;
  if (s->places->len == 0 || !new_scopes (store, s, missing, error))
    return s->places->len == 0;
  if (missing->len == 0)
    return TRUE;
  g_ptr_array_add (missing, NULL);
  if (!copy_history (store, s, seq > 0 ? seq : G_MAXINT64, (const char *const *) missing->pdata, error))
    return FALSE;
  g_ptr_array_remove_index (missing, missing->len - 1);
  /* Later changes of this unit (or batch, or consignment) at these places
   * need not look again; in the backfill, they follow the history to the
   * feed's end. */
  name = history_name (s);
  for (guint k = 0; k < missing->len; k++)
    {
      memo_set (store, "seen", name, missing->pdata[k]);
      if (seq > 0)
        memo_set (store, "moved", name, missing->pdata[k]);
    }
  return TRUE;
}

/* Whether the backfill moved what @s is about (its unit, its batch) for
 * @key to the feed's end: what follows it in the old feed must follow it
 * there. */
static gboolean
moved (ServerStore *store,
       ChangeScope *s,
       const char  *key)
{
  g_autofree char *name = NULL;
  g_autofree char *whole = NULL;

  if (s->batch == NULL && s->unit == NULL)
    return FALSE;
  name = history_name (s);
  whole = g_strconcat ("whole:", s->batch ? s->batch : "", NULL);
  return memo_is (store, "moved", name, key) || (s->batch && memo_is (store, "moved", whole, key));
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
    return scope_tag_change (store, h->seq, (const char *const []) { SERVER_SCOPE_GLOBAL, NULL }, error);
  scope_of (store, h->type, json_node_get_object (node), &s);
  if (strcmp (h->type, "event") == 0)
    ok = scope_bring_history (store, &s, h->seq, missing, error);
  for (guint k = 0; ok && k < s.keys->len; k++)
    if (scope_holds (missing, s.keys->pdata[k]))
      continue;
    else if (moved (store, &s, s.keys->pdata[k]))
      g_ptr_array_add (missing, g_strdup (s.keys->pdata[k]));
    else
      g_ptr_array_add (stay, s.keys->pdata[k]);
  for (guint a = 0; a < s.anchors->len; a++)
    g_ptr_array_add (stay, s.anchors->pdata[a]);
  g_ptr_array_add (stay, NULL);
  if (ok && missing->len > 0)
    {
      g_ptr_array_add (missing, NULL);
      ok = scope_append_change (store, h->type, h->data, (const char *const *) missing->pdata, h->seq, error) > 0;
    }
  ok = ok && scope_tag_change (store, h->seq, (const char *const *) stay->pdata, error);
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
  ServerProgress progress;

  if (through < 0)
    return TRUE;   /* another server did it first */
  server_progress_start (&progress, "giving the change feed its scope keys", "changes", through);
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
      server_progress_update (&progress, after);
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
