/* ean.h — EAN-13, EAN-8, UPC-A and UPC-E product codes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

/* TRUE when @digits has the length of a retail code and was taken as one. */
gboolean  suyuan_ean_parse (SuyuanCode *code,
                            const char *digits,
                            gsize       length);

G_END_DECLS
