/* digital-link.h — GS1 Digital Link URIs and Suyuan's own producer URIs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

/* TRUE when @input is an http(s) URI this module took charge of (even when
 * invalid); FALSE leaves it to the caller as plain text or trace URL. */
gboolean  suyuan_digital_link_parse (SuyuanCode *code,
                                     const char *input);

/* Builds a Digital Link URI on @base (e.g. "https://id.example.cn") from
 * @code's AIs: primary key and its qualifiers in the path in GS1 order, the
 * other AIs as query attributes. NULL when that is impossible. A Suyuan producer code (product_key set, no
 * GTIN) uses "/p/<product_key>" as its key. Values are percent-encoded. */
char     *suyuan_digital_link_build (const char       *base,
                                     const SuyuanCode *code);
/* The same, saying why when @code cannot be carried (no key, or an AI GS1
 * does not allow as a Digital Link attribute). NULL then. */
char     *suyuan_digital_link_build_full (const char        *base,
                                          const SuyuanCode  *code,
                                          GError           **error);

G_END_DECLS
