/* suyuan-code-kind.c — code kinds as inspectors name them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-code-kind.h"

#include <glib/gi18n.h>

const char *
suyuan_code_kind_to_label (SuyuanCodeKind kind)
{
  switch (kind)
    {
    case SUYUAN_CODE_GS1: return _("GS1 element string");
    case SUYUAN_CODE_DIGITAL_LINK: return _("GS1 Digital Link");
    case SUYUAN_CODE_SUYUAN: return _("Suyuan producer code");
    case SUYUAN_CODE_EAN13: return _("EAN-13 product code");
    case SUYUAN_CODE_EAN8: return _("EAN-8 product code");
    case SUYUAN_CODE_UPCA: return _("UPC-A product code");
    case SUYUAN_CODE_UPCE: return _("UPC-E product code");
    case SUYUAN_CODE_DRUG_TRACE: return _("Drug trace code");
    case SUYUAN_CODE_DRUG_STANDARD: return _("Drug standard code");
    case SUYUAN_CODE_TRACE_URL: return _("Trace web address");
    case SUYUAN_CODE_TEXT:
    default: return _("Plain text");
    }
}
