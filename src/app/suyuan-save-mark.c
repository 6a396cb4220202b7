/* suyuan-save-mark.c — see suyuan-save-mark.h.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-save-mark.h"

#include <glib/gi18n.h>

void
suyuan_save_mark_update (SuyuanSaveMark *mark,
                         GObject        *row,
                         GParamSpec     *saved_pspec,
                         GParamSpec     *text_pspec,
                         GtkWidget      *label,
                         gboolean        saved,
                         gboolean        failed)
{
  const char *text = saved ? "" : failed ? _("Not saved") : _("Saving…");

  if (saved != mark->saved)
    {
      mark->saved = saved;
      g_object_notify_by_pspec (row, saved_pspec);
    }
  if (g_strcmp0 (text, mark->text) != 0)
    {
      g_free (mark->text);
      mark->text = g_strdup (text);
      g_object_notify_by_pspec (row, text_pspec);
    }
  gtk_widget_set_visible (label, !saved);
  if (failed)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

void
suyuan_save_mark_clear (SuyuanSaveMark *mark)
{
  g_clear_pointer (&mark->text, g_free);
}
