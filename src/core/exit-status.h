/* exit-status.h — the exit statuses of suyuanctl and suyuan-server, for scripts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Documented in the man pages (docs/man/); keep the two in step.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SUYUAN_EXIT_OK = 0,             /* done; every code judged OK */
  SUYUAN_EXIT_ERROR = 1,          /* could not do it: file, store, network, server */
  SUYUAN_EXIT_USAGE = 2,          /* wrong options or arguments */
  SUYUAN_EXIT_VERIFY_FAILED = 3,  /* printed labels did not read back */
  SUYUAN_EXIT_STOP = 4,           /* a code's verdict is STOP: do not sell or use */
  SUYUAN_EXIT_WARN = 5,           /* a code's verdict is WARN */
  SUYUAN_EXIT_UNKNOWN = 6,        /* a code is not in the store */
} SuyuanExitStatus;

/* The status of several outcomes: STOP before an error, an error before
 * WARN, WARN before UNKNOWN, anything before OK. A script that only tests
 * for non-zero never sells what one code said to stop. */
static inline int
suyuan_exit_worst (int a,
                   int b)
{
  static const int rank[] = { 0, 4, 5, 3, 6, 2, 1 };   /* indexed by status */

  if (a < 0 || a > 6)
    return a;
  if (b < 0 || b > 6)
    return b;
  return rank[a] >= rank[b] ? a : b;
}

G_END_DECLS
