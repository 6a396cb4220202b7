/* suyuan-application.c — opens the store, runs sync off the main thread and
 * presents the window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-application.h"
#include "label-job.h"
#include "suyuan-window.h"
#include "suyuan-preferences-window.h"
#include "suyuan-about.h"
#include "paths.h"
#include "sync-client.h"
#include "outbox.h"
#include "suyuan-sync-status.h"

#include <glib/gi18n.h>

struct _SuyuanApplication {
  AdwApplication parent_instance;

  char *store_path;
  char *server;
  const char *server_source;     /* what chose it, --server or $SUYUAN_SERVER, else NULL:
                                 * the preference is then not used */
  SuyuanStore *store;
  GSettings *settings;
  gboolean syncing;
  gboolean kiosk;
  gboolean offline;
  char *scope;              /* what the store's units and events were pulled under */
  gint64 n_units;           /* how many it holds; -1 before a sync counted them */
  gboolean scope_changed;   /* the last sync found the token's scope changed */
  guint status_idle;    /* a change to the outbox: say the count again */
  guint status_timer;   /* "10:42" becomes "Dec 5, 10:42" the next day */
};

G_DEFINE_FINAL_TYPE (SuyuanApplication, suyuan_application, ADW_TYPE_APPLICATION)

enum {
  SIGNAL_SYNC_STARTED,
  SIGNAL_SYNC_FINISHED,
  SIGNAL_DATA_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_KIOSK,
  PROP_SERVER,
  PROP_SYNC_STATUS,
  PROP_SCOPE,
  PROP_N_UNITS,
  PROP_SCOPE_CHANGED,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

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

GSettings *
suyuan_application_get_settings (SuyuanApplication *self)
{
  return self->settings;
}

gboolean
suyuan_application_get_kiosk (SuyuanApplication *self)
{
  return self->kiosk;
}

gboolean
suyuan_application_get_scope_changed (SuyuanApplication *self)
{
  g_return_val_if_fail (SUYUAN_IS_APPLICATION (self), FALSE);
  return self->scope_changed;
}

/* Settings, and About with its web links (a browser on a public terminal),
 * are not for passers-by. */
static void
lock_actions (SuyuanApplication *self)
{
  const char *locked[] = { "preferences", "about" };

  for (gsize i = 0; i < G_N_ELEMENTS (locked); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), locked[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !self->kiosk);
    }
}

/* Kiosk mode locks the settings and the way out; windows follow "notify::kiosk". */
void
suyuan_application_set_kiosk (SuyuanApplication *self,
                              gboolean           kiosk)
{
  g_return_if_fail (SUYUAN_IS_APPLICATION (self));
  kiosk = !!kiosk;
  if (self->kiosk == kiosk)
    return;
  self->kiosk = kiosk;
  /* Settings are locked in kiosk mode: an open preferences window goes. */
  /* It is not one of the application's windows (a transient one is not
   * added to it): look among all toplevels. */
  if (kiosk)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

          if (SUYUAN_IS_PREFERENCES_WINDOW (window))
            gtk_window_destroy (window);
        }
    }
  lock_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIOSK]);
}

/* A sync's server, and what the worker found the store to hold, read on
 * the main thread once the task returns. */
typedef struct {
  char *server;             /* a copy: the preference may change meanwhile */
  char *scope;
  gint64 n_units;           /* -1: the store could not be opened */
  gboolean scope_changed;
} SyncJob;

static void
sync_job_free (gpointer data)
{
  SyncJob *job = data;

  g_free (job->server);
  g_free (job->scope);
  g_free (job);
}

/* Runs in a worker thread with its own connection: SQLite handles are not shared. */
static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SuyuanApplication *self = source;
  SyncJob *job = task_data;
  const char *server = job->server;
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (self->store_path, &error);
  SuyuanSyncPullResult pulled = { 0 };
  gboolean ok;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Push first: what the user recorded matters more than fresh master data.
   * A NULL token means the default one: $SUYUAN_TOKEN, else the private file. */
  ok = suyuan_sync_push (store, server, NULL, NULL, NULL, NULL, NULL, &error)
       && suyuan_sync_pull_full (store, server, NULL, NULL, NULL, &pulled, &error);
  /* What the terminal holds, said even offline; counting a large store is
   * work for this thread, not the main one. */
  job->scope_changed = pulled.scope_changed;
  job->scope = suyuan_store_dup_pulled_scope (store);
  job->n_units = suyuan_store_count_units (store);
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Then the inspection photos, which may be slow: a photo that cannot go
   * now is tried again at the next sync, and costs this one nothing. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    if (!suyuan_sync_push_photos (store, server, NULL, NULL, &problems, &error))
      g_message ("photos wait for the next sync: %s", error->message);
    for (guint i = 0; problems && i < problems->len; i++)
      g_message ("%s", (const char *) problems->pdata[i]);
  }
  g_task_return_int (task, (gssize) MIN (pulled.n_applied, (guint64) G_MAXSSIZE));
}

/* What the store holds after a sync, for the preferences to show. */
static void
set_holding (SuyuanApplication *self,
             SyncJob           *job,
             gboolean           failed)
{
  /* A failed sync that dropped nothing says nothing new about the scope. */
  gboolean changed = job->scope_changed || (failed && self->scope_changed);

  if (job->n_units < 0)
    return;
  if (g_strcmp0 (self->scope, job->scope) != 0)
    {
      g_free (self->scope);
      self->scope = g_strdup (job->scope);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
    }
  if (self->n_units != job->n_units)
    {
      self->n_units = job->n_units;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNITS]);
    }
  if (self->scope_changed != changed)
    {
      self->scope_changed = changed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE_CHANGED]);
    }
}

/* What a store from an earlier run holds, before any sync says it: counted
 * off the main thread, like a sync's count. */
static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SuyuanApplication *self = source;
  SyncJob *job = task_data;
  g_autoptr(SuyuanStore) store = suyuan_store_open (self->store_path, NULL);

  if (store != NULL)
    {
      job->scope = suyuan_store_dup_pulled_scope (store);
      job->n_units = suyuan_store_count_units (store);
    }
  g_task_return_boolean (task, TRUE);
}

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (source);
  SyncJob *job = g_task_get_task_data (G_TASK (result));

  /* A sync that ended first counted later: its count stands. */
  if (self->n_units < 0)
    set_holding (self, job, TRUE);
}

static void
count_holding (SuyuanApplication *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, count_done, NULL);
  SyncJob *job = g_new0 (SyncJob, 1);

  job->n_units = -1;
  g_task_set_task_data (task, job, sync_job_free);
  g_task_run_in_thread (task, count_thread);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *advice = suyuan_sync_error_text (error);
  SyncJob *job = g_task_get_task_data (G_TASK (result));
  const char *server = job->server;

  self->syncing = FALSE;
  /* The store is the same whichever server it synced with. */
  set_holding (self, job, error != NULL);
  /* A sync with a server that is no longer the chosen one counts for nothing. */
  if (g_strcmp0 (server, self->server) != 0)
    {
      if (self->server != NULL)
        suyuan_application_sync (self);
      else
        g_signal_emit (self, signals[SIGNAL_SYNC_FINISHED], 0, (gint64) 0, NULL);
      g_application_release (G_APPLICATION (self));
      return;
    }
  self->offline = error != NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
  /* Pages that show what a sync brings (products, records) read it again. */
  if (error == NULL && n > 0)
    g_signal_emit (self, signals[SIGNAL_DATA_CHANGED], 0);
  g_signal_emit (self, signals[SIGNAL_SYNC_FINISHED], 0, error ? -1 : (gint64) n, advice);
  g_application_release (G_APPLICATION (self));
}

gint64
suyuan_application_count_pending (SuyuanApplication *self)
{
  g_return_val_if_fail (SUYUAN_IS_APPLICATION (self), 0);
  return self->store ? MAX (suyuan_outbox_count_pending (self->store), 0) : 0;
}

char *
suyuan_application_get_sync_status (SuyuanApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_sync = NULL;
  gint64 synced_at;

  g_return_val_if_fail (SUYUAN_IS_APPLICATION (self), NULL);
  if (self->syncing)
    return g_strdup (_("Syncing…"));
  if (self->server == NULL)
    return g_strdup (_("No server"));
  /* The store's time, not this run's: the recall data is as old as it says. */
  synced_at = self->store ? suyuan_store_get_synced_at (self->store) : 0;
  if (synced_at > 0)
    last_sync = g_date_time_new_from_unix_local (synced_at);
  return suyuan_sync_status_text (last_sync, now, self->offline, suyuan_application_count_pending (self));
}

static gboolean
notify_status (gpointer data)
{
  SuyuanApplication *self = data;

  self->status_idle = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
  return G_SOURCE_REMOVE;
}

static gboolean
tick_status (gpointer data)
{
  g_object_notify_by_pspec (G_OBJECT (data), properties[PROP_SYNC_STATUS]);
  return G_SOURCE_CONTINUE;
}

/* Inside an SQLite statement of the main thread's connection: only schedule. */
static void
on_store_changed (const char *table,
                  gpointer    data)
{
  SuyuanApplication *self = data;

  if (g_str_equal (table, "outbox") && self->status_idle == 0)
    self->status_idle = g_idle_add (notify_status, self);
}

void
suyuan_application_sync (SuyuanApplication *self)
{
  g_autoptr(GTask) task = NULL;
  SyncJob *job;

  g_return_if_fail (SUYUAN_IS_APPLICATION (self));
  if (self->server == NULL || self->syncing)
    return;
  self->syncing = TRUE;
  g_application_hold (G_APPLICATION (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
  g_signal_emit (self, signals[SIGNAL_SYNC_STARTED], 0);
  task = g_task_new (self, NULL, sync_done, NULL);
  job = g_new0 (SyncJob, 1);
  job->server = g_strdup (self->server);
  job->n_units = -1;
  g_task_set_task_data (task, job, sync_job_free);
  g_task_run_in_thread (task, sync_thread);
}

static void
suyuan_application_activate (GApplication *app)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (suyuan_window_new (self));
  if (g_settings_get_boolean (self->settings, "kiosk"))
    suyuan_application_set_kiosk (self, TRUE);
  gtk_window_present (window);
  suyuan_application_sync (self);
}

static gint
suyuan_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* A missing schema would abort inside g_settings_new: say what to do instead. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("suyuan: the settings schema %s is not installed; install Suyuan or set GSETTINGS_SCHEMA_DIR to the build’s data directory\n"), APP_ID);
      return 1;
    }
  self->settings = g_settings_new_full (schema, NULL, NULL);
  if (!g_variant_dict_lookup (options, "store", "^ay", &self->store_path))
    self->store_path = suyuan_default_store_path ();
  if (g_variant_dict_lookup (options, "server", "s", &self->server))
    self->server_source = N_("the --server option");
  else if ((self->server = suyuan_default_server_url ()) != NULL)
    self->server_source = N_("the environment variable SUYUAN_SERVER");
  if (self->server == NULL)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "server-url");

      if (url[0] != '\0')
        self->server = g_steal_pointer (&url);
    }
  if (g_variant_dict_contains (options, "kiosk"))
    self->kiosk = TRUE;
  if (self->kiosk || g_settings_get_boolean (self->settings, "kiosk"))
    {
      g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");

      if (hash[0] == '\0')
        g_printerr (_("suyuan: warning: kiosk mode with no admin PIN set: it can only be left by ending the process\n"));
    }
  self->store = suyuan_store_open (self->store_path, &error);
  if (self->store == NULL)
    {
      g_printerr ("suyuan: %s\n", error->message);
      return 1;
    }
  /* Whatever page writes a record, the header's count follows. */
  suyuan_store_watch (self->store, on_store_changed, self);
  count_holding (self);
  self->status_timer = g_timeout_add_seconds (60, tick_status, self);
  return -1;
}

/* In kiosk mode quitting goes through the windows, which ask for the PIN. */
static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  if (!SUYUAN_APPLICATION (app)->kiosk)
    {
      g_application_quit (G_APPLICATION (app));
      return;
    }
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       app)
{
  SuyuanApplication *self = app;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (app));
  SuyuanPreferencesWindow *prefs;

  if (self->kiosk)
    return;
  prefs = suyuan_preferences_window_new (parent, self->settings);
  if (self->store != NULL)
    {
      g_autofree char *resolver = suyuan_label_dup_default_resolver (self->store);

      suyuan_preferences_window_set_resolver (prefs, resolver);
    }
  if (self->server_source != NULL)
    suyuan_preferences_window_set_server_override (prefs, self->server, _(self->server_source));
  /* What the terminal holds follows each sync while the window is open. */
  g_object_bind_property (self, "scope", prefs, "scope", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "n-units", prefs, "n-units", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "scope-changed", prefs, "scope-changed", G_BINDING_SYNC_CREATE);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       app)
{
  suyuan_about_present (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static void
sync_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       app)
{
  suyuan_application_sync (app);
}

/* Switching the key on enters kiosk mode now; switching it off only changes
 * the next start: leaving needs the PIN, never just a setting. */
static void
on_kiosk_setting_changed (GSettings         *settings,
                          const char        *key,
                          SuyuanApplication *self)
{
  if (g_settings_get_boolean (settings, key))
    suyuan_application_set_kiosk (self, TRUE);
}

/* A new address in Preferences is used at once, unless --server or
 * $SUYUAN_SERVER chose the server for this run. */
static void
on_server_setting_changed (GSettings         *settings,
                           const char        *key,
                           SuyuanApplication *self)
{
  g_autofree char *url = NULL;

  if (self->server_source != NULL)
    return;
  url = g_strstrip (g_settings_get_string (settings, key));
  if (g_strcmp0 (url[0] != '\0' ? url : NULL, self->server) == 0)
    return;
  g_free (self->server);
  self->server = url[0] != '\0' ? g_steal_pointer (&url) : NULL;
  /* Reaching the old server says nothing about the new one. */
  self->offline = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_STATUS]);
  /* A sync under way with the old server starts again when it ends. */
  suyuan_application_sync (self);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "sync", sync_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* Windows go while the store is still open: quitting (Ctrl+Q) leaves them
 * otherwise, and what their pages hold unwritten (scans waiting for their
 * burst to end or for the server's answer) would be lost. */
static void
suyuan_application_shutdown (GApplication *app)
{
  GList *windows;

  /* A destroyed window leaves the list (destroying one may destroy others). */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      gpointer first = windows->data;

      gtk_window_destroy (first);
      if (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL
          && gtk_application_get_windows (GTK_APPLICATION (app))->data == first)
        break;
    }
  G_APPLICATION_CLASS (suyuan_application_parent_class)->shutdown (app);
}

static void
suyuan_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.sync", { "<Control>r", "F5", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.focus-scan", { "<Control>l", "F6", NULL } },
    { "win.leave-kiosk", { "<Control><Shift>k", NULL } },
  };

  G_APPLICATION_CLASS (suyuan_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  g_signal_connect_object (SUYUAN_APPLICATION (app)->settings, "changed::kiosk",
                           G_CALLBACK (on_kiosk_setting_changed), app, 0);
  g_signal_connect_object (SUYUAN_APPLICATION (app)->settings, "changed::server-url",
                           G_CALLBACK (on_server_setting_changed), app, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  lock_actions (SUYUAN_APPLICATION (app));
}

static void
suyuan_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_KIOSK:
      g_value_set_boolean (value, self->kiosk);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_SYNC_STATUS:
      g_value_take_string (value, suyuan_application_get_sync_status (self));
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_N_UNITS:
      g_value_set_int64 (value, self->n_units);
      break;
    case PROP_SCOPE_CHANGED:
      g_value_set_boolean (value, self->scope_changed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_application_finalize (GObject *object)
{
  SuyuanApplication *self = SUYUAN_APPLICATION (object);

  g_clear_handle_id (&self->status_idle, g_source_remove);
  g_clear_handle_id (&self->status_timer, g_source_remove);
  if (self->store != NULL)
    suyuan_store_watch (self->store, NULL, NULL);
  g_clear_pointer (&self->store, suyuan_store_close);
  g_clear_object (&self->settings);
  g_free (self->store_path);
  g_free (self->server);
  g_free (self->scope);
  G_OBJECT_CLASS (suyuan_application_parent_class)->finalize (object);
}

static void
suyuan_application_class_init (SuyuanApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = suyuan_application_finalize;
  object_class->get_property = suyuan_application_get_property;
  app_class->activate = suyuan_application_activate;
  app_class->startup = suyuan_application_startup;
  app_class->shutdown = suyuan_application_shutdown;
  app_class->handle_local_options = suyuan_application_handle_local_options;

  signals[SIGNAL_SYNC_STARTED] =
    g_signal_new ("sync-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* (changes pulled or -1, what went wrong and what to do, or NULL) */
  signals[SIGNAL_SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /* Pulled changes were applied: what pages show may be out of date. */
  signals[SIGNAL_DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  properties[PROP_KIOSK] =
    g_param_spec_boolean ("kiosk", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The sync target: --server, $SUYUAN_SERVER, else the "server-url" key (live). */
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The header's words for it: suyuan_application_get_sync_status (). */
  properties[PROP_SYNC_STATUS] =
    g_param_spec_string ("sync-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the store's units and events were pulled under, as the server names
   * it ("all", or a hash); NULL before a sync read it. */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The units the store holds, -1 before a sync counted them. */
  properties[PROP_N_UNITS] =
    g_param_spec_int64 ("n-units", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The last sync found the token's scope changed: it dropped the old
   * scope's units and events and pulled the new one's. */
  properties[PROP_SCOPE_CHANGED] =
    g_param_spec_boolean ("scope-changed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suyuan_application_init (SuyuanApplication *self)
{
  const GOptionEntry options[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The store file"), N_("FILE") },
    { "server", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Base URL of the Suyuan server"), N_("URL") },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run as a public query terminal: fullscreen, locked with the admin PIN"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->n_units = -1;
}
