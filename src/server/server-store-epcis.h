/* server-store-epcis.h — EPCIS 2.0 events as captured: each event's JSON
 * text exactly as the sender gave it, beside indexed columns for queries and
 * a side table of the EPCs and class ids it names, on SQLite or PostgreSQL.
 *
 * Writing: server_store_epcis_insert inside a server_store_transaction, once
 * per event (a held eventID is left as it is). Reading: one function,
 * server_store_epcis_query, which answers an EpcisQuery with stored events in
 * record order (the order they were captured; recordTime) or eventTime order,
 * a page at a time with an opaque cursor. This API is stable: the EPCIS REST
 * binding (GET /events, nextPageToken) is built on it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"

G_BEGIN_DECLS

/* What an EPC or class id is to the event that names it (one bit each, so a
 * query may ask for several at once). */
typedef enum {
  SERVER_EPCIS_ROLE_EPC             = 1 << 0,  /* epcList */
  SERVER_EPCIS_ROLE_PARENT          = 1 << 1,  /* parentID */
  SERVER_EPCIS_ROLE_CHILD           = 1 << 2,  /* childEPCs */
  SERVER_EPCIS_ROLE_INPUT           = 1 << 3,  /* inputEPCList */
  SERVER_EPCIS_ROLE_OUTPUT          = 1 << 4,  /* outputEPCList */
  SERVER_EPCIS_ROLE_QUANTITY        = 1 << 5,  /* quantityList epcClass */
  SERVER_EPCIS_ROLE_CHILD_QUANTITY  = 1 << 6,  /* childQuantityList epcClass */
  SERVER_EPCIS_ROLE_INPUT_QUANTITY  = 1 << 7,  /* inputQuantityList epcClass */
  SERVER_EPCIS_ROLE_OUTPUT_QUANTITY = 1 << 8,  /* outputQuantityList epcClass */
  SERVER_EPCIS_ROLE_SOURCE          = 1 << 9,  /* sourceList source */
  SERVER_EPCIS_ROLE_DESTINATION     = 1 << 10, /* destinationList destination */
  SERVER_EPCIS_ROLE_BIZ_TRANSACTION = 1 << 11, /* bizTransactionList bizTransaction */
  SERVER_EPCIS_ROLE_READ_POINT      = 1 << 12, /* readPoint.id */
  SERVER_EPCIS_ROLE_BIZ_LOCATION    = 1 << 13, /* bizLocation.id */
} ServerEpcisRole;

#define SERVER_EPCIS_ROLES_ALL ((SERVER_EPCIS_ROLE_BIZ_LOCATION << 1) - 1)
/* The standard's MATCH_epc, MATCH_anyEPC, MATCH_epcClass, MATCH_anyEPCClass. */
#define SERVER_EPCIS_ROLES_EPC (SERVER_EPCIS_ROLE_EPC | SERVER_EPCIS_ROLE_CHILD \
                                | SERVER_EPCIS_ROLE_INPUT | SERVER_EPCIS_ROLE_OUTPUT)
#define SERVER_EPCIS_ROLES_ANY_EPC (SERVER_EPCIS_ROLES_EPC | SERVER_EPCIS_ROLE_PARENT)
#define SERVER_EPCIS_ROLES_EPC_CLASS (SERVER_EPCIS_ROLE_QUANTITY | SERVER_EPCIS_ROLE_CHILD_QUANTITY)
#define SERVER_EPCIS_ROLES_ANY_EPC_CLASS (SERVER_EPCIS_ROLES_EPC_CLASS | SERVER_EPCIS_ROLE_INPUT_QUANTITY \
                                          | SERVER_EPCIS_ROLE_OUTPUT_QUANTITY)

/* One name an event gives: an EPC or class id as sent (@key) with its role.
 * @canonical is the same GS1 key as a https://id.gs1.org Digital Link when
 * it is one we read (EPC URN or Digital Link on any host), else NULL, so a
 * query by either form finds it. */
typedef struct {
  guint role;
  char *key;
  char *canonical;
} ServerEpcisName;

/* An event to store or as stored. Times are UTC instants written
 * YYYY-MM-DDTHH:MM:SS.ffffffZ (fixed width: text order is time order). */
typedef struct {
  gint64 seq;            /* record order; set by insert and query */
  char *event_id;        /* as sent, or made by the repository (id_added) */
  gboolean id_added;
  gboolean own;          /* made by the repository from our own data (server-epcis-own.h),
                          * not captured; stored as 2 in the id_added column */
  char *type;            /* ObjectEvent, AggregationEvent … */
  char *event_time;      /* UTC */
  char *time_offset;     /* eventTimeZoneOffset as sent, e.g. +08:00 */
  char *record_time;     /* UTC, set by insert */
  char *biz_step, *disposition;  /* a CBV term as its bare word, whatever form it came in;
                                  * another vocabulary's URI as sent; or NULL */
  char *read_point, *biz_location;  /* as sent, or NULL (also names, in either form) */
  char *context;         /* the capture document's @context, JSON text, or NULL */
  char *json;            /* the event as sent, JSON text */
  GPtrArray *names;      /* ServerEpcisName (insert only; a query leaves it NULL) */
} ServerEpcisEvent;

void  server_epcis_event_free (ServerEpcisEvent *event);
void  server_epcis_name_free  (ServerEpcisName  *name);

/* One MATCH_… or EQ_… condition on the side table: the event names one of
 * @values (as sent or in canonical form) in one of @roles. */
typedef struct {
  guint roles;
  const char *const *values;
} ServerEpcisMatch;

/* A query; every condition set must hold (NULL and empty lists: any). */
typedef struct {
  const char *const *event_types;   /* eventType */
  const char *const *event_ids;     /* EQ_eventID */
  const char *ge_event_time, *lt_event_time;    /* ISO 8601 with an offset */
  const char *ge_record_time, *lt_record_time;
  const char *const *biz_steps;     /* EQ_bizStep: a CBV term in any form, or a URI */
  const char *const *dispositions;  /* EQ_disposition: the same */
  const char *const *read_points;   /* EQ_readPoint, as sent (or match role READ_POINT) */
  const char *const *biz_locations; /* EQ_bizLocation, as sent (or match role BIZ_LOCATION) */
  const ServerEpcisMatch *matches;  /* each must hold */
  guint n_matches;
  gboolean by_event_time;           /* order by eventTime (then record order), else record order */
  gboolean captured_only;           /* not the events made from our own data */
} ServerEpcisQuery;

/* Stores @event (and its names) unless its eventID is held: 1 stored
 * (event->seq and record_time set), 0 held already, -1 on error. Inside a
 * server_store_transaction. */
int        server_store_epcis_insert (ServerStore       *store,
                                      ServerEpcisEvent  *event,
                                      GError           **error);

/* Up to @limit (1 … 10000) stored events matching @query after @cursor (NULL:
 * from the start), as ServerEpcisEvent in the query's order. *next_cursor is
 * set to an opaque cursor for the next page when there may be more, else
 * NULL. NULL with @error set for a bad cursor or time (G_IO_ERROR_INVALID_ARGUMENT)
 * or a database fault. */
GPtrArray *server_store_epcis_query  (ServerStore             *store,
                                      const ServerEpcisQuery  *query,
                                      const char              *cursor,
                                      guint                    limit,
                                      char                   **next_cursor,
                                      GError                 **error);

/* The stored event with @event_id, or NULL. */
ServerEpcisEvent *server_store_epcis_get (ServerStore *store,
                                          const char  *event_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerEpcisEvent, server_epcis_event_free)

/* A CBV business step or disposition as its bare word when @value is one in
 * any of its forms (urn:epcglobal:cbv:…, https://ref.gs1.org/cbv/…,
 * https://gs1.org/voc/…), else @value. */
char      *server_epcis_cbv_term     (const char *value);

/* An ISO 8601 time with an offset as the stored UTC form, or NULL. */
char      *server_epcis_utc          (const char *time);

G_END_DECLS
