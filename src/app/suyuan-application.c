/* suyuan-application.c — opens the store, runs sync off the main thread and
 * presents the window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-application.h"
#include "suyuan-window.h"
#include "paths.h"
#include "sync-client.h"

#include <glib/gi18n.h>

struct _SuyuanApplication {
  AdwApplication parent_instance;

  char *store_path;
  char *server;
  SuyuanStore *store;
  gboolean syncing;
};

G_DEFINE_FINAL_TYPE (SuyuanApplication, suyuan_application, ADW_TYPE_APPLICATION)

enum {
  SIGNAL_SYNC_STARTED,
  SIGNAL_SYNC_FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

SuyuanApplication *
suyuan_application_new (void)
{
  return g_object_new (SUYUAN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/suyuan/Suyuan",
                       NULL);
}

SuyuanStore *
suyuan_application_get_store (SuyuanApplication *self)
{
  return self->store;
}

const char *
suyuan_application_get_store_path (SuyuanApplication *self)
{
  return self->store_path;
}

const char *
suyuan_application_get_server (SuyuanApplication *self)
{
  return self->server;
}

/* Runs in a worker thread with its own connection: SQLite handles are not shared. */
static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SuyuanApplication *self = source;
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (self->store_path, &error);
  guint64 n = 0;

  /* Push first: what the user recorded matters more than fresh master data. */
  if (store == NULL
      || !suyuan_sync_push (store, self->server, g_getenv ("SUYUAN_TOKEN"), NULL, NULL, NULL, NULL, &error)
      || !suyuan_sync_pull (store, self->server, g_getenv ("SUYUAN_TOKEN"), NULL, NULL, &n, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, (gssize) n);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  self->syncing = FALSE;
  g_signal_emit (self, signals[SIGNAL_SYNC_FINISHED], 0, error ? -1 : (gint64) n,
                 error ? error->message : NULL);
  g_application_release (G_APPLICATION (self));
}

void
suyuan_application_sync (SuyuanApplication *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SUYUAN_IS_APPLICATION (self));
  if (self->server == NULL || self->syncing)
    return;
  self->syncing = TRUE;
  g_application_hold (G_APPLICATION (self));
  g_signal_emit (self, signals[SIGNAL_SYNC_STARTED], 0);
  task = g_task_new (self, NULL, sync_done, NULL);
  g_task_run_in_thread (task, sync_thread);
}

static void
suyuan_application_activate (GApplication *app)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (suyuan_window_new (self));
  gtk_window_present (window);
  suyuan_application_sync (self);
}

static gint
suyuan_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_lookup (options, "store", "^ay", &self->store_path))
    self->store_path = suyuan_default_store_path ();
  if (!g_variant_dict_lookup (options, "server", "s", &self->server))
    self->server = suyuan_default_server_url ();
  self->store = suyuan_store_open (self->store_path, &error);
  if (self->store == NULL)
    {
      g_printerr ("suyuan: %s\n", error->message);
      return 1;
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       app)
{
  g_application_quit (G_APPLICATION (app));
}

static void
sync_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       app)
{
  suyuan_application_sync (app);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "sync", sync_activated },
};

static void
suyuan_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (suyuan_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
suyuan_application_finalize (GObject *object)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (object);

  g_clear_pointer (&self->store, suyuan_store_close);
  g_free (self->store_path);
  g_free (self->server);
  G_OBJECT_CLASS (suyuan_application_parent_class)->finalize (object);
}

static void
suyuan_application_class_init (SuyuanApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = suyuan_application_finalize;
  app_class->activate = suyuan_application_activate;
  app_class->startup = suyuan_application_startup;
  app_class->handle_local_options = suyuan_application_handle_local_options;

  signals[SIGNAL_SYNC_STARTED] =
    g_signal_new ("sync-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (changes pulled or -1, error message or NULL) */
  signals[SIGNAL_SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
suyuan_application_init (SuyuanApplication *self)
{
  const GOptionEntry options[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The store file"), N_("FILE") },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Base URL of the Suyuan server"), N_("URL") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
