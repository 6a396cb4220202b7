/* server-budget.c — see server-budget.h. Counted in memory: a restart
 * forgives the day, which only an admin can cause.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#include "config.h"
#include "server-budget.h"

typedef struct {
  gint day;          /* UTC days since the epoch */
  guint64 units;
} Spent;

static GMutex lock;
static GHashTable *spent;   /* token name → Spent */

static gint
today (void)
{
  return (gint) (g_get_real_time () / G_USEC_PER_SEC / 86400);
}

/* SUYUAN_SERVER_TOKEN_UNITS_PER_DAY lowers (or raises) the daily budget. */
static guint64
per_day (void)
{
  static gsize once;
  static guint64 value;

  if (g_once_init_enter (&once))
    {
      const char *text = g_getenv ("SUYUAN_SERVER_TOKEN_UNITS_PER_DAY");

      if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
        value = SERVER_MAX_UNITS_PER_TOKEN_DAY;
      g_once_init_leave (&once, 1);
    }
  return value;
}

/* Called with @lock held. */
static Spent *
spent_by (const char *token)
{
  Spent *s;

  if (spent == NULL)
    spent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((s = g_hash_table_lookup (spent, token)) == NULL)
    {
      s = g_new0 (Spent, 1);
      g_hash_table_insert (spent, g_strdup (token), s);
    }
  if (s->day != today ())
    *s = (Spent) { today (), 0 };
  return s;
}

gboolean
server_budget_allows (const char *token,
                      guint64     n)
{
  gboolean ok;

  g_return_val_if_fail (token != NULL, FALSE);

  g_mutex_lock (&lock);
  ok = n <= per_day () - MIN (spent_by (token)->units, per_day ());
  g_mutex_unlock (&lock);
  return ok;
}

void
server_budget_spend (const char *token,
                     guint64     n)
{
  g_return_if_fail (token != NULL);

  g_mutex_lock (&lock);
  spent_by (token)->units += n;
  g_mutex_unlock (&lock);
}
