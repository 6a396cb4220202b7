/* suyuan-save-mark.h — a list row's mark of its line's queued save:
 * "Saving…", "Not saved" (in red) or nothing once committed.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  gboolean saved;
  char *text;                   /* what the label shows: "" when saved */
} SuyuanSaveMark;

/* Updates @mark from a line's state and shows it on @label; notifies
 * @row's @saved_pspec and @text_pspec when they change. */
void suyuan_save_mark_update (SuyuanSaveMark *mark,
                              GObject        *row,
                              GParamSpec     *saved_pspec,
                              GParamSpec     *text_pspec,
                              GtkWidget      *label,
                              gboolean        saved,
                              gboolean        failed);
void suyuan_save_mark_clear  (SuyuanSaveMark *mark);

G_END_DECLS
