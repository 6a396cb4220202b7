/* server-ratelimit.c — see server-ratelimit.h.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-ratelimit.h"

/* Addresses tracked in one window at most: memory stays bounded however many
 * addresses a flood comes from; addresses beyond it share one budget. */
#define MAX_ADDRESSES 65536
#define OVERFLOW_KEY "*"

struct _ServerRateLimit {
  guint limit;
  guint window;
  gint64 window_start;      /* seconds */
  GHashTable *counts;       /* address → count */
  GMutex lock;
};

ServerRateLimit *
server_rate_limit_new (guint limit,
                       guint window_seconds)
{
  ServerRateLimit *rl = g_new0 (ServerRateLimit, 1);

  rl->limit = limit;
  rl->window = MAX (window_seconds, 1);
  rl->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&rl->lock);
  return rl;
}

void
server_rate_limit_free (ServerRateLimit *rl)
{
  if (rl == NULL)
    return;
  g_hash_table_unref (rl->counts);
  g_mutex_clear (&rl->lock);
  g_free (rl);
}

gboolean
server_rate_limit_take (ServerRateLimit *rl,
                        const char      *address,
                        guint           *retry_after)
{
  gint64 now = g_get_monotonic_time () / G_USEC_PER_SEC;
  const char *key = address ? address : OVERFLOW_KEY;
  guint count;
  gboolean ok;

  g_return_val_if_fail (rl != NULL, TRUE);
  if (rl->limit == 0)
    return TRUE;
  g_mutex_lock (&rl->lock);
  if (now - rl->window_start >= rl->window)
    {
      g_hash_table_remove_all (rl->counts);
      rl->window_start = now;
    }
  if (g_hash_table_size (rl->counts) >= MAX_ADDRESSES && !g_hash_table_contains (rl->counts, key))
    key = OVERFLOW_KEY;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (rl->counts, key)) + 1;
  g_hash_table_replace (rl->counts, g_strdup (key), GUINT_TO_POINTER (count));
  ok = count <= rl->limit;
  if (retry_after)
    *retry_after = (guint) MAX (1, rl->window - (now - rl->window_start));
  g_mutex_unlock (&rl->lock);
  return ok;
}
