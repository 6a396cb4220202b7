/* paths.c — default locations, overridable from the environment for scripts and tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "paths.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

char *
suyuan_default_store_path (void)
{
  const char *env = g_getenv ("SUYUAN_STORE");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "suyuan", "store.db", NULL);
}

char *
suyuan_default_server_url (void)
{
  const char *env = g_getenv ("SUYUAN_SERVER");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return NULL;
}

void
suyuan_i18n_init (void)
{
  const char *dir = g_getenv ("SUYUAN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
