/* server-store-scope-private.h — what the scope keys' two files share:
 * a change's keys (server-store-scope.c) and the history that follows a
 * unit into a new scope (server-store-scope-history.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store-private.h"
#include "server-store-scope.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray  *keys;          /* what terminals pull by */
  GPtrArray  *anchors;       /* written beside the keys, to find the history: "unit:…" (an
                              * event about one unit), "batch:ID" (any event of the batch),
                              * "whole:ID" (an event of the batch not about one unit) */
  GPtrArray  *places;        /* the parties an event happens at, from or to */
  char       *registration;  /* a unit registration's "unit:…", kept in mind, not written */
  const char *unit;          /* the "unit:…" of anchors, or NULL */
  const char *batch_anchor;  /* the "batch:ID" of anchors, or NULL */
  const char *maker;         /* the product's producer, or "" */
  const char *product, *batch, *serial;
  const char *first, *last;  /* the serials a batch-level event carries, or NULL: all */
} ChangeScope;

/* The keys of the change @type @o. */
void        scope_of              (ServerStore *store,
                                   const char  *type,
                                   JsonObject  *o,
                                   ChangeScope *s);
void        scope_clear           (ChangeScope *s);
/* Its scope keys, then its anchors, NULL-terminated (not owned). */
GPtrArray  *scope_all_keys        (ChangeScope *s);
gboolean    scope_holds           (GPtrArray   *list,
                                   const char  *text);
/* Adds @key (taken) unless @list holds it already. */
void        scope_add_key         (GPtrArray   *list,
                                   char        *key);
void        scope_add_region_keys (GPtrArray   *keys,
                                   const char  *region);
/* What this transaction looked up and found out. */
GHashTable *scope_cache_of        (ServerStore *store);
/* @member of the entity @type @id as the feed holds it now; "" when none. */
const char *scope_member_of       (ServerStore *store,
                                   const char  *type,
                                   const char  *id,
                                   const char  *member);
/* Keeps what a party, product or batch change says for later lookups. */
void        scope_remember        (ServerStore *store,
                                   const char  *type,
                                   JsonObject  *object);
/* A change and its keys, the regions among them noted for prefix pulls. */
gint64      scope_append_change   (ServerStore       *store,
                                   const char        *type,
                                   const char        *text,
                                   const char *const *keys,
                                   gint64             copy_of,
                                   GError           **error);
/* Writes @key's run not written yet: before a read of @key. */
gboolean    scope_flush_key       (ServerStore       *store,
                                   const char        *key,
                                   GError           **error);
gboolean    scope_tag_change      (ServerStore       *store,
                                   gint64             seq,
                                   const char *const *keys,
                                   GError           **error);
/* Appends the history of @s's unit or batch for the scopes it enters
 * (their keys added to @missing); @seq the change's own number when it is
 * in the feed already (the backfill), else 0. */
gboolean    scope_bring_history   (ServerStore *store,
                                   ChangeScope *s,
                                   gint64       seq,
                                   GPtrArray   *missing,
                                   GError     **error);

/* Keeps the change just written (@seq) in what this transaction knows of
 * its unit or batch. */
void        scope_note            (ServerStore *store,
                                   ChangeScope *s,
                                   gint64       seq,
                                   const char  *type,
                                   const char  *data);
void        scope_forget_known    (ServerStore *store);

G_END_DECLS
