/* suyuan-sync-status.c — sync state and failures in the user's words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-sync-status.h"
#include "http-client.h"
#include "sync-client.h"

#include <glib/gi18n.h>

/* When it last synced, as short as it can be said: the time today, the day
 * and time this year, else the full date. */
static char *
format_when (GDateTime *when,
             GDateTime *now)
{
  if (g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a day this year and a time (strftime); zh_CN: %-m月%-d日 %H:%M */
    return g_date_time_format (when, _("%b %-d, %H:%M"));
  /* Translators: a date and a time (strftime); zh_CN: %Y年%-m月%-d日 %H:%M */
  return g_date_time_format (when, _("%Y-%m-%d %H:%M"));
}

char *
suyuan_sync_status_text (GDateTime *last_sync,
                         GDateTime *now,
                         gboolean   offline,
                         gint64     n_pending)
{
  g_autofree char *state = NULL;
  g_autofree char *when = last_sync != NULL ? format_when (last_sync, now) : NULL;

  if (offline && when != NULL)
    /* Translators: %s is when the recall data was last fetched, e.g. 10:42 or 12月5日 10:42 */
    state = g_strdup_printf (_("Offline · synced %s"), when);
  else if (offline)
    state = g_strdup (_("Offline · never synced"));
  else if (when != NULL)
    /* Translators: %s is the time of the last sync, e.g. 10:42 */
    state = g_strdup_printf (_("Synced %s"), when);
  else
    state = g_strdup (_("Not synced"));
  if (n_pending <= 0)
    return g_steal_pointer (&state);
  /* Translators: "Synced 10:42 · 3 waiting": records not yet sent to the server */
  return g_strdup_printf (_("%s · %d waiting"), state, (int) MIN (n_pending, G_MAXINT));
}

char *
suyuan_sync_error_text (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK))
    return g_strdup (_("Can’t reach the server; records are kept and will be sent later"));
  if (g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_CERTIFICATE))
    /* Translators: %s is why the certificate is refused and what to set; it is translated */
    return g_strdup_printf (_("%s Records are kept."), error->message);
  if (g_error_matches (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS))
    /* Translators: %s says which status, e.g. "The server answered with HTTP status 503" */
    return g_strdup_printf (_("The server refused the sync (%s); records are kept. Check the server address in Preferences, or ask the server’s administrator"),
                            error->message);
  if (error->domain == SUYUAN_HTTP_ERROR || error->domain == SUYUAN_SYNC_ERROR)
    return g_strdup (_("The server’s answer makes no sense to this terminal; records are kept. Check the server address in Preferences"));
  /* Anything else is local (the store): say it as it is. */
  return g_strdup_printf (_("Sync failed: %s. Records are kept and sent later."), error->message);
}

char *
suyuan_sync_scope_text (const char *scope)
{
  g_autofree char *id = NULL;

  if (scope == NULL)
    return g_strdup (_("Scope: not pulled yet"));
  if (g_str_equal (scope, "all"))
    return g_strdup (_("Scope: whole province"));
  /* The server names the scope by a hash: the terminal knows no more, and
   * shows it whole so that it can be compared with another terminal's. */
  id = g_utf8_make_valid (scope, -1);
  /* Translators: %s is the scope's ID, 16 hex digits, e.g. 3f2a9c1b0e4d5a67 */
  return g_strdup_printf (_("Scope: this token’s (ID %s)"), id);
}

char *
suyuan_sync_units_text (gint64 n_units)
{
  g_autofree char *n = NULL;

  if (n_units < 0)
    return NULL;
  n = g_strdup_printf ("%" G_GINT64_FORMAT, n_units);
  /* Translators: %s is a number of units (single items with a serial) */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s unit on this terminal", "%s units on this terminal",
                                       (gulong) MIN ((guint64) n_units, G_MAXULONG)),
                          n);
}

const char *
suyuan_sync_scope_changed_text (void)
{
  return _("The server changed this terminal’s scope: units and events were pulled again; "
           "nothing unsent was lost");
}
