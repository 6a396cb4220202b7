/* fuzz-code.c — libFuzzer target: any bytes through suyuan_code_parse.
 * Beyond "no crash, no leak, no read past the input" it checks that a valid
 * GS1 result means the same when read back from its element string.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "code.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse ((const char *) data, (gssize) size);

  if (!g_utf8_validate (code->raw, -1, NULL))
    abort ();
  if (code->valid != (code->error == NULL))
    abort ();
  if (code->element_string != NULL)
    {
      g_autofree char *again = g_strconcat ("]C1", code->element_string, NULL);
      g_autoptr(SuyuanCode) back = suyuan_code_parse (again, -1);

      if (!back->valid || g_strcmp0 (back->element_string, code->element_string) != 0
          || g_strcmp0 (back->gtin, code->gtin) != 0 || back->expiry != code->expiry)
        abort ();
    }
  return 0;
}
