/* server-console-recall.c — placeholder while the section is written.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console.h"

void
server_console_recall_register (void)
{
}
