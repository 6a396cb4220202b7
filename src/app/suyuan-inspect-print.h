/* suyuan-inspect-print.h — printing the on-site inspection record.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "inspection.h"

G_BEGIN_DECLS

/* Shows the print dialog; with @export_path set, exports that PDF instead. */
gboolean  suyuan_inspection_print (GtkWindow         *parent,
                                   SuyuanInspection  *inspection,
                                   const char        *export_path,
                                   GError           **error);

G_END_DECLS
