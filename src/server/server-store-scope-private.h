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
  GPtrArray *keys;      /* what terminals pull by */
  GPtrArray *anchors;   /* "unit:…", "batch:ID" (any change of the batch), "whole:ID"
                         * (the batch as a whole): the history's own keys */
  GPtrArray *presence;  /* the anchors that say the unit or batch has been in a scope:
                         * a unit's own, or its batch's as a whole; a batch's, any */
  GPtrArray *places;    /* the parties an event happens at, from or to */
  const char *history;  /* the anchor whose history follows it: the unit, else the batch */
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
