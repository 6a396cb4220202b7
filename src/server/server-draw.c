/* server-draw.c — see server-draw.h. Weighted sampling without replacement
 * (Efraimidis and Spirakis): each party gets the key u^(1/w) for a uniform
 * u, and the largest keys win, so a D-class business is drawn about eight
 * times as often as an A-class one.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-draw.h"
#include "lookup.h"

#include <math.h>

typedef struct {
  const SuyuanParty *party;
  double key;
} Candidate;

ServerDraw *
server_draw_new (void)
{
  ServerDraw *draw = g_new0 (ServerDraw, 1);

  draw->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) server_draw_task_free);
  return draw;
}

void
server_draw_task_free (ServerDrawTask *task)
{
  if (task == NULL)
    return;
  g_free (task->party_id);
  g_free (task->party_name);
  g_free (task->credit_class);
  g_free (task->inspector);
  g_free (task);
}

void
server_draw_free (ServerDraw *draw)
{
  if (draw == NULL)
    return;
  g_free (draw->id);
  g_free (draw->region);
  g_free (draw->seed);
  g_free (draw->created_at);
  g_free (draw->created_by);
  g_ptr_array_unref (draw->tasks);
  g_free (draw);
}

guint
server_draw_weight (const char *credit_class)
{
  if (credit_class == NULL || credit_class[0] == '\0' || credit_class[1] != '\0')
    return 2;
  switch (g_ascii_toupper (credit_class[0]))
    {
    case 'A': return 1;
    case 'B': return 2;
    case 'C': return 4;
    case 'D': return 8;
    default: return 2;
    }
}

static int
by_key_descending (gconstpointer a,
                   gconstpointer b)
{
  double ka = ((const Candidate *) a)->key, kb = ((const Candidate *) b)->key;

  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

/* The seed text as the generator's seed: its SHA-256, eight words. */
static GRand *
rand_for_seed (const char *seed)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  guint32 words[8];

  g_checksum_update (sum, (const guchar *) seed, -1);
  g_checksum_get_digest (sum, digest, &len);
  for (guint i = 0; i < 8; i++)
    words[i] = (guint32) digest[4 * i] << 24 | (guint32) digest[4 * i + 1] << 16
               | (guint32) digest[4 * i + 2] << 8 | digest[4 * i + 3];
  return g_rand_new_with_seed_array (words, 8);
}

ServerDraw *
server_draw_make (GPtrArray         *parties,
                  guint              size,
                  const char        *seed,
                  const char *const *inspectors)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GRand) rand = NULL;
  ServerDraw *draw;
  guint n_inspectors;

  g_return_val_if_fail (parties != NULL && seed != NULL && inspectors != NULL && inspectors[0] != NULL, NULL);

  n_inspectors = g_strv_length ((char **) inspectors);
  rand = rand_for_seed (seed);
  for (guint i = 0; i < parties->len; i++)
    {
      const SuyuanParty *p = parties->pdata[i];
      /* (0, 1]: a key of 0 would never win however heavy the weight. */
      double u = 1.0 - g_rand_double (rand);
      Candidate c = { p, pow (u, 1.0 / server_draw_weight (p->credit_class)) };

      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, by_key_descending);
  draw = server_draw_new ();
  draw->seed = g_strdup (seed);
  for (guint i = 0; i < candidates->len && i < size; i++)
    {
      const SuyuanParty *p = g_array_index (candidates, Candidate, i).party;
      ServerDrawTask *task = g_new0 (ServerDrawTask, 1);

      task->party_id = g_strdup (p->id);
      task->party_name = g_strdup (p->name);
      task->credit_class = g_strdup (p->credit_class);
      task->inspector = g_strdup (inspectors[i % n_inspectors]);
      g_ptr_array_add (draw->tasks, task);
    }
  return draw;
}
