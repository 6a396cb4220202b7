/* suyuan-alert-list.c — one expander row per notice: title and issuer at a
 * glance, the notice's words on a tap. Data is shown as plain text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-alert-list.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

struct _SuyuanAlertList {
  GtkWidget parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray *rows;          /* AdwExpanderRow, not owned */
};

G_DEFINE_FINAL_TYPE (SuyuanAlertList, suyuan_alert_list, GTK_TYPE_WIDGET)

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "recall") == 0)
    return _("Recall notice");
  if (g_strcmp0 (kind, "unqualified") == 0)
    return _("Failed sampling notice");
  if (g_strcmp0 (kind, "hold") == 0)
    return _("Hold order");
  return kind ? kind : "?";
}

static const char *
scope_label (const char *scope)
{
  if (g_strcmp0 (scope, "batch") == 0)
    return _("this batch");
  if (g_strcmp0 (scope, "product") == 0)
    return _("every batch of this product");
  if (g_strcmp0 (scope, "producer") == 0)
    return _("everything from this producer");
  return scope ? scope : "?";
}

/* "2026-11-20" (or a timestamp) as the locale writes dates: 2026年11月20日. */
static char *
format_day (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;

  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    day = g_date_time_new_local (y, m, d, 0, 0, 0);
  /* Translators: a date as your locale writes it (strftime); zh_CN: %Y年%-m月%-d日 */
  return day ? g_date_time_format (day, _("%Y-%m-%d")) : g_strdup (iso);
}

static GtkWidget *
alert_row (const SuyuanAlert *a)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *notice = gtk_label_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (kind_label (a->kind));

  /* Titles and notices come from the feed: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->title ? a->title : "");
  g_string_append_printf (subtitle, " · %s", scope_label (a->scope));
  if (a->issuer)
    g_string_append_printf (subtitle, " · %s", a->issuer);
  if (a->issued_at)
    {
      g_autofree char *day = format_day (a->issued_at);

      g_string_append_printf (subtitle, " · %s", day);
    }
  adw_expander_row_set_subtitle (row, subtitle->str);
  adw_expander_row_set_icon_name (row, "dialog-warning-symbolic");

  gtk_label_set_text (GTK_LABEL (notice), a->notice ? a->notice : _("No notice text was sent with this alert."));
  gtk_label_set_wrap (GTK_LABEL (notice), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (notice), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (notice), TRUE);
  gtk_label_set_xalign (GTK_LABEL (notice), 0);
  gtk_widget_set_margin_start (notice, 12);
  gtk_widget_set_margin_end (notice, 12);
  gtk_widget_set_margin_top (notice, 12);
  gtk_widget_set_margin_bottom (notice, 12);
  adw_expander_row_add_row (row, notice);
  return GTK_WIDGET (row);
}

void
suyuan_alert_list_set_lookup (SuyuanAlertList    *self,
                              const SuyuanLookup *lookup)
{
  guint n = lookup && lookup->alerts ? lookup->alerts->len : 0;

  g_return_if_fail (SUYUAN_IS_ALERT_LIST (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = alert_row (lookup->alerts->pdata[i]);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

guint
suyuan_alert_list_get_n_alerts (SuyuanAlertList *self)
{
  g_return_val_if_fail (SUYUAN_IS_ALERT_LIST (self), 0);
  return self->rows->len;
}

void
suyuan_alert_list_expand (SuyuanAlertList *self,
                          guint            i)
{
  g_return_if_fail (SUYUAN_IS_ALERT_LIST (self));
  g_return_if_fail (i < self->rows->len);
  adw_expander_row_set_expanded (self->rows->pdata[i], TRUE);
}

static void
suyuan_alert_list_dispose (GObject *object)
{
  SuyuanAlertList *self = SUYUAN_ALERT_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  if (self->group != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->group));
      self->group = NULL;
    }
  G_OBJECT_CLASS (suyuan_alert_list_parent_class)->dispose (object);
}

static void
suyuan_alert_list_class_init (SuyuanAlertListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_alert_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_alert_list_init (SuyuanAlertList *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Notices"));
  adw_preferences_group_set_description (self->group, _("Tap a notice to read it in full."));
  gtk_widget_set_parent (GTK_WIDGET (self->group), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
