/* suyuan-code-kind.h — what kind of code was scanned, in the user's words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "code.h"

G_BEGIN_DECLS

/* "GS1 element string", "Drug trace code" … translated; never NULL.
 * suyuan_code_kind_to_string() stays the machine name (JSON, storage). */
const char *suyuan_code_kind_to_label (SuyuanCodeKind kind);

G_END_DECLS
