/* suyuan-preferences-window.c — every row writes straight to GSettings, so
 * there is no Save button to forget; the PIN is stored only as a hash. The
 * Server group also shows what the terminal holds (bound from the app).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-preferences-window.h"
#include "admin-pin.h"
#include "http-client.h"
#include "label-job.h"
#include "suyuan-sync-status.h"

#include <glib/gi18n.h>
#include <string.h>

struct _SuyuanPreferencesWindow {
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwPreferencesGroup *server_group;
  AdwEntryRow *server_row;
  AdwActionRow *resolver_row;
  AdwActionRow *scope_row;
  AdwActionRow *scope_changed_row;
  GtkSpinButton *food_spin;
  GtkSpinButton *drug_spin;
  GtkSpinButton *other_spin;
  GtkSwitch *sound_switch;
  AdwEntryRow *camera_row;
  AdwEntryRow *gs_row;
  GtkSpinButton *gap_spin;
  AdwPasswordEntryRow *pin_row;
  AdwActionRow *kiosk_row;
  GtkSwitch *kiosk_switch;

  char *scope;
  gint64 n_units;
  gboolean scope_changed;
};

G_DEFINE_FINAL_TYPE (SuyuanPreferencesWindow, suyuan_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SCOPE,
  PROP_N_UNITS,
  PROP_SCOPE_CHANGED,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
toast (SuyuanPreferencesWindow *self,
       const char              *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

/* The scope comes from the network: the rows show it as text, never markup. */
static void
update_scope_rows (SuyuanPreferencesWindow *self)
{
  g_autofree char *scope = suyuan_sync_scope_text (self->scope);
  g_autofree char *units = suyuan_sync_units_text (self->n_units);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scope_row), scope);
  adw_action_row_set_subtitle (self->scope_row, units ? units : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scope_changed_row),
                                 suyuan_sync_scope_changed_text ());
  gtk_widget_set_visible (GTK_WIDGET (self->scope_changed_row), self->scope_changed);
}

/* Kiosk mode without a PIN could never be left: offer it only once a PIN is set. */
static void
update_kiosk_row (SuyuanPreferencesWindow *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
  gboolean has_pin = hash[0] != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->kiosk_row), has_pin);
  adw_action_row_set_subtitle (self->kiosk_row,
                               has_pin ? _("Fullscreen; leaving needs the admin PIN")
                                       : _("Set an admin PIN first"));
}

static void
on_server_apply (SuyuanPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  g_autoptr(GError) error = NULL;

  if (url[0] != '\0' && !suyuan_http_url_allowed (url, &error))
    {
      /* Toasts take markup; the URL is what the user typed. */
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      toast (self, message);
      return;
    }
  g_settings_set_string (self->settings, "server-url", url);
  toast (self, _("Server address saved"));
}

gboolean
suyuan_preferences_window_set_pin (SuyuanPreferencesWindow *self,
                                   const char              *pin)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self), FALSE);
  if (!suyuan_admin_pin_acceptable (pin))
    {
      toast (self, _("The admin PIN must be 6 to 12 digits"));
      return FALSE;
    }
  hash = suyuan_admin_pin_hash (pin);
  if (hash == NULL)
    {
      toast (self, _("The PIN could not be stored: the system gave no random numbers"));
      return FALSE;
    }
  g_settings_set_string (self->settings, "kiosk-pin-hash", hash);
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  update_kiosk_row (self);
  toast (self, _("Admin PIN set"));
  return TRUE;
}

static void
on_pin_apply (SuyuanPreferencesWindow *self)
{
  suyuan_preferences_window_set_pin (self, gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
}

/* Where printed codes point: the deployment's resolver, or a warning that it
 * is still the placeholder host. */
static void
update_resolver_row (SuyuanPreferencesWindow *self,
                     const char              *resolver)
{
  g_autoptr(GUri) uri = g_uri_parse (resolver, G_URI_FLAGS_NONE, NULL);
  g_autofree char *text = NULL;

  if (uri != NULL && g_strcmp0 (g_uri_get_host (uri), "id.example.com") == 0)
    text = g_strdup_printf (_("%s — a placeholder: printed codes lead nowhere until the deployment names its resolver"),
                            resolver);
  else
    text = g_strdup (resolver);
  adw_action_row_set_subtitle (self->resolver_row, text);
}

/* The resolver the deployment's server named (it wins over the environment's). */
void
suyuan_preferences_window_set_resolver (SuyuanPreferencesWindow *self,
                                        const char              *resolver)
{
  g_return_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (resolver != NULL);
  update_resolver_row (self, resolver);
}

const char *
suyuan_preferences_window_get_resolver_text (SuyuanPreferencesWindow *self)
{
  g_return_val_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_action_row_get_subtitle (self->resolver_row);
}

SuyuanPreferencesWindow *
suyuan_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  SuyuanPreferencesWindow *self = g_object_new (SUYUAN_TYPE_PREFERENCES_WINDOW,
                                                "transient-for", parent, NULL);
  g_autofree char *server = g_settings_get_string (settings, "server-url");

  self->settings = g_object_ref (settings);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  update_resolver_row (self, suyuan_label_default_resolver ());
  g_settings_bind (settings, "near-expiry-days-food", self->food_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "near-expiry-days-drug", self->drug_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "near-expiry-days-other", self->other_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sound", self->sound_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "camera-device", self->camera_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "gs-substitute", self->gs_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "wedge-max-gap-ms", self->gap_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "kiosk", self->kiosk_switch, "active", G_SETTINGS_BIND_DEFAULT);
  update_kiosk_row (self);
  return self;
}

void
suyuan_preferences_window_set_server_override (SuyuanPreferencesWindow *self,
                                               const char              *url,
                                               const char              *source)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self));
  if (url == NULL)
    return;
  /* Translators: %s is the address in use, then what set it (the environment
   * variable SUYUAN_SERVER or the --server option) */
  text = g_strdup_printf (_("This run uses %s, set by %s. The address below is used when it is not set."),
                          url, source);
  adw_preferences_group_set_description (self->server_group, text);
}

const char *
suyuan_preferences_window_get_server_note (SuyuanPreferencesWindow *self)
{
  g_return_val_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_preferences_group_get_description (self->server_group);
}

const char *
suyuan_preferences_window_get_scope_text (SuyuanPreferencesWindow *self)
{
  g_return_val_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->scope_row));
}

const char *
suyuan_preferences_window_get_units_text (SuyuanPreferencesWindow *self)
{
  g_return_val_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_action_row_get_subtitle (self->scope_row);
}

const char *
suyuan_preferences_window_get_scope_changed_text (SuyuanPreferencesWindow *self)
{
  g_return_val_if_fail (SUYUAN_IS_PREFERENCES_WINDOW (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->scope_changed_row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->scope_changed_row));
}

static void
suyuan_preferences_window_dispose (GObject *object)
{
  SuyuanPreferencesWindow *self = SUYUAN_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SUYUAN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (suyuan_preferences_window_parent_class)->dispose (object);
}

static void
suyuan_preferences_window_finalize (GObject *object)
{
  SuyuanPreferencesWindow *self = SUYUAN_PREFERENCES_WINDOW (object);

  g_free (self->scope);
  G_OBJECT_CLASS (suyuan_preferences_window_parent_class)->finalize (object);
}

static void
suyuan_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  SuyuanPreferencesWindow *self = SUYUAN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
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
suyuan_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  SuyuanPreferencesWindow *self = SUYUAN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      if (g_strcmp0 (self->scope, g_value_get_string (value)) == 0)
        return;
      g_free (self->scope);
      self->scope = g_value_dup_string (value);
      break;
    case PROP_N_UNITS:
      if (self->n_units == g_value_get_int64 (value))
        return;
      self->n_units = g_value_get_int64 (value);
      break;
    case PROP_SCOPE_CHANGED:
      if (self->scope_changed == g_value_get_boolean (value))
        return;
      self->scope_changed = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  update_scope_rows (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
suyuan_preferences_window_class_init (SuyuanPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_preferences_window_dispose;
  object_class->finalize = suyuan_preferences_window_finalize;
  object_class->get_property = suyuan_preferences_window_get_property;
  object_class->set_property = suyuan_preferences_window_set_property;

  /* What the terminal holds, as the application knows it after a sync:
   * the scope's ID from the server ("all", a hash, or NULL before any). */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Units held; -1 not counted yet. */
  properties[PROP_N_UNITS] =
    g_param_spec_int64 ("n-units", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The last sync dropped the old scope's data and pulled the new one's. */
  properties[PROP_SCOPE_CHANGED] =
    g_param_spec_boolean ("scope-changed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, resolver_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, scope_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, scope_changed_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, food_spin);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, drug_spin);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, other_spin);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, sound_switch);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, camera_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, gs_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, gap_spin);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, pin_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, kiosk_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPreferencesWindow, kiosk_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_apply);
}

static void
suyuan_preferences_window_init (SuyuanPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->n_units = -1;
  update_scope_rows (self);
}
