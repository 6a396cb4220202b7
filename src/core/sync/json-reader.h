/* json-reader.h — a strict JSON reader for bodies from the network, fast
 * enough for a million records: one pass over a buffer the caller owns, with
 * strings decoded in place, and scalars read straight into SuyuanFields.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store.h"

G_BEGIN_DECLS

typedef struct {
  char       *p;          /* the next byte to read */
  char       *end;
  const char *error;      /* what was wrong, first failure only */
} SuyuanJsonReader;

typedef gboolean (*SuyuanJsonMemberFunc) (SuyuanJsonReader *r,
                                          const char       *name,
                                          gpointer          data);

/* Records @what as the failure (the first one stays) and returns FALSE. */
gboolean suyuan_json_reader_fail   (SuyuanJsonReader     *r,
                                    const char           *what);
/* The next significant character, 0 at the end; taken only by accept/expect. */
char     suyuan_json_reader_peek   (SuyuanJsonReader     *r);
gboolean suyuan_json_reader_accept (SuyuanJsonReader     *r,
                                    char                  c);
gboolean suyuan_json_reader_expect (SuyuanJsonReader     *r,
                                    char                  c);
/* A string, decoded over itself and NUL-terminated: UTF-8 without NULs. */
gboolean suyuan_json_reader_string (SuyuanJsonReader     *r,
                                    const char          **text,
                                    gsize                *len);
/* Any value as a field (@field->name is left alone); objects and arrays are
 * checked and kept as their JSON text, nested at most 32 deep. */
gboolean suyuan_json_reader_value  (SuyuanJsonReader     *r,
                                    SuyuanField          *field);
gboolean suyuan_json_reader_skip   (SuyuanJsonReader     *r);
/* An object: @member is called for each member with @r at its value, which
 * it must read. */
gboolean suyuan_json_reader_object (SuyuanJsonReader     *r,
                                    SuyuanJsonMemberFunc  member,
                                    gpointer              data);
/* TRUE when only white space is left. */
gboolean suyuan_json_reader_at_end (SuyuanJsonReader     *r);

G_END_DECLS
