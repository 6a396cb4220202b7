/* server-gate.h — who gets a connection: the server's own accept loop, with
 * a bound per client address and in total, idle and slow-request timeouts,
 * and a deep listen backlog.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Defaults; the environment may change the first three (docs/server.md). */
#define SERVER_GATE_IDLE_SECONDS 30        /* SUYUAN_SERVER_IDLE_TIMEOUT */
#define SERVER_GATE_REQUEST_SECONDS 60     /* SUYUAN_SERVER_REQUEST_TIMEOUT */
#define SERVER_GATE_PER_CLIENT 64          /* SUYUAN_SERVER_MAX_PER_CLIENT */
#define SERVER_GATE_BACKLOG 4096

typedef struct _ServerGate ServerGate;

/* Takes over accepting on every socket @server listens on (call it once the
 * server listens, however it was told to). libsoup keeps the sockets as its
 * listeners, so URIs and keep-alive work as before, but the gate accepts. */
ServerGate *server_gate_take_over (SoupServer  *server,
                                   GError     **error);
void        server_gate_free      (ServerGate  *gate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerGate, server_gate_free)

G_END_DECLS
