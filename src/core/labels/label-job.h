/* label-job.h — one print run: what the labels say and the codes they carry.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

typedef enum {
  SUYUAN_LABEL_PER_ITEM,    /* 一品一码: a new serial on every label */
  SUYUAN_LABEL_PER_BATCH,   /* one code for the whole batch, printed @count times */
} SuyuanLabelMode;

#define SUYUAN_LABEL_MAX_COUNT 1000000
#define SUYUAN_LABEL_SERIAL_DIGITS 6

typedef struct {
  SuyuanLabelMode mode;
  char *run_uuid;
  char *product_id, *gtin, *product_key, *name, *spec, *category;
  int shelf_life_days;
  char *producer, *licence_no;
  char *batch_id, *lot;
  guint32 production, expiry;     /* YYYYMMDD, 0 = unknown */
  gint64 first_serial;            /* per item: serials first_serial … + count - 1 */
  guint count;
  GPtrArray *payloads;            /* char *, one per label: what the QR code holds */
  GPtrArray *serials;             /* char *, one per label; empty per batch */
} SuyuanLabelJob;

/* Creates batch @lot of @product_id unless it exists. @production is
 * "YYYY-MM-DD" (NULL: today); @expiry NULL means production + shelf life. */
gboolean        suyuan_label_batch_ensure (SuyuanStore *store,
                                           const char  *product_id,
                                           const char  *lot,
                                           const char  *production,
                                           const char  *expiry,
                                           GError     **error);

/* Reserves the serials, records the units and queues their registration in
 * the outbox, all in one transaction, before anything is printed: serials are
 * never handed out twice, even when the printing that follows fails. */
SuyuanLabelJob *suyuan_label_job_new      (SuyuanStore    *store,
                                           const char     *product_id,
                                           const char     *lot,
                                           guint           count,
                                           SuyuanLabelMode mode,
                                           const char     *resolver_base,
                                           GError        **error);
void            suyuan_label_job_free     (SuyuanLabelJob *job);

/* $SUYUAN_RESOLVER, else the placeholder resolver of an unconfigured terminal. */
const char     *suyuan_label_default_resolver (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanLabelJob, suyuan_label_job_free)

G_END_DECLS
