/* server-scope-runs.c — the numbers of a scoped pull's page from runs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-scope-runs.h"

typedef struct {
  gint64 first, last;
} Run;

struct _ServerScopeRuns {
  gint64 after, bound;
  guint limit;
  GArray *runs;   /* Run */
  GArray *seqs;   /* gint64 */
};

ServerScopeRuns *
server_scope_runs_new (gint64 after,
                       gint64 through,
                       guint  limit)
{
  ServerScopeRuns *r = g_new0 (ServerScopeRuns, 1);

  r->after = after;
  r->bound = through;
  r->limit = limit;
  r->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  r->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  return r;
}

void
server_scope_runs_free (ServerScopeRuns *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->runs);
  g_array_unref (r->seqs);
  g_free (r);
}

void
server_scope_runs_add (ServerScopeRuns *r,
                       gint64           first,
                       gint64           last)
{
  Run run = { MAX (first, r->after + 1), last };

  if (run.first <= run.last)
    g_array_append_val (r->runs, run);
}

static int
by_first (gconstpointer a,
          gconstpointer b)
{
  const Run *x = a, *y = b;

  return x->first < y->first ? -1 : x->first > y->first;
}

/* Runs in order of their first number: each gives what follows the last
 * number given, so numbers come out ascending and once, however the keys'
 * runs overlap. */
GArray *
server_scope_runs_seqs (ServerScopeRuns *r)
{
  gint64 given = r->after;

  g_array_set_size (r->seqs, 0);
  g_array_sort (r->runs, by_first);
  for (guint i = 0; i < r->runs->len && r->seqs->len < r->limit; i++)
    {
      Run *run = &g_array_index (r->runs, Run, i);

      if (run->first > r->bound)
        break;
      for (gint64 s = MAX (run->first, given + 1); s <= MIN (run->last, r->bound) && r->seqs->len < r->limit; s++)
        {
          g_array_append_val (r->seqs, s);
          given = s;
        }
    }
  return r->seqs;
}

char *
server_scope_seq_list (GArray *seqs,
                       char    open,
                       char    close)
{
  GString *out = g_string_new (NULL);

  g_string_append_c (out, open);
  for (guint i = 0; i < seqs->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (seqs, gint64, i));
  g_string_append_c (out, close);
  return g_string_free (out, FALSE);
}
