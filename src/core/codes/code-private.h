/* code-private.h — helpers the code parsers share; only for src/core/codes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

/* Takes @raw; reserves @storage_size bytes for the code's strings. */
SuyuanCode  *suyuan_code_new_owned    (SuyuanCodeKind kind,
                                       char         *raw,
                                       gsize         storage_size);
/* A NUL-terminated copy of @s in the code's storage (or the heap when full);
 * freed with the code. */
char        *suyuan_code_store        (SuyuanCode   *code,
                                       const char   *s,
                                       gsize         length);
/* @s itself when it lives in the code's storage, else a copy: for fields
 * derived from AI values. */
char        *suyuan_code_share        (SuyuanCode   *code,
                                       const char   *s);
void         suyuan_code_set_error    (SuyuanCode   *code,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
