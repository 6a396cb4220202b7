/* ctl.h — the subcommands of suyuanctl.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each takes the arguments after its own name and returns the exit status. */
int   ctl_parse   (int argc, char **argv);
int   ctl_lookup  (int argc, char **argv);
int   ctl_import  (int argc, char **argv);
int   ctl_sync    (int argc, char **argv);
int   ctl_scan    (int argc, char **argv);
int   ctl_labels  (int argc, char **argv);
int   ctl_inspection (int argc, char **argv);
int   ctl_labels_product (int argc, char **argv);   /* `labels product …` */
int   ctl_export  (int argc, char **argv);

/* Sends g_print and g_printerr through the filter of ctl-text.c: control
 * characters other than line breaks and tabs come out as \uXXXX. Everything
 * suyuanctl prints goes through g_print or g_printerr. */
void  ctl_text_install (void);
/* @text (NULL: "") with every control character, line breaks and tabs too,
 * as \uXXXX: for values from codes, the store or a server inside a line. */
char *ctl_escape (const char *text);

/* Prints @builder's root as one line of JSON on stdout. */
void  ctl_print_json_line (JsonBuilder *builder);
/* Parses subcommand options; prints the error and returns FALSE on failure. */
gboolean ctl_parse_options (GOptionContext *context,
                            int            *argc,
                            char         ***argv);

/* For a command with subcommands given none or an unknown one: @usage and
 * @hint on stdout and 0 after --help or -h, on stderr and 2 otherwise. */
int   ctl_subcommand_usage (int         argc,
                            char      **argv,
                            const char *usage,
                            const char *hint);

typedef struct _SuyuanStore SuyuanStore;
/* Opens @path or the default store; prints the error and returns NULL on failure. */
SuyuanStore *ctl_open_store (const char *path);

G_END_DECLS
