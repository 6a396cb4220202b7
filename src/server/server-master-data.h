/* server-master-data.h — products, batches and producer parties that a
 * producer's terminal made, folded into the change feed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "server-store.h"
#include "server-tokens.h"

G_BEGIN_DECLS

/* Objects one master-data record may carry. */
#define SERVER_MASTER_DATA_MAX_OBJECTS 1000

/* TRUE when the JSON text @data is {"type": "master-data", …}. */
gboolean server_master_data_is      (const char            *data);
/* Appends the record's parties, products and batches as changes, as an
 * import would, inside the caller's transaction. A producer may only touch
 * its own party and its own products and their batches, and never the
 * regulator's members (batch status, licence status, credit class); an admin
 * may do anything; other roles are refused. A refusal is a
 * G_IO_ERROR_INVALID_DATA error whose message says why. */
gboolean server_master_data_apply   (ServerStore           *store,
                                     const ServerRecord    *record,
                                     const ServerPrincipal *who,
                                     GError               **error);

G_END_DECLS
