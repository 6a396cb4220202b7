/* fuzz-sync-page.c — libFuzzer target: any bytes as a change page from a
 * server. Beyond "no crash, no leak, no read past the input" it checks what
 * the store relies on: every string is UTF-8 without NULs and NUL-terminated,
 * nested data kept as text is JSON that json-glib reads back, and every
 * change's fields lie inside the page.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync-client.h"
#include "sync-page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* sync-client.c, with the network behind it, is not linked in. */
GQuark
suyuan_sync_error_quark (void)
{
  return g_quark_from_static_string ("suyuan-sync-error-quark");
}

static void
check_field (const SuyuanField *f)
{
  if (!g_utf8_validate (f->name, -1, NULL))
    abort ();
  if (f->kind == SUYUAN_FIELD_STRING
      && (!g_utf8_validate (f->text, (gssize) f->len, NULL) || memchr (f->text, 0, f->len) || f->text[f->len] != '\0'))
    abort ();
  if (f->kind == SUYUAN_FIELD_JSON)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, f->text, (gssize) f->len, NULL))
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanSyncPage) page = suyuan_sync_page_parse (g_bytes_new (data, size), &error);

  if ((page == NULL) == (error == NULL))
    abort ();
  if (page == NULL)
    return 0;
  for (guint i = 0; i < page->changes->len; i++)
    {
      const SuyuanSyncChange *c = &g_array_index (page->changes, SuyuanSyncChange, i);

      if (c->first + c->n_fields > page->fields->len || !g_utf8_validate (c->type, -1, NULL))
        abort ();
    }
  for (guint i = 0; i < page->fields->len; i++)
    check_field (&g_array_index (page->fields, SuyuanField, i));
  return 0;
}
