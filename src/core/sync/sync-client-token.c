/* sync-client-token.c — where the terminal's device token comes from: the
 * SUYUAN_TOKEN environment variable, else a file only its owner can read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "sync-client.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

char *
suyuan_sync_token_path (void)
{
  const char *env = g_getenv ("SUYUAN_TOKEN_FILE");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_config_dir (), "suyuan", "token", NULL);
}

static gboolean
plausible_token (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > SUYUAN_SYNC_TOKEN_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '_' && text[i] != '-' && text[i] != '.')
      return FALSE;
  return TRUE;
}

gboolean
suyuan_sync_default_token (char   **token_out,
                           GError **error)
{
  const char *env = g_getenv ("SUYUAN_TOKEN");
  g_autofree char *path = suyuan_sync_token_path ();
  g_autofree char *text = NULL;
  GStatBuf st;

  *token_out = NULL;
  if (env != NULL && env[0] != '\0')
    {
      *token_out = g_strdup (env);
      return TRUE;
    }
  if (g_stat (path, &st) != 0)
    return TRUE;  /* no token configured: the server will say 401 if it needs one */
  /* A token others can read is a token others can use. */
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_TOKEN,
                   _("The token file %s can be read by other users; make it private with “chmod 600 %s”"),
                   path, path);
      return FALSE;
    }
  if (st.st_size > 4096 || !g_file_get_contents (path, &text, NULL, error))
    {
      if (error && *error == NULL)
        g_set_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_TOKEN, _("The token file %s is too large"), path);
      return FALSE;
    }
  g_strstrip (text);
  if (!plausible_token (text))
    {
      memset (text, 0, strlen (text));
      g_set_error (error, SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_TOKEN,
                   _("The token file %s does not hold a token; put the token your administrator gave you in it"),
                   path);
      return FALSE;
    }
  *token_out = g_steal_pointer (&text);
  return TRUE;
}
