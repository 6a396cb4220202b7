/* server-resolver-cache.c — see server-resolver-cache.h. Bounded: at most
 * MAX_ENTRIES replies, dropped all at once when full or out of date.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-resolver-cache.h"

#include <string.h>

#define MAX_ENTRIES 4096
#define MAX_KEY_LEN 2048

struct _ServerResolverCache {
  GHashTable *replies;      /* key → ServerCachedReply */
  gint64 seq;
  guint32 day;
};

static void
reply_free (gpointer data)
{
  ServerCachedReply *reply = data;

  g_free (reply->content_type);
  g_free (reply->body);
  g_free (reply->link);
  g_free (reply->cache_control);
  g_free (reply);
}

ServerResolverCache *
server_resolver_cache_new (void)
{
  ServerResolverCache *cache = g_new0 (ServerResolverCache, 1);

  cache->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, reply_free);
  return cache;
}

void
server_resolver_cache_free (ServerResolverCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->replies);
  g_free (cache);
}

/* Everything kept was made for one sequence and day. */
static void
settle (ServerResolverCache *cache,
        gint64               seq,
        guint32              day)
{
  if (cache->seq == seq && cache->day == day)
    return;
  g_hash_table_remove_all (cache->replies);
  cache->seq = seq;
  cache->day = day;
}

const ServerCachedReply *
server_resolver_cache_get (ServerResolverCache *cache,
                           const char          *key,
                           gint64               seq,
                           guint32              day)
{
  g_return_val_if_fail (cache != NULL && key != NULL, NULL);
  settle (cache, seq, day);
  return g_hash_table_lookup (cache->replies, key);
}

void
server_resolver_cache_put (ServerResolverCache     *cache,
                           const char              *key,
                           gint64                   seq,
                           guint32                  day,
                           const ServerCachedReply *reply)
{
  ServerCachedReply *copy;

  g_return_if_fail (cache != NULL && key != NULL && reply != NULL);
  if (strlen (key) > MAX_KEY_LEN)
    return;
  settle (cache, seq, day);
  if (g_hash_table_size (cache->replies) >= MAX_ENTRIES)
    g_hash_table_remove_all (cache->replies);
  copy = g_new0 (ServerCachedReply, 1);
  copy->status = reply->status;
  copy->content_type = g_strdup (reply->content_type);
  copy->body = g_strdup (reply->body);
  copy->link = g_strdup (reply->link);
  copy->cache_control = g_strdup (reply->cache_control);
  g_hash_table_replace (cache->replies, g_strdup (key), copy);
}
