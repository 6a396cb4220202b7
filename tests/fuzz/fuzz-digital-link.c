/* fuzz-digital-link.c — libFuzzer target: any path and query after an
 * https host. A valid Digital Link must survive being built again from what
 * was parsed, and mean the same.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "digital-link.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *tail = g_strndup ((const char *) data, size);
  g_autofree char *input = g_strconcat ("https://id.example.cn/", tail, NULL);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (input, -1);
  g_autofree char *uri = NULL;

  if (!code->valid || (code->kind != SUYUAN_CODE_DIGITAL_LINK && code->kind != SUYUAN_CODE_SUYUAN))
    return 0;
  uri = suyuan_digital_link_build ("https://r.example.cn", code);
  if (uri != NULL)
    {
      g_autoptr(SuyuanCode) back = suyuan_code_parse (uri, -1);

      if (!back->valid || back->kind != code->kind || back->ai->len != code->ai->len
          || g_strcmp0 (back->gtin, code->gtin) != 0 || g_strcmp0 (back->lot, code->lot) != 0
          || g_strcmp0 (back->serial, code->serial) != 0 || back->expiry != code->expiry
          || g_strcmp0 (back->product_key, code->product_key) != 0)
        abort ();
    }
  return 0;
}
