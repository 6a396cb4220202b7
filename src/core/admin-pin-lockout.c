/* admin-pin-lockout.c — wrong PINs in a row lock the PIN for a while, the
 * wait doubling each time, so guessing even a 6-digit PIN takes years.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "admin-pin.h"

static gint64
lock_seconds (guint failures)
{
  guint over = failures - SUYUAN_PIN_FREE_TRIES;   /* 0 for the fifth */

  if (over >= 7)
    return SUYUAN_PIN_MAX_LOCK_S;
  return MIN ((gint64) 30 << over, SUYUAN_PIN_MAX_LOCK_S);
}

SuyuanPinResult
suyuan_admin_pin_check (SuyuanPinLockout *lockout,
                        const char       *stored,
                        const char       *pin,
                        gint64            now,
                        gint64           *wait_s,
                        char            **rehash)
{
  g_return_val_if_fail (lockout != NULL, SUYUAN_PIN_LOCKED);

  if (wait_s != NULL)
    *wait_s = 0;
  if (rehash != NULL)
    *rehash = NULL;
  /* A lock far in the future is a clock set back or a tampered state: cap it. */
  if (lockout->locked_until > now + SUYUAN_PIN_MAX_LOCK_S)
    lockout->locked_until = now + SUYUAN_PIN_MAX_LOCK_S;
  if (lockout->locked_until > now)
    {
      if (wait_s != NULL)
        *wait_s = lockout->locked_until - now;
      return SUYUAN_PIN_LOCKED;
    }
  if (suyuan_admin_pin_verify (stored, pin))
    {
      lockout->failures = 0;
      lockout->locked_until = 0;
      if (rehash != NULL && suyuan_admin_pin_needs_rehash (stored))
        *rehash = suyuan_admin_pin_hash (pin);
      return SUYUAN_PIN_RIGHT;
    }
  if (lockout->failures < G_MAXUINT)
    lockout->failures++;
  if (lockout->failures >= SUYUAN_PIN_FREE_TRIES)
    {
      lockout->locked_until = now + lock_seconds (lockout->failures);
      if (wait_s != NULL)
        *wait_s = lockout->locked_until - now;
    }
  return SUYUAN_PIN_WRONG;
}
