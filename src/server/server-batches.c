/* server-batches.c — see server-batches.h. A lot renamed, or a second batch
 * id for a lot, would replace or orphan the recalled row on every terminal
 * (they replace a row on the same product and lot) and the code would judge OK.
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#include "config.h"
#include "server-batches.h"

#include <gio/gio.h>

gboolean
server_batch_check (ServerStore *store,
                    const char  *id,
                    const char  *product_id,
                    const char  *lot,
                    GError     **error)
{
  g_autofree char *was_product = NULL;
  g_autofree char *was_lot = NULL;
  g_autofree char *holder = NULL;

  g_return_val_if_fail (id != NULL && product_id != NULL && lot != NULL, FALSE);

  was_product = server_store_entity_member (store, "batch", "id", id, "product_id");
  if (was_product != NULL)
    {
      was_lot = server_store_entity_member (store, "batch", "id", id, "lot");
      if (g_strcmp0 (was_product, product_id) != 0 || g_strcmp0 (was_lot, lot) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "batch %.80s is lot %.80s of product %.80s: a batch keeps its product and lot",
                       id, was_lot ? was_lot : "", was_product);
          return FALSE;
        }
    }
  holder = server_store_batch_for_lot (store, product_id, lot);
  if (holder != NULL && g_strcmp0 (holder, id) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "batch %.80s: lot %.80s of product %.80s is already batch %.80s", id, lot, product_id, holder);
      return FALSE;
    }
  return TRUE;
}
