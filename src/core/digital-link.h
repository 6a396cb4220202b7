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

G_END_DECLS
