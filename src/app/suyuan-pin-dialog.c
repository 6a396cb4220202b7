/* suyuan-pin-dialog.c — the only way out of kiosk mode. The PIN is compared
 * with the stored salted hash and forgotten at once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-pin-dialog.h"
#include "admin-pin.h"

#include <glib/gi18n.h>

struct _SuyuanPinDialog {
  AdwMessageDialog parent_instance;

  char *stored_hash;
  GtkPasswordEntry *entry;
};

G_DEFINE_FINAL_TYPE (SuyuanPinDialog, suyuan_pin_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_CHECKED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* The lock-out lives in the settings, so quitting and restarting does not
 * reset it; a right PIN with an outdated hash stores a new one. */
static gboolean
check_pin (SuyuanPinDialog *self,
           const char      *pin)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *rehash = NULL;
  SuyuanPinLockout lockout = {
    g_settings_get_uint (settings, "kiosk-pin-failures"),
    g_settings_get_int64 (settings, "kiosk-pin-locked-until"),
  };
  SuyuanPinResult result = suyuan_admin_pin_check (&lockout, self->stored_hash, pin,
                                                   g_get_real_time () / G_USEC_PER_SEC, NULL, &rehash);

  g_settings_set_uint (settings, "kiosk-pin-failures", lockout.failures);
  g_settings_set_int64 (settings, "kiosk-pin-locked-until", lockout.locked_until);
  if (rehash != NULL)
    g_settings_set_string (settings, "kiosk-pin-hash", rehash);
  return result == SUYUAN_PIN_RIGHT;
}

/* While locked, the dialog says for how long instead of taking guesses. */
static void
show_lockout (SuyuanPinDialog *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  gint64 wait = g_settings_get_int64 (settings, "kiosk-pin-locked-until") - g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *body = NULL;

  if (wait <= 0)
    return;
  wait = MIN (wait, SUYUAN_PIN_MAX_LOCK_S);
  body = wait < 60 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Too many wrong PINs. Try again in %d second.",
                                                   "Too many wrong PINs. Try again in %d seconds.", (gulong) wait),
                                      (int) wait)
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Too many wrong PINs. Try again in %d minute.",
                                                   "Too many wrong PINs. Try again in %d minutes.",
                                                   (gulong) ((wait + 59) / 60)),
                                      (int) ((wait + 59) / 60));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

static void
suyuan_pin_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  SuyuanPinDialog *self = SUYUAN_PIN_DIALOG (dialog);
  gboolean right;

  if (g_strcmp0 (response, "unlock") != 0)
    return;
  right = check_pin (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_signal_emit (self, signals[SIGNAL_CHECKED], 0, right);
}

SuyuanPinDialog *
suyuan_pin_dialog_new (GtkWindow  *parent,
                       const char *stored_hash)
{
  SuyuanPinDialog *self = g_object_new (SUYUAN_TYPE_PIN_DIALOG, "transient-for", parent, NULL);

  self->stored_hash = g_strdup (stored_hash);
  if (stored_hash == NULL || stored_hash[0] == '\0')
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("No admin PIN is set, so kiosk mode cannot be left here. An administrator can restart Suyuan without kiosk mode (gsettings set io.github.suyuan.Suyuan kiosk false) and set a PIN in Preferences."));
  else
    show_lockout (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

void
suyuan_pin_dialog_submit (SuyuanPinDialog *self,
                          const char      *pin)
{
  g_return_if_fail (SUYUAN_IS_PIN_DIALOG (self));
  g_object_ref (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), pin);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "unlock");
  gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
suyuan_pin_dialog_finalize (GObject *object)
{
  SuyuanPinDialog *self = SUYUAN_PIN_DIALOG (object);

  g_free (self->stored_hash);
  G_OBJECT_CLASS (suyuan_pin_dialog_parent_class)->finalize (object);
}

static void
suyuan_pin_dialog_class_init (SuyuanPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->finalize = suyuan_pin_dialog_finalize;
  dialog_class->response = suyuan_pin_dialog_response;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanPinDialog, entry);

  signals[SIGNAL_CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
suyuan_pin_dialog_init (SuyuanPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
