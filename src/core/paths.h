/* paths.h — where the terminal keeps its files by default.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* $SUYUAN_STORE, else $XDG_DATA_HOME/suyuan/store.db */
char  *suyuan_default_store_path  (void);
/* $SUYUAN_SERVER, else NULL: no server configured */
char  *suyuan_default_server_url  (void);

/* setlocale and the gettext domain; $SUYUAN_LOCALEDIR points uninstalled
 * runs (tests, the README run command) at the build tree's catalogues. */
void   suyuan_i18n_init           (void);

G_END_DECLS
