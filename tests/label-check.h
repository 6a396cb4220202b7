/* label-check.h — reading a label PDF back the way a printer and a scanner
 * would: poppler rasterises it, every cell is decoded on its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "label-job.h"
#include "label-template.h"

G_BEGIN_DECLS

/* Asserts that page 1 of @pdf holds, cell by cell, the first payloads of @job. */
void  label_check_pdf_page (const char                *pdf,
                            const SuyuanLabelTemplate *tmpl,
                            const SuyuanLabelJob      *job);

G_END_DECLS
