/* server-page.h — server-rendered HTML pages: a template file from the
 * GResource plus a table of values, every value escaped by one helper.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values of one rendering. In a template, {{name}} inserts a value
 * escaped; {{{name}}} inserts HTML as it is, but only a value set with
 * server_page_values_set_html (a rendered template), else it is escaped too.
 * A name with no value inserts nothing. */
typedef struct _ServerPageValues ServerPageValues;

ServerPageValues *server_page_values_new      (void);
void              server_page_values_free     (ServerPageValues *values);
/* Copies @text (NULL: nothing). Text is escaped when it is inserted. */
void              server_page_values_set      (ServerPageValues *values,
                                               const char       *name,
                                               const char       *text);
void              server_page_values_set_printf (ServerPageValues *values,
                                                 const char       *name,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
/* Takes @html, which must come from server_page_render (or be "" ). */
void              server_page_values_set_html (ServerPageValues *values,
                                               const char       *name,
                                               char             *html);

/* The one escaping helper: text for an HTML element or a quoted attribute. */
char             *server_page_escape          (const char       *text);

/* Renders the template /io/github/suyuan/server/pages/@name of the
 * GResource with @values; aborts on a missing template (a build error). */
char             *server_page_render          (const char             *name,
                                               const ServerPageValues *values);

/* The bytes of a static file of the same GResource folder (a stylesheet). */
GBytes           *server_page_static          (const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerPageValues, server_page_values_free)

G_END_DECLS
