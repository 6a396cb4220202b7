/* suyuan-wedge-input.c — feeds the window's keys to the wedge timing module.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-wedge-input.h"
#include "wedge.h"

struct _SuyuanWedgeInput {
  GObject parent_instance;

  SuyuanWedge *wedge;
  GSettings *settings;
  char *gs_substitute;   /* in effect: $SUYUAN_WEDGE_GS, else the preference */
  /* The focused field as it was when the current burst began. */
  GWeakRef field;
  char *field_text;
  int field_position;
};

G_DEFINE_FINAL_TYPE (SuyuanWedgeInput, suyuan_wedge_input, G_TYPE_OBJECT)

enum { SCANNED, GS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_modifier (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Shift_L: case GDK_KEY_Shift_R: case GDK_KEY_Caps_Lock:
    case GDK_KEY_Control_L: case GDK_KEY_Control_R: case GDK_KEY_Alt_L:
    case GDK_KEY_Alt_R: case GDK_KEY_Meta_L: case GDK_KEY_Meta_R:
    case GDK_KEY_Super_L: case GDK_KEY_Super_R: case GDK_KEY_ISO_Level3_Shift:
    case GDK_KEY_Num_Lock:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
remember_field (SuyuanWedgeInput *self,
                GtkWidget        *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_clear_pointer (&self->field_text, g_free);
  g_weak_ref_set (&self->field, NULL);
  if (focus == NULL || !GTK_IS_EDITABLE (focus) || !gtk_editable_get_editable (GTK_EDITABLE (focus)))
    return;
  g_weak_ref_set (&self->field, focus);
  self->field_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (focus)));
  self->field_position = gtk_editable_get_position (GTK_EDITABLE (focus));
}

static void
restore_field (SuyuanWedgeInput *self)
{
  g_autoptr(GtkEditable) field = g_weak_ref_get (&self->field);

  if (field == NULL || self->field_text == NULL)
    return;
  gtk_editable_set_text (field, self->field_text);
  gtk_editable_set_position (field, self->field_position);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SuyuanWedgeInput      *self)
{
  GtkEventController *ec = GTK_EVENT_CONTROLLER (controller);
  gint64 time_us = (gint64) gtk_event_controller_get_current_event_time (ec) * 1000;
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);
  gunichar c;

  if (is_modifier (keyval))
    return FALSE;
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter ||
      keyval == GDK_KEY_Linefeed)
    {
      g_autofree char *scan = suyuan_wedge_feed_enter (self->wedge, time_us);

      if (scan == NULL)
        return FALSE;
      restore_field (self);
      g_signal_emit (self, signals[SCANNED], 0, scan);
      return TRUE;
    }
  /* Scanners that cannot send 0x1D as a character send Ctrl+] for GS. */
  if (mods == GDK_CONTROL_MASK && (keyval == GDK_KEY_bracketright || keyval == GDK_KEY_braceright))
    {
      if (suyuan_wedge_feed_char (self->wedge, 0x1D, time_us))
        remember_field (self, gtk_event_controller_get_widget (ec));
      return TRUE;
    }
  c = gdk_keyval_to_unicode (keyval);
  if (mods != 0 || c == 0)
    {
      suyuan_wedge_break (self->wedge);
      return FALSE;
    }
  if (suyuan_wedge_feed_char (self->wedge, c, time_us))
    remember_field (self, gtk_event_controller_get_widget (ec));
  return FALSE;
}

SuyuanWedgeInput *
suyuan_wedge_input_new (GtkWidget *window)
{
  SuyuanWedgeInput *self;
  GtkEventController *controller;

  g_return_val_if_fail (GTK_IS_ROOT (window), NULL);
  self = g_object_new (SUYUAN_TYPE_WEDGE_INPUT, NULL);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "suyuan-wedge");
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (window, controller);
  return self;
}

void
suyuan_wedge_input_set_max_gap_ms (SuyuanWedgeInput *self,
                                   guint             max_gap_ms)
{
  g_return_if_fail (SUYUAN_IS_WEDGE_INPUT (self));
  suyuan_wedge_set_max_gap (self->wedge, (gint64) MAX (max_gap_ms, 1) * 1000);
}

void
suyuan_wedge_input_set_gs_substitute (SuyuanWedgeInput *self,
                                      const char       *text)
{
  g_return_if_fail (SUYUAN_IS_WEDGE_INPUT (self));
  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->gs_substitute) == 0)
    return;
  g_free (self->gs_substitute);
  self->gs_substitute = g_strdup (text);
  suyuan_wedge_set_gs_substitute (self->wedge, text);
  g_signal_emit (self, signals[GS_CHANGED], 0);
}

const char *
suyuan_wedge_input_get_gs_substitute (SuyuanWedgeInput *self)
{
  g_return_val_if_fail (SUYUAN_IS_WEDGE_INPUT (self), NULL);
  return self->gs_substitute;
}

static void
on_settings_changed (GSettings        *settings,
                     const char       *key,
                     SuyuanWedgeInput *self)
{
  const char *env = g_getenv ("SUYUAN_WEDGE_GS");

  if (key == NULL || g_str_equal (key, "gs-substitute"))
    {
      g_autofree char *gs = g_settings_get_string (settings, "gs-substitute");

      /* The environment wins, so a test or a site script can pin it. */
      suyuan_wedge_input_set_gs_substitute (self, env != NULL ? env : gs);
    }
  if (key == NULL || g_str_equal (key, "wedge-max-gap-ms"))
    suyuan_wedge_input_set_max_gap_ms (self, g_settings_get_uint (settings, "wedge-max-gap-ms"));
}

void
suyuan_wedge_input_bind_settings (SuyuanWedgeInput *self,
                                  GSettings        *settings)
{
  g_return_if_fail (SUYUAN_IS_WEDGE_INPUT (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  on_settings_changed (settings, NULL, self);
}

static void
suyuan_wedge_input_finalize (GObject *object)
{
  SuyuanWedgeInput *self = SUYUAN_WEDGE_INPUT (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_free (self->gs_substitute);
  suyuan_wedge_free (self->wedge);
  g_weak_ref_clear (&self->field);
  g_free (self->field_text);
  G_OBJECT_CLASS (suyuan_wedge_input_parent_class)->finalize (object);
}

static void
suyuan_wedge_input_class_init (SuyuanWedgeInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = suyuan_wedge_input_finalize;
  signals[SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[GS_CHANGED] = g_signal_new ("gs-substitute-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
suyuan_wedge_input_init (SuyuanWedgeInput *self)
{
  const char *gs = g_getenv ("SUYUAN_WEDGE_GS");

  self->wedge = suyuan_wedge_new ();
  g_weak_ref_init (&self->field, NULL);
  /* Until settings are bound (and then over them): the environment's override. */
  if (gs != NULL && gs[0] != '\0')
    {
      self->gs_substitute = g_strdup (gs);
      suyuan_wedge_set_gs_substitute (self->wedge, gs);
    }
}
