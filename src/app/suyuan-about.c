/* suyuan-about.c — who made Suyuan, its licence, what changed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-about.h"

#include <glib/gi18n.h>

void
suyuan_about_present (GtkWindow *parent)
{
  /* Shown as credits: in the user's language too. */
  const char *developers[] = { _("The Suyuan developers"), NULL };
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  /* Release notes as AppStream markup, like the metainfo file. */
  g_autofree char *notes = g_strdup_printf ("<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li></ul>",
                                            _("A complete GNOME app:"),
                                            _("Complete Simplified Chinese translation"),
                                            _("Adapts from a 480×800 handheld screen to the desktop"),
                                            _("Kiosk mode for public query terminals, locked with an admin PIN"));

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (about, _("Suyuan"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Suyuan developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("One product, one code: trace food and drugs"));
  adw_about_window_set_website (about, "https://github.com/suyuan/suyuan");
  adw_about_window_set_issue_url (about, "https://github.com/suyuan/suyuan/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 The Suyuan developers"));
  /* Translators: your name and e-mail, one translator per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_release_notes (about, notes);
  gtk_window_present (GTK_WINDOW (about));
}
