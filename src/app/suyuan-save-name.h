/* suyuan-save-name.h — where an exported file goes first, and its name.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The documents folder, else home; never the working directory. */
GFile *suyuan_save_folder       (void);
/* Opens @chooser in suyuan_save_folder () with @name (translated) filled in. */
void   suyuan_save_name_prepare (GtkFileChooser *chooser,
                                 const char     *name);

G_END_DECLS
