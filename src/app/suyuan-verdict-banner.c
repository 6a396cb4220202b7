/* suyuan-verdict-banner.c — never colour alone: each level has its own icon
 * and words, and the reasons are listed in full.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-verdict-banner.h"

#include <glib/gi18n.h>

struct _SuyuanVerdictBanner {
  GtkWidget parent_instance;

  GtkImage *icon;
  GtkLabel *title;
  GtkLabel *details;
  GtkLabel *source;
};

G_DEFINE_FINAL_TYPE (SuyuanVerdictBanner, suyuan_verdict_banner, GTK_TYPE_WIDGET)

static const struct {
  const char *css_class;
  const char *icon;
  const char *title;
} looks[] = {
  [SUYUAN_LEVEL_OK] = { "verdict-ok", "emblem-ok-symbolic", N_("OK — may be sold") },
  [SUYUAN_LEVEL_UNKNOWN] = { "verdict-unknown", "dialog-question-symbolic", N_("Unknown code") },
  [SUYUAN_LEVEL_WARN] = { "verdict-warn", "dialog-warning-symbolic", N_("Warning — check before selling") },
  [SUYUAN_LEVEL_STOP] = { "verdict-stop", "process-stop-symbolic", N_("STOP — must not be sold") },
};

static void
clear_level_classes (SuyuanVerdictBanner *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (looks); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), looks[i].css_class);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "verdict-idle");
}

void
suyuan_verdict_banner_set_verdict (SuyuanVerdictBanner *self,
                                   const SuyuanVerdict *verdict)
{
  g_autoptr(GString) details = g_string_new (NULL);

  g_return_if_fail (SUYUAN_IS_VERDICT_BANNER (self));

  clear_level_classes (self);
  if (verdict == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "verdict-idle");
      gtk_image_set_from_icon_name (self->icon, "camera-photo-symbolic");
      gtk_label_set_text (self->title, _("Scan a code"));
      gtk_label_set_text (self->details, _("Scan with the camera or the scanner, or type the code and press Enter."));
      suyuan_verdict_banner_set_source (self, NULL);
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self), looks[verdict->level].css_class);
  gtk_image_set_from_icon_name (self->icon, looks[verdict->level].icon);
  gtk_label_set_text (self->title, _(looks[verdict->level].title));
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const SuyuanReason *reason = verdict->reasons->pdata[i];

      g_string_append_printf (details, "%s• %s", i ? "\n" : "", reason->message);
    }
  if (verdict->reasons->len == 0)
    g_string_append (details, _("Known product; no problem found."));
  /* Reason texts can quote scanned data: plain text, never markup. */
  gtk_label_set_text (self->details, details->str);

  /* An alert: screen readers speak the verdict and its reasons at once. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (self->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details->str,
                                  -1);
}

void
suyuan_verdict_banner_set_source (SuyuanVerdictBanner *self,
                                  const char          *source)
{
  g_return_if_fail (SUYUAN_IS_VERDICT_BANNER (self));
  gtk_label_set_text (self->source, source ? source : "");
  gtk_widget_set_visible (GTK_WIDGET (self->source), source != NULL);
}

const char *
suyuan_verdict_banner_get_source (SuyuanVerdictBanner *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->source)) ? gtk_label_get_text (self->source) : NULL;
}

const char *
suyuan_verdict_banner_get_title (SuyuanVerdictBanner *self)
{
  return gtk_label_get_text (self->title);
}

const char *
suyuan_verdict_banner_get_details (SuyuanVerdictBanner *self)
{
  return gtk_label_get_text (self->details);
}

static void
suyuan_verdict_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_VERDICT_BANNER);
  G_OBJECT_CLASS (suyuan_verdict_banner_parent_class)->dispose (object);
}

static void
suyuan_verdict_banner_class_init (SuyuanVerdictBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_verdict_banner_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-verdict-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanVerdictBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, SuyuanVerdictBanner, title);
  gtk_widget_class_bind_template_child (widget_class, SuyuanVerdictBanner, details);
  gtk_widget_class_bind_template_child (widget_class, SuyuanVerdictBanner, source);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "verdictbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
suyuan_verdict_banner_init (SuyuanVerdictBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  suyuan_verdict_banner_set_verdict (self, NULL);
}
