/* bench-decode-tool.c — the decoder alone, as the benchmark's second view of
 * it: `suyuanctl scan --text` output from a process that links only GLib,
 * gdk-pixbuf, zxing-cpp, ZBar and libdmtx, so its start-up costs what
 * zbarimg's does and the comparison measures decoding, not loading the whole
 * of Suyuan. BENCH_ENGINES=zxing,zbar,dmtx (any of them) measures engines alone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "decoder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static guint
parse_engines (const char *list)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);
  guint engines = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strcmp (names[i], "zxing") == 0)
        engines |= SUYUAN_ENGINE_ZXING;
      else if (strcmp (names[i], "zbar") == 0)
        engines |= SUYUAN_ENGINE_ZBAR;
      else if (strcmp (names[i], "dmtx") == 0)
        engines |= SUYUAN_ENGINE_DMTX;
    }
  return engines;
}

int
main (int    argc,
      char **argv)
{
  SuyuanDecodeOptions options;
  const char *budget = g_getenv ("BENCH_BUDGET");
  const char *engines = g_getenv ("BENCH_ENGINES");
  int status = 0;

  suyuan_decode_options_init (&options);
  if (budget != NULL)
    options.time_budget_ms = (guint) atoi (budget);
  if (engines != NULL)
    options.engines = parse_engines (engines);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) symbols = suyuan_decode_file (argv[i], &options, &error);

      if (symbols == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          status = 1;
          continue;
        }
      for (guint k = 0; k < symbols->len; k++)
        {
          const SuyuanSymbol *s = g_ptr_array_index (symbols, k);

          fwrite (s->payload, 1, s->payload_length, stdout);
          fputc ('\n', stdout);
        }
    }
  return status;
}
