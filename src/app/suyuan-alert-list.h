/* suyuan-alert-list.h — the recall, failed-sampling and hold notices that
 * apply to a code; each notice's full text is one tap away.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "lookup.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_ALERT_LIST (suyuan_alert_list_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanAlertList, suyuan_alert_list, SUYUAN, ALERT_LIST, GtkWidget)

/* NULL or a lookup without alerts hides the list. */
void        suyuan_alert_list_set_lookup (SuyuanAlertList    *self,
                                          const SuyuanLookup *lookup);
guint       suyuan_alert_list_get_n_alerts (SuyuanAlertList  *self);
/* Opens alert @i as a tap would, so its notice shows. */
void        suyuan_alert_list_expand     (SuyuanAlertList    *self,
                                          guint               i);

G_END_DECLS
