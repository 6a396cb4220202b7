/* suyuan-about.h — the about window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void suyuan_about_present (GtkWindow *parent);

G_END_DECLS
