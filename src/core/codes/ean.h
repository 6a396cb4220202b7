/* ean.h — EAN-13, EAN-8, UPC-A and UPC-E product codes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

/* TRUE when @digits has the length of a retail code and was taken as one.
 * @aim (or NULL) is the AIM symbology identifier the scanner sent. */
gboolean  suyuan_ean_parse        (SuyuanCode *code,
                                   const char *digits,
                                   gsize       length,
                                   const char *aim);
/* Expands the 8-digit UPC-E @upce (number system 0 or 1) to its 12-digit
 * UPC-A form in @upca (NUL-terminated); FALSE for another number system. */
gboolean  suyuan_ean_upce_expand  (const char *upce,
                                   char        upca[13]);

G_END_DECLS
