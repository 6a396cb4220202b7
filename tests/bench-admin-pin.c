/* bench-admin-pin.c — what one PIN guess costs: the scrypt hash of today
 * next to the PBKDF2 (20,000 rounds) of earlier versions, timed in the same
 * run, and what that means for guessing every PIN offline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "admin-pin.h"

#include <stdio.h>
#include <stdlib.h>

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median time of @n verifications of a guess against @stored, in seconds
 * (a wrong guess costs the same as a right one). */
static double
median_verify (const char *stored,
               int         n)
{
  double times[15];

  g_assert (n <= (int) G_N_ELEMENTS (times));
  for (int i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();

      suyuan_admin_pin_verify (stored, "123456");
      times[i] = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
    }
  qsort (times, (size_t) n, sizeof times[0], compare_doubles);
  return times[n / 2];
}

int
main (void)
{
  /* The earlier scheme at its cost (20,000 rounds), any salt and hash. */
  const char *before = "pbkdf2-sha256$20000$00112233445566778899aabbccddeeff$"
                       "0000000000000000000000000000000000000000000000000000000000000000";
  g_autofree char *now = suyuan_admin_pin_hash ("246813");
  double t_before, t_now;

  t_before = median_verify (before, 7);
  t_now = median_verify (now, 7);
  printf ("admin PIN: one guess on one core, median of 7\n");
  printf ("  scrypt N=2^16 r=8 p=1 (now)       %8.1f ms\n", t_now * 1000);
  printf ("  PBKDF2-SHA256, 20000 (anchor)     %8.1f ms   now/anchor %.1fx\n", t_before * 1000, t_now / t_before);
  printf ("  every 4-digit PIN before: %.0f s; every 6-digit PIN now: %.1f core-days\n",
          t_before * 1e4, t_now * 1e6 / 86400);
  return 0;
}
