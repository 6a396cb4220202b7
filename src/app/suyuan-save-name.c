/* suyuan-save-name.c — where an exported file goes first: the documents
 * folder (not the working directory), under a name in the user's language.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-save-name.h"

GFile *
suyuan_save_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  /* Without XDG user dirs the documents folder is not known: home then. */
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

void
suyuan_save_name_prepare (GtkFileChooser *chooser,
                          const char     *name)
{
  g_autoptr(GFile) folder = suyuan_save_folder ();

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_file_chooser_set_current_name (chooser, name);
}
