/* server-catalog.h — public pages in the language a request asks for: the
 * Chinese catalog read once from its .mo file, independent of the process
 * locale (one server answers Chinese and English readers at once).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SERVER_LANG_ZH = 0,    /* Simplified Chinese: the readers' language, the default */
  SERVER_LANG_EN,        /* the source language */
} ServerLang;

/* The language an Accept-Language header prefers of the two we have;
 * Chinese when it names neither or is absent. */
ServerLang   server_lang_from_header (const char *accept_language);
const char  *server_lang_tag         (ServerLang  lang);

/* @msgid (an English N_() string) in @lang; @msgid itself when the catalog
 * lacks it. The returned string lives as long as the process. */
const char  *server_gettext          (ServerLang  lang,
                                      const char *msgid);

G_END_DECLS
