/* lookup.h — what the store knows about one code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *name;
  char *licence_no;
  guint32 licence_valid_until;   /* YYYYMMDD, 0 = unknown */
  char *licence_status;          /* valid / revoked / suspended */
  char *region;
  char *kind;                    /* producer, distributor, retailer, market … */
  char *credit_class;
  gboolean abnormal;             /* on the abnormal-operation list */
} SuyuanParty;

typedef struct {
  char *id;
  char *gtin;
  char *product_key;
  char *drug_id;
  char *name;
  char *spec;
  char *category;                /* food, drug, vaccine, agri, cold-chain, other */
  char *approval_no;
  int shelf_life_days;
  char *storage;
  char *origin;                  /* country of origin, for imported goods */
} SuyuanProduct;

typedef struct {
  char *id;
  char *lot;
  guint32 production;
  guint32 expiry;
  char *status;                  /* normal, held, unqualified, recalled, destroyed */
  char *notice;
  char *notice_id;               /* the alert behind the status, if any */
} SuyuanBatch;

typedef struct {
  char *serial;
  char *state;                   /* commissioned, shipped, received, sold, destroyed, recalled */
  char *last_party_id;           /* where it was last seen, from the latest event */
  char *last_place;
  char *last_seen_at;
} SuyuanUnit;

typedef struct {
  char *id;
  char *kind;                    /* recall, unqualified, hold */
  char *scope;                   /* batch, product, producer */
  char *target_id;
  char *title;
  char *notice;
  char *issued_at;
  char *issuer;
} SuyuanAlert;

/* EPCIS-shaped: what (the code), when, where (place), who (party), why (reason). */
typedef struct {
  char *id;
  char *type;                    /* commissioning, shipping, receiving, inspecting, sampling,
                                    selling, recalling, destroying */
  char *time;                    /* ISO 8601 */
  char *party_id;
  char *party_name;              /* NULL when the party is not in the store */
  char *party_kind;
  char *place;
  char *reason;
  char *disposition;
  char *source_id;
  char *destination_id;
  char *serial;                  /* NULL for an event about the whole batch */
} SuyuanEvent;

typedef struct {
  SuyuanProduct *product;        /* NULL when unknown */
  SuyuanBatch *batch;            /* NULL when the code names no known batch */
  SuyuanUnit *unit;              /* NULL when the code names no known unit */
  SuyuanParty *producer;
  GPtrArray *alerts;             /* of SuyuanAlert: batch, product or producer scope; may be NULL */
  GPtrArray *events;             /* of SuyuanEvent, oldest first; may be NULL */
} SuyuanLookup;

/* Limit on events returned for one code, so a hostile feed cannot flood the UI. */
#define SUYUAN_LOOKUP_MAX_EVENTS 200

SuyuanLookup *suyuan_lookup_new  (void);
void          suyuan_party_free  (SuyuanParty *party);
void          suyuan_alert_free  (SuyuanAlert *alert);
void          suyuan_event_free  (SuyuanEvent *event);
/* Translated names for people; unknown values come back as they are. */
const char   *suyuan_category_to_label     (const char *category);
const char   *suyuan_batch_status_to_label (const char *status);

void  suyuan_lookup_free (SuyuanLookup *lookup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuyuanLookup, suyuan_lookup_free)

G_END_DECLS
