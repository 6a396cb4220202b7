/* suyuan-verdict-banner.h — the large verdict: colour, icon and words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "verdict.h"

G_BEGIN_DECLS

#define SUYUAN_TYPE_VERDICT_BANNER (suyuan_verdict_banner_get_type ())
G_DECLARE_FINAL_TYPE (SuyuanVerdictBanner, suyuan_verdict_banner, SUYUAN, VERDICT_BANNER, GtkWidget)

/* NULL shows the idle prompt. */
void         suyuan_verdict_banner_set_verdict (SuyuanVerdictBanner *self,
                                                const SuyuanVerdict *verdict);
/* Where the verdict's facts came from (this terminal, the server, the code
 * alone), under the reasons; NULL hides it. */
void         suyuan_verdict_banner_set_source  (SuyuanVerdictBanner *self,
                                                const char          *source);
const char  *suyuan_verdict_banner_get_title   (SuyuanVerdictBanner *self);
const char  *suyuan_verdict_banner_get_details (SuyuanVerdictBanner *self);
/* The source line when shown, else NULL. */
const char  *suyuan_verdict_banner_get_source  (SuyuanVerdictBanner *self);

G_END_DECLS
