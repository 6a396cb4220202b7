/* epcis-rest-client.h — what the EPCIS REST binding tests share: a real
 * suyuan-server with the demo, requests as a partner system sends them
 * (status, headers and JSON answer), documents and capture jobs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "test-support.h"

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  char *dir;
  TestServer *server;
  SoupSession *session;
} Fixture;

typedef struct {
  guint status;
  SoupMessageHeaders *headers;
  JsonNode *body;
} Reply;

void        reply_free        (Reply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

void        fixture_set_up    (Fixture *f, gconstpointer data);
void        fixture_tear_down (Fixture *f, gconstpointer data);

/* @method @path with @token (NULL: none) and @body (NULL: none). */
Reply      *call_typed        (Fixture *f, const char *method, const char *path, const char *token,
                               const char *body, const char *content_type);
/* The same with an application/ld+json body. */
Reply      *call              (Fixture *f, const char *method, const char *path, const char *token,
                               const char *body);
const char *header            (Reply *reply, const char *name);
JsonObject *object            (Reply *reply);
/* A refusal is an RFC 7807 problem with the standard's exception. */
void        assert_problem    (Reply *reply, guint status, const char *exception);

/* An EPCISDocument of @n ObjectEvents with @bizStep, each shipping
 * @per_event units of the demo milk, serials from @first. */
char       *document_of       (guint n, guint per_event, guint first, const char *biz_step);
char       *document          (guint n, guint first, const char *biz_step);
/* Polls the job at @location until it stops running (up to 60 s). */
Reply      *finished_job      (Fixture *f, const char *location, const char *token);
/* POST /capture of @doc by the admin, and its job ended with success. */
void        capture_all       (Fixture *f, const char *doc);
/* The change feed's last sequence number, from /api/v1/health. */
gint64      last_seq          (Fixture *f);

G_END_DECLS
