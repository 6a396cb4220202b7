/* fuzz-gs1.c — libFuzzer target: the element string parser on its own, fed
 * an exact-size buffer so that any read past the input is caught.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gs1.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SuyuanCode) code = suyuan_code_new (SUYUAN_CODE_GS1, "");
  char *copy = malloc (size ? size : 1);

  memcpy (copy, data, size);
  if (suyuan_gs1_parse_element_string (code, copy, size) != code->valid)
    abort ();
  if (code->valid)
    {
      /* Every AI that parsed must pass its own check again, alone. */
      for (guint i = 0; i < code->ai->len; i++)
        {
          const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
          const SuyuanAiSpec *spec = suyuan_gs1_find_ai (pair->ai);

          if (spec == NULL || !suyuan_gs1_check_value (code, spec, pair->value, strlen (pair->value)))
            abort ();
        }
    }
  free (copy);
  return 0;
}
