/* label-product.h — the producer's own products, added and edited on the
 * terminal, checked before they are stored and queued for the server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

#define SUYUAN_PRODUCT_ERROR (suyuan_product_error_quark ())

/* Which field is wrong, so an editor can show the message beside it. */
typedef enum {
  SUYUAN_PRODUCT_ERROR_NAME,
  SUYUAN_PRODUCT_ERROR_CATEGORY,
  SUYUAN_PRODUCT_ERROR_GTIN,
  SUYUAN_PRODUCT_ERROR_PRODUCT_KEY,
  SUYUAN_PRODUCT_ERROR_SHELF_LIFE,
  SUYUAN_PRODUCT_ERROR_PRODUCER,
  SUYUAN_PRODUCT_ERROR_NOT_FOUND,
  SUYUAN_PRODUCT_ERROR_TEXT,         /* spec, licence number or storage too long */
} SuyuanProductError;

/* Members named as in the exchange format (docs/data-format.md). */
typedef struct {
  char *id;             /* NULL for a new product: made on save */
  char *name, *spec, *category;
  char *gtin;           /* any of 8, 12, 13 or 14 digits; stored as 14 */
  char *product_key;    /* the local key when there is no GTIN */
  int shelf_life_days;  /* 0: unknown */
  char *approval_no, *storage;
  char *producer_id;
} SuyuanProductEdit;

GQuark          suyuan_product_error_quark   (void);
SuyuanProductEdit  *suyuan_product_edit_new           (void);
void            suyuan_product_edit_free          (SuyuanProductEdit *product);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanProductEdit, suyuan_product_edit_free)

SuyuanProductEdit  *suyuan_product_edit_load          (SuyuanStore   *store,
                                              const char    *id,
                                              GError       **error);
/* The categories the exchange format knows, NULL-terminated. */
const char *const *suyuan_product_categories (void);

/* Checks @product (empty strings count as absent), normalises the GTIN,
 * refuses a GTIN or key another product has, then stores it and queues a
 * master-data record for the server in one transaction. Sets product->id
 * on a new product. */
gboolean        suyuan_product_save          (SuyuanStore   *store,
                                              SuyuanProductEdit *product,
                                              GError       **error);

/* Producer parties as SuyuanLabelChoice (id, name), by name. */
GPtrArray      *suyuan_product_list_producers (SuyuanStore  *store,
                                               GError      **error);
/* Adds a producer party and queues it for the server; returns its id. */
char           *suyuan_product_add_producer  (SuyuanStore   *store,
                                              const char    *name,
                                              const char    *licence_no,
                                              GError       **error);

/* Queues the master-data record of batch @batch_id (inside the caller's
 * transaction when one is open). */
gboolean        suyuan_product_queue_batch   (SuyuanStore   *store,
                                              const char    *batch_id,
                                              GError       **error);

G_END_DECLS
