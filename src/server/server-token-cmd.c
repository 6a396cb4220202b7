/* server-token-cmd.c — `suyuan-server token create|revoke|list`: managing
 * device tokens on the server machine, with no network involved.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-tokens.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

static void
print_token (const char *const *c,
             gpointer           user_data)
{
  /* name, role, region, party, created, state: tab-separated for scripts. */
  printf ("%s\t%s\t%s\t%s\t%s\t%s\n", c[0], c[1], c[2] ? c[2] : "-", c[3] ? c[3] : "-", c[4],
          c[5] ? "revoked" : "valid");
}

int
server_token_main (int    argc,
                   char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *role = NULL;
  g_autofree char *region = NULL;
  g_autofree char *party = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database: a SQLite file or a postgresql:// URL"), N_("FILE|URL") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("inspector, retailer, producer or admin"), N_("ROLE") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The region code the device works in"), N_("CODE") },
    { "party", 0, 0, G_OPTION_ARG_STRING, &party, N_("The party the device acts for (required for producers)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The device’s name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("create|revoke|list"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ServerStore) store = NULL;
  const char *action;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Create, revoke or list the bearer tokens of terminals."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("suyuan-server token: %s\n", error->message);
      return 2;
    }
  action = argc > 1 ? argv[1] : "";
  if (strcmp (action, "create") != 0 && strcmp (action, "revoke") != 0 && strcmp (action, "list") != 0)
    {
      g_printerr ("%s\n", _("Usage: suyuan-server token create|revoke|list --db FILE [--name NAME] [--role ROLE] [--region CODE] [--party ID]"));
      return 2;
    }
  if (db_path == NULL)
    db_path = g_strdup ("suyuan-server.db");
  store = server_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }

  if (strcmp (action, "list") == 0)
    return server_tokens_foreach (store, print_token, NULL, &error) ? 0 : (g_printerr ("suyuan-server: %s\n", error->message), 1);

  if (strcmp (action, "revoke") == 0)
    {
      if (!server_tokens_revoke (store, name, &error))
        {
          g_printerr ("suyuan-server: %s\n", error->message);
          return 1;
        }
      g_printerr (_("Token “%s” revoked\n"), name);
      return 0;
    }

  {
    g_autofree char *token = server_tokens_create (store, name, server_role_from_string (role), region, party, &error);

    if (token == NULL)
      {
        g_printerr ("suyuan-server: %s\n", error->message);
        return 1;
      }
    /* The only time the token exists in clear: to stdout, nowhere else. */
    printf ("%s\n", token);
    fflush (stdout);
    memset (token, 0, strlen (token));
    g_printerr ("%s\n", _("Keep this token: it is not stored and cannot be shown again."));
  }
  return 0;
}
