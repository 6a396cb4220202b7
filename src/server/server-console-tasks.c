/* server-console-tasks.c — the console's 双随机 tasks: draw businesses of a
 * region at random, weighted by credit class, assign them round robin to
 * the region's inspectors (or the ones named), and see which are done: a
 * finished inspection of that business sent by that inspector's token
 * after the draw.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console.h"
#include "server-draw.h"
#include "server-mirror.h"
#include "server-tokens.h"
#include "lookup.h"
#include "reports.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))
#define DRAWS_SHOWN 20
#define MAX_DRAW 100
#define MAX_FIELD_LEN 400

static const char *
field (GHashTable *fields,
       const char *name)
{
  return server_console_field (fields, name, MAX_FIELD_LEN);
}

static char *
draw_html (ServerContext              *ctx,
           const ServerConsoleSession *session,
           const ServerDraw           *draw)
{
  g_autoptr(ServerPageValues) v = server_page_values_new ();
  GString *rows = g_string_new (NULL);
  guint done = 0;

  for (guint i = 0; i < draw->tasks->len; i++)
    {
      const ServerDrawTask *t = draw->tasks->pdata[i];
      g_autoptr(ServerPageValues) row_values = server_page_values_new ();
      g_autofree char *row = NULL;
      gboolean is_done = suyuan_store_inspected_since (ctx->mirror, t->party_id, t->inspector, draw->created_at);

      done += is_done;
      server_page_values_set (row_values, "business", t->party_name ? t->party_name : t->party_id);
      server_page_values_set (row_values, "party_id", t->party_id);
      server_page_values_set (row_values, "credit", t->credit_class ? t->credit_class : T (N_("not rated")));
      server_page_values_set (row_values, "inspector", t->inspector);
      server_page_values_set (row_values, "state_id", is_done ? "done" : "open");
      server_page_values_set (row_values, "state_class", is_done ? "ok" : "stop");
      server_page_values_set (row_values, "state", is_done ? T (N_("Done")) : T (N_("Not done")));
      row = server_page_render ("console-task-row.html", row_values);
      g_string_append (rows, row);
    }
  server_page_values_set (v, "id", draw->id);
  {
    g_autofree char *when = g_strndup (draw->created_at, 16);

    if (strlen (when) > 10)
      when[10] = ' ';
    server_page_values_set_printf (v, "heading", T (N_("Draw of %s in region %s")), when, draw->region);
  }
  server_page_values_set_printf (v, "facts", T (N_("%u of %u done · seed %s · by %s")), done, draw->tasks->len,
                                 draw->seed, draw->created_by);
  server_page_values_set (v, "h_business", T (N_("Business")));
  server_page_values_set (v, "h_credit", T (N_("Credit class")));
  server_page_values_set (v, "h_inspector", T (N_("Inspector")));
  server_page_values_set (v, "h_state", T (N_("State")));
  server_page_values_set_html (v, "rows", g_string_free (rows, FALSE));
  return server_page_render ("console-draw.html", v);
}

static const struct { const char *name; const char *msgid; } labels[] = {
  { "l_draw", N_("Draw businesses to inspect") },
  { "l_explain", N_("Businesses of the region are drawn at random, weighted by credit class (A 1, B 2, C 4, "
                    "D 8; not rated as B), and assigned in turn to the region’s inspectors. The seed is "
                    "kept, so the draw can be repeated and checked.") },
  { "l_region", N_("Region code") }, { "l_size", N_("How many") }, { "l_seed", N_("Seed") },
  { "l_seed_hint", N_("random if empty") }, { "l_inspectors", N_("Inspectors") },
  { "l_inspectors_hint", N_("token names, comma-separated; empty: the region’s") },
  { "l_submit", N_("Draw") },
};

static void
tasks_reply (ServerContext              *ctx,
             SoupServerMessage          *msg,
             const ServerConsoleSession *session,
             guint                       status,
             const char                 *problem,
             const char                 *done)
{
  g_autoptr(ServerPageValues) v = server_console_values_new (session);
  const char *region = session->role == SERVER_ROLE_INSPECTOR ? session->region : NULL;
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GError) error = NULL;
  GString *html = g_string_new (NULL);

  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (draws = server_store_list_draws (ctx->store, region, DRAWS_SHOWN, &error)) == NULL)
    {
      g_warning ("console tasks: %s", error->message);
      g_string_free (html, TRUE);
      server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR, T (N_("Storage error")), NULL);
      return;
    }
  for (guint i = 0; i < draws->len; i++)
    {
      g_autofree char *one = draw_html (ctx, session, draws->pdata[i]);

      g_string_append (html, one);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    server_page_values_set (v, labels[i].name, T (labels[i].msgid));
  server_page_values_set (v, "region", region);
  server_page_values_set (v, "problem", problem);
  server_page_values_set (v, "done", done);
  server_page_values_set_html (v, "draws", g_string_free (html, FALSE));
  server_console_reply (msg, session, status, T (N_("Random inspections")),
                        server_page_render ("console-tasks.html", v));
}

static void
tasks_page (ServerContext              *ctx,
            SoupServerMessage          *msg,
            GHashTable                 *fields,
            const ServerConsoleSession *session)
{
  tasks_reply (ctx, msg, session, SOUP_STATUS_OK, NULL,
               g_strcmp0 (field (fields, "done"), "drawn") == 0 ? T (N_("The draw is made; its tasks are below.")) : NULL);
}

typedef struct {
  const char *region;
  GPtrArray *names;
} Inspectors;

/* Valid inspector tokens whose region holds @region (or has none). */
static void
add_inspector (const char *const *c,
               gpointer           user_data)
{
  Inspectors *inspectors = user_data;

  if (g_strcmp0 (c[1], "inspector") == 0 && c[5] == NULL
      && (c[2] == NULL || g_str_has_prefix (inspectors->region, c[2])))
    g_ptr_array_add (inspectors->names, g_strdup (c[0]));
}

static void
make_draw (ServerContext              *ctx,
           SoupServerMessage          *msg,
           GHashTable                 *fields,
           const ServerConsoleSession *session)
{
  const char *region = field (fields, "region"), *size_text = field (fields, "size");
  const char *seed = field (fields, "seed"), *named = field (fields, "inspectors");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parties = NULL;
  g_autoptr(ServerDraw) draw = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *own_seed = NULL;
  g_autofree char *detail = NULL;
  Inspectors inspectors = { region, names };
  guint64 size = 0;

  if (region == NULL || strlen (region) > 12 || strspn (region, "0123456789") != strlen (region)
      || size_text == NULL || !g_ascii_string_to_unsigned (size_text, 10, 1, MAX_DRAW, &size, NULL))
    {
      tasks_reply (ctx, msg, session, SOUP_STATUS_BAD_REQUEST, T (N_("Give a region code (digits) and how many "
                                                                      "businesses to draw (1 to 100).")), NULL);
      return;
    }
  if (session->role == SERVER_ROLE_INSPECTOR && session->region != NULL
      && !g_str_has_prefix (region, session->region))
    {
      tasks_reply (ctx, msg, session, SOUP_STATUS_FORBIDDEN, T (N_("You may draw only in your own region.")), NULL);
      return;
    }
  if (named != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (named, ",", 50);

      for (char **p = parts; *p; p++)
        if (*g_strstrip (*p) != '\0')
          g_ptr_array_add (names, g_strdup (*p));
    }
  else if (!server_tokens_foreach (ctx->store, add_inspector, &inspectors, &error))
    g_warning ("console draw: %s", error->message);
  g_clear_error (&error);
  if (names->len == 0)
    {
      tasks_reply (ctx, msg, session, SOUP_STATUS_BAD_REQUEST,
                   T (N_("The region has no inspector: name the inspectors’ tokens.")), NULL);
      return;
    }
  g_ptr_array_add (names, NULL);
  if (seed == NULL)
    seed = own_seed = server_random_hex ("", NULL);
  if (seed == NULL || !server_mirror_catch_up (ctx->mirror, ctx->store, &error)
      || (parties = suyuan_store_region_parties (ctx->mirror, region, &error)) == NULL)
    {
      g_warning ("console draw: %s", error ? error->message : "no randomness");
      server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR, T (N_("Storage error")), NULL);
      return;
    }
  if (parties->len == 0)
    {
      tasks_reply (ctx, msg, session, SOUP_STATUS_BAD_REQUEST, T (N_("No business is registered in that region.")),
                   NULL);
      return;
    }
  draw = server_draw_make (parties, (guint) size, seed, (const char *const *) names->pdata);
  draw->id = server_random_hex ("draw-", NULL);
  draw->region = g_strdup (region);
  draw->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  draw->created_by = g_strdup (session->user);
  if (draw->id == NULL || !server_store_add_draw (ctx->store, draw, &error))
    {
      g_warning ("console draw: %s", error ? error->message : "no randomness");
      server_console_reply_message (msg, session, SOUP_STATUS_INTERNAL_SERVER_ERROR, T (N_("Storage error")), NULL);
      return;
    }
  detail = g_strdup_printf ("%s: %u businesses in %s, seed %s", draw->id, draw->tasks->len, region, seed);
  server_console_audit (ctx, session, "draw inspections", detail);
  server_console_redirect (msg, "/console/tasks?done=drawn");
}

static const ServerConsolePage pages[] = {
  { "/console/tasks", N_("Random inspections"), SERVER_CONSOLE_ROLES, tasks_page, make_draw },
};

void
server_console_tasks_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
