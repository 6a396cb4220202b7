/* server-console-notices.c — placeholder while the section is written.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console.h"

void
server_console_notices_register (void)
{
}
