/* admin-pin.h — the kiosk's admin PIN, kept only as a salted, slow hash, and
 * the lock-out after repeated wrong PINs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SUYUAN_ADMIN_PIN_MIN_DIGITS 6
#define SUYUAN_ADMIN_PIN_MAX_DIGITS 12

/* TRUE for a PIN that may be set: 6 to 12 ASCII digits. (Older, shorter
 * PINs still verify; only new ones must be this long.) */
gboolean  suyuan_admin_pin_acceptable   (const char *pin);
/* "scrypt$LOG2N$R$P$SALT_HEX$HASH_HEX" for @pin: scrypt (RFC 7914, OpenSSL)
 * with a 16-byte salt from getrandom(2), about 250 ms on a current PC core.
 * NULL when the kernel gives no random bytes. */
char     *suyuan_admin_pin_hash         (const char *pin);
/* TRUE when @pin matches @stored: the scrypt form above, or the
 * "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX" of earlier versions. An empty
 * or malformed @stored matches nothing: a kiosk with no PIN stays locked. */
gboolean  suyuan_admin_pin_verify       (const char *stored,
                                         const char *pin);
/* TRUE when @stored is not scrypt with today's cost: hash the PIN again
 * after the next right entry. */
gboolean  suyuan_admin_pin_needs_rehash (const char *stored);

/* Wrong PINs in a row, kept where a restart does not reset them. */
typedef struct {
  guint  failures;
  gint64 locked_until;   /* Unix seconds; 0: not locked */
} SuyuanPinLockout;

#define SUYUAN_PIN_FREE_TRIES 5        /* then locked for 30 s, doubling, */
#define SUYUAN_PIN_MAX_LOCK_S 3600     /* at most an hour */

typedef enum {
  SUYUAN_PIN_RIGHT,
  SUYUAN_PIN_WRONG,
  SUYUAN_PIN_LOCKED,     /* not even tried: wait */
} SuyuanPinResult;

/* Checks @pin against @stored under @lockout at @now (Unix seconds) and
 * updates @lockout. While locked, returns LOCKED without running the KDF and
 * sets *@wait_s. A right PIN clears the lock-out; when its hash is outdated,
 * *@rehash (if given) is set to a new hash to store. */
SuyuanPinResult suyuan_admin_pin_check  (SuyuanPinLockout *lockout,
                                         const char       *stored,
                                         const char       *pin,
                                         gint64            now,
                                         gint64           *wait_s,
                                         char            **rehash);

G_END_DECLS
