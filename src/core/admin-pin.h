/* admin-pin.h — the kiosk's admin PIN, kept only as a salted, stretched hash.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX" for @pin with a fresh random salt. */
char     *suyuan_admin_pin_hash   (const char *pin);
/* TRUE when @pin matches @stored (as made by suyuan_admin_pin_hash). An empty or
 * malformed @stored matches nothing: a kiosk with no PIN set stays locked. */
gboolean  suyuan_admin_pin_verify (const char *stored,
                                   const char *pin);

G_END_DECLS
