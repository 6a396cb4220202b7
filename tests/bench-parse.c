/* bench-parse.c — parses a million mixed codes and prints codes per second,
 * next to an anchor measured in the same run over the same inputs: copying
 * each input into a fresh heap buffer and freeing it (strlen + malloc +
 * memcpy + free), the least any parser that keeps the raw text must do.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "code.h"

#include <stdlib.h>
#include <string.h>

#define N_CODES 1000000

static char **
make_inputs (void)
{
  static const char *const templates[] = {
    "]d20106901234567892172%05u10A%u",
    "010690123456789210L%u\x1d" "21S%06u",
    "https://id.example.cn/01/06901234567892/10/B%u/21/%u?17=271231",
    "https://trace.example.cn/p/honey-500/10/%u/21/%06u?17=271031",
    "69012345678%u%u",
    "812345600%07u%04u",
    "]C1000069012345678901%u%u",
    "(01)06901234567892(10)X%u(21)%u",
    "https://example.gov.cn/trace?id=%u&s=%u",
  };
  char **inputs = g_new (char *, N_CODES);

  for (guint i = 0; i < N_CODES; i++)
    inputs[i] = g_strdup_printf (templates[i % G_N_ELEMENTS (templates)], i % 100000, i % 10);
  return inputs;
}

static volatile gsize sink;

int
main (void)
{
  char **inputs = make_inputs ();
  gint64 t0, t_anchor, t_parse;
  guint valid = 0;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_CODES; i++)
    {
      gsize len = strlen (inputs[i]);
      char *copy = malloc (len + 1);

      memcpy (copy, inputs[i], len + 1);
      sink += (guchar) copy[len / 2];
      free (copy);
    }
  t_anchor = g_get_monotonic_time () - t0;

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < N_CODES; i++)
    {
      SuyuanCode *code = suyuan_code_parse (inputs[i], -1);

      valid += code->valid;
      suyuan_code_free (code);
    }
  t_parse = g_get_monotonic_time () - t0;

  g_print ("codes: %u (%u valid, mixed GS1, Digital Link, producer, EAN, drug, text)\n", N_CODES, valid);
  g_print ("anchor (strlen+malloc+memcpy+free): %.0f inputs/s\n", N_CODES / (t_anchor / 1e6));
  g_print ("suyuan_code_parse + free:           %.0f codes/s\n", N_CODES / (t_parse / 1e6));
  g_print ("parse costs %.1fx the anchor\n", (double) t_parse / (double) t_anchor);
  for (guint i = 0; i < N_CODES; i++)
    g_free (inputs[i]);
  g_free (inputs);
  return 0;
}
