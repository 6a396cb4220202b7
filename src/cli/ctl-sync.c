/* ctl-sync.c — `suyuanctl sync [--store FILE] [--server URL]`, with progress.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "ctl.h"
#include "exit-status.h"
#include "paths.h"
#include "sync-client.h"
#include "outbox.h"
#include "http-client.h"

#include <glib/gi18n.h>
#include <stdio.h>

static void
show_progress (guint64  applied,
               gint64   cursor,
               gpointer user_data)
{
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, applied);
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);

  /* The carriage return redraws one progress line in place. */
  g_printerr ("\r");
  g_printerr (_("Pulled %s changes (cursor %s)"), count, at);
}

static void
show_push_progress (guint64  sent,
                    guint64  total,
                    gpointer user_data)
{
  g_autofree char *done = g_strdup_printf ("%" G_GUINT64_FORMAT, sent);
  g_autofree char *all = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

  g_printerr ("\r");
  g_printerr (_("Sent %s of %s records"), done, all);
}

/* After a refused token, say where the terminal looks for one. */
static void
explain_token (const GError *error)
{
  g_autofree char *path = NULL;

  if (!g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_UNAUTHORIZED))
    return;
  path = suyuan_sync_token_path ();
  g_printerr (_("Token file: %s (used when SUYUAN_TOKEN is not set)\n"), path);
}

/* Changes this pull stepped past (sync-client.c): said, never hidden. The
 * reason came from the server: no control characters reach the terminal. */
static void
report_skipped (SuyuanStore *store,
                gint64       before)
{
  g_autofree char *why = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *seq_text = NULL;
  gint64 seq = 0;
  gint64 n = suyuan_store_get_skipped (store, &seq, &why) - before;

  if (n <= 0)
    return;
  for (char *p = why; p && *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = '?';
  n_text = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                       "Skipped %s change this terminal cannot apply (the last: change %s, %s); tell the server’s operator\n",
                       "Skipped %s changes this terminal cannot apply (the last: change %s, %s); tell the server’s operator\n",
                       (gulong) MIN ((guint64) n, G_MAXULONG)),
          n_text, seq_text, why ? why : "");
}

int
ctl_sync (int    argc,
          char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *server = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store file"), N_("FILE") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server’s base URL"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON (progress stays on standard error)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SuyuanStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 sent = 0, rejected = 0;
  SuyuanSyncPullResult pulled = { 0 };
  guint photos = 0;
  g_autoptr(GPtrArray) photo_problems = NULL;
  gint64 skipped;
  g_autofree char *count = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ctl_parse_options (context, &argc, &argv))
    return SUYUAN_EXIT_USAGE;
  if (server == NULL)
    server = suyuan_default_server_url ();
  if (server == NULL)
    {
      g_printerr ("%s\n", _("suyuanctl sync: no server; give --server URL or set SUYUAN_SERVER"));
      return SUYUAN_EXIT_USAGE;
    }
  store = ctl_open_store (store_path);
  if (store == NULL)
    return SUYUAN_EXIT_ERROR;
  /* Push first: what the user recorded matters more than fresh master data. */
  if (!suyuan_sync_push (store, server, NULL, show_push_progress, NULL, &sent, &rejected, &error))
    {
      g_printerr (_("\nsuyuanctl: sync failed: %s\n"), error->message);
      explain_token (error);
      g_printerr ("%s\n", _("Your records are kept; run suyuanctl sync again when the server is reachable."));
      return SUYUAN_EXIT_ERROR;
    }
  if (!json && (sent > 0 || rejected > 0))
    {
      g_autofree char *n_sent = g_strdup_printf ("%" G_GUINT64_FORMAT, sent);
      g_autofree char *n_pending = g_strdup_printf ("%" G_GINT64_FORMAT, suyuan_outbox_count_pending (store));

      g_printerr ("\n");
      g_print (_("Sent %s records; %s still waiting\n"), n_sent, n_pending);
    }
  if (!suyuan_sync_push_photos (store, server, NULL, &photos, &photo_problems, &error))
    {
      /* The records went; the photos wait for the next sync. */
      g_printerr (_("suyuanctl: photos not uploaded: %s\n"), error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; photo_problems && i < photo_problems->len; i++)
    g_printerr ("%s\n", (const char *) photo_problems->pdata[i]);
  if (!json && photos > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Uploaded %u photo\n", "Uploaded %u photos\n", photos), photos);
  skipped = suyuan_store_get_skipped (store, NULL, NULL);
  if (!suyuan_sync_pull_full (store, server, NULL, show_progress, NULL, &pulled, &error))
    {
      g_printerr (_("\nsuyuanctl: sync failed: %s\n"), error->message);
      explain_token (error);
      return SUYUAN_EXIT_ERROR;
    }
  g_printerr ("\n");
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sent"); json_builder_add_int_value (b, (gint64) sent);
      json_builder_set_member_name (b, "rejected"); json_builder_add_int_value (b, (gint64) rejected);
      json_builder_set_member_name (b, "pending"); json_builder_add_int_value (b, suyuan_outbox_count_pending (store));
      json_builder_set_member_name (b, "photos_uploaded"); json_builder_add_int_value (b, photos);
      json_builder_set_member_name (b, "photo_problems"); json_builder_add_int_value (b, photo_problems->len);
      json_builder_set_member_name (b, "pulled");
      json_builder_add_int_value (b, (gint64) MIN (pulled.n_applied, (guint64) G_MAXINT64));
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, suyuan_store_get_skipped (store, NULL, NULL) - skipped);
      json_builder_set_member_name (b, "scope_changed");
      json_builder_add_boolean_value (b, pulled.scope_changed);
      json_builder_end_object (b);
      ctl_print_json_line (b);
      return 0;
    }
  if (pulled.scope_changed)
    g_print ("%s\n", _("This token’s scope changed: the units and events outside it were dropped and its scope "
                       "pulled from the start; records not yet sent are kept"));
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, pulled.n_applied);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Pulled %s change\n", "Pulled %s changes\n",
                        (gulong) MIN (pulled.n_applied, G_MAXULONG)), count);
  report_skipped (store, skipped);
  return 0;
}
