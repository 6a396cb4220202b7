/* server-epcis-keys.h — the GS1 keys an EPCIS event names, in one form:
 * EPC URNs (TDS 2.0) and GS1 Digital Links on any host become the same
 * https://id.gs1.org Digital Link, so a query by either finds both.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The canonical Digital Link of @uri when it is an EPC URN of a GS1 key
 * (sgtin, lgtin class, sscc, sgln, pgln, grai, giai, gsrn, gdti) or a valid
 * GS1 Digital Link; NULL for anything else (patterns, other URIs). */
char     *server_epcis_canonical_key (const char *uri);

G_END_DECLS
