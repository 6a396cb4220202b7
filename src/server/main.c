/* main.c — suyuan-server: the central server every terminal syncs with.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "paths.h"
#include "server-api.h"
#include "server-epcis-rest.h"
#include "server-gate.h"
#include "server-store-backup.h"
#include "server-listen.h"
#include "server-mirror.h"
#include "server-resolver.h"
#include "server-store.h"
#include "server-tokens.h"
#include "server-tls.h"
#include "server-photos.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <stdio.h>

static gboolean
quit_on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
import_file (ServerStore *store,
             const char  *path,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n = 0;

  if (!json_parser_load_from_file (parser, path, error)
      || !server_store_import (store, json_parser_get_root (parser), &n, error))
    return FALSE;
  g_message ("imported %u changes from %s", n, path);
  return TRUE;
}

static gboolean
write_port_file (const char *path,
                 guint       port,
                 GError    **error)
{
  g_autofree char *text = g_strdup_printf ("%u\n", port);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

  /* Written then renamed, so a waiting script never reads half a number. */
  return g_file_set_contents (tmp, text, -1, error) && g_rename (tmp, path) == 0;
}

static guint
bound_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = uris ? (guint) g_uri_get_port (uris->data) : 0;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *mirror_path = NULL;
  g_autofree char *photos_dir = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *port_file = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *resolver_base = NULL;
  g_autofree char *counts_path = NULL;
  int public_rate = 120;
  g_auto(GStrv) listen = NULL;
  g_autofree char *where = NULL;
  gboolean version = FALSE;
  SoupServerListenOptions listen_options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  int port = 8480;
  int max_body_kib = SERVER_API_DEFAULT_MAX_BODY / 1024;
  ServerContext ctx = { 0 };
  gboolean import_only = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database: a SQLite file or a postgresql:// URL"), N_("FILE|URL") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &listen, N_("Listen on this IPv4 or IPv6 address, with an optional port (repeatable; default 127.0.0.1)"), N_("ADDRESS[:PORT]") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("Port of a --listen address without one (0: any free port)"), N_("PORT") },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, N_("Write the bound port to this file"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &demo, N_("Import an exchange-format JSON file first"), N_("FILE") },
    { "import-only", 0, 0, G_OPTION_ARG_NONE, &import_only, N_("Import and exit"), NULL },
    { "mirror", 0, 0, G_OPTION_ARG_FILENAME, &mirror_path, N_("The lookup mirror file (default: beside a SQLite database; for PostgreSQL in $XDG_STATE_HOME/suyuan-server)"), N_("FILE") },
    { "max-body", 0, 0, G_OPTION_ARG_INT, &max_body_kib, N_("Refuse request bodies larger than this (KiB)"), N_("KIB") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("Serve HTTPS with this PEM certificate (chain)"), N_("FILE") },
    { "resolver", 0, 0, G_OPTION_ARG_STRING, &resolver_base, N_("Public base URL of printed codes, served to terminals (e.g. https://id.example.cn)"), N_("URL") },
    { "public-rate", 0, 0, G_OPTION_ARG_INT, &public_rate, N_("Public resolver requests per client address and minute (0: no limit)"), N_("N") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The PEM private key of --tls-cert"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ServerStore) store = NULL;
  g_autoptr(SuyuanStore) mirror = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(ServerResolver) resolver = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(ServerGate) gate = NULL;

  suyuan_i18n_init ();
  if (argc > 1 && g_strcmp0 (argv[1], "token") == 0)
    return server_token_main (argc - 1, argv + 1);
  if (argc > 1 && g_strcmp0 (argv[1], "import-alerts") == 0)
    return server_import_alerts_main (argc - 1, argv + 1);
  if (argc > 1 && g_strcmp0 (argv[1], "backup") == 0)
    return server_backup_main (argc - 1, argv + 1);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("The Suyuan central server (HTTP/JSON API).\n"
                                           "“suyuan-server token --help” manages the terminals’ tokens;\n"
                                           "“suyuan-server import-alerts --help” imports recalls and sampling results;\n"
                                           "“suyuan-server backup --help” copies a SQLite database while the server runs."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("suyuan-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (db_path == NULL)
    db_path = g_strdup ("suyuan-server.db");
  store = server_store_open (db_path, &error);
  if (store == NULL || (demo && !import_file (store, demo, &error)))
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }
  if (import_only)
    return 0;
  /* Brought up to date now, so the first lookup does not wait for it. */
  if (mirror_path == NULL)
    mirror_path = server_mirror_default_path (db_path);
  if ((mirror = server_mirror_open (mirror_path, &error)) == NULL
      || !server_mirror_catch_up (mirror, store, &error))
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }

  /* The resolver's query counts live beside the mirror. */
  counts_path = g_strconcat (mirror_path, ".public", NULL);
  if ((resolver = server_resolver_new (resolver_base, counts_path, (guint) MAX (public_rate, 0), &error)) == NULL)
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }

  server = soup_server_new ("server-header", "suyuan-server", NULL);
  ctx.store = store;
  ctx.mirror = mirror;
  ctx.max_body = (gsize) MAX (max_body_kib, 1) * 1024;
  ctx.db_path = db_path;
  ctx.mirror_path = mirror_path;
  photos_dir = server_photos_default_dir (mirror_path);
  ctx.photos_dir = photos_dir;
  ctx.resolver = resolver;
  /* Before any new job: the ones a stopped server left running are lost. */
  server_capture_jobs_recover (store);
  server_api_install (server, &ctx);
  if ((tls_cert || tls_key) && !server_tls_setup (server, tls_cert, tls_key, &listen_options, &error))
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }
  if (port < 0 || port > 65535
      || !server_listen_all (server, (const char *const *) listen, (guint) port, listen_options, &error))
    {
      g_printerr ("suyuan-server: %s\n", error ? error->message : _("the port must be 0 to 65535"));
      /* A malformed address is wrong usage; one that cannot be bound is an error. */
      return error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? 1 : 2;
    }
  if ((gate = server_gate_take_over (server, &error)) == NULL)
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }
  if (port_file && !write_port_file (port_file, bound_port (server), &error))
    {
      g_printerr ("suyuan-server: %s\n", error->message);
      return 1;
    }
  where = server_listen_describe (server);
  g_message ("listening on %s", where);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_on_signal, loop);
  g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  g_main_loop_run (loop);
  return 0;
}
