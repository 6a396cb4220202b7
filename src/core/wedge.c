/* wedge.c — see wedge.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "wedge.h"

#include <string.h>

struct _SuyuanWedge {
  gint64 max_gap_us;
  guint min_length;
  char *gs_substitute;

  GString *burst;       /* UTF-8 of the keys in the current burst */
  guint n_chars;
  gint64 last_time_us;  /* of the last key fed; 0 before any */
  gboolean overflow;    /* the burst grew past SUYUAN_WEDGE_MAX_LENGTH */
};

SuyuanWedge *
suyuan_wedge_new (void)
{
  SuyuanWedge *self = g_new0 (SuyuanWedge, 1);

  self->max_gap_us = SUYUAN_WEDGE_DEFAULT_MAX_GAP_US;
  self->min_length = SUYUAN_WEDGE_DEFAULT_MIN_LENGTH;
  self->burst = g_string_new (NULL);
  return self;
}

void
suyuan_wedge_free (SuyuanWedge *self)
{
  if (self == NULL)
    return;
  g_string_free (self->burst, TRUE);
  g_free (self->gs_substitute);
  g_free (self);
}

void
suyuan_wedge_set_max_gap (SuyuanWedge *self,
                          gint64       max_gap_us)
{
  g_return_if_fail (self != NULL && max_gap_us > 0);
  self->max_gap_us = max_gap_us;
}

void
suyuan_wedge_set_min_length (SuyuanWedge *self,
                             guint        min_length)
{
  g_return_if_fail (self != NULL);
  self->min_length = MAX (min_length, 1);
}

void
suyuan_wedge_set_gs_substitute (SuyuanWedge *self,
                                const char  *text)
{
  g_return_if_fail (self != NULL);
  g_free (self->gs_substitute);
  self->gs_substitute = text && *text ? g_strdup (text) : NULL;
}

static void
reset (SuyuanWedge *self)
{
  g_string_truncate (self->burst, 0);
  self->n_chars = 0;
  self->overflow = FALSE;
}

void
suyuan_wedge_break (SuyuanWedge *self)
{
  g_return_if_fail (self != NULL);
  reset (self);
  self->last_time_us = 0;
}

static gboolean
follows_closely (SuyuanWedge *self,
                 gint64       time_us)
{
  /* A clock going backwards (events reordered) is treated as no gap. */
  return self->last_time_us != 0 && time_us - self->last_time_us <= self->max_gap_us;
}

gboolean
suyuan_wedge_in_burst (SuyuanWedge *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_chars > 0;
}

gboolean
suyuan_wedge_feed_char (SuyuanWedge *self,
                        gunichar     c,
                        gint64       time_us)
{
  gboolean starts;

  g_return_val_if_fail (self != NULL, FALSE);
  starts = self->n_chars == 0 || !follows_closely (self, time_us);
  if (starts)
    reset (self);
  self->last_time_us = time_us;
  /* Control characters other than GS are never part of a code we read. */
  if (c == 0 || (c < 0x20 && c != 0x1D) || c == 0x7F || !g_unichar_validate (c))
    {
      self->overflow = TRUE;
      return starts;
    }
  if (self->n_chars >= SUYUAN_WEDGE_MAX_LENGTH)
    self->overflow = TRUE;
  else
    g_string_append_unichar (self->burst, c);
  self->n_chars++;
  return starts;
}

static char *
substitute_gs (const char *text,
               const char *substitute)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize sub_len = strlen (substitute);

  while (*text != '\0')
    {
      if (strncmp (text, substitute, sub_len) == 0)
        {
          g_string_append_c (out, 0x1D);
          text += sub_len;
        }
      else
        g_string_append_c (out, *text++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
suyuan_wedge_feed_enter (SuyuanWedge *self,
                         gint64       time_us)
{
  gboolean scan;
  char *text;

  g_return_val_if_fail (self != NULL, NULL);
  scan = self->n_chars >= self->min_length && !self->overflow &&
         follows_closely (self, time_us);
  if (!scan)
    {
      suyuan_wedge_break (self);
      return NULL;
    }
  text = self->gs_substitute ? substitute_gs (self->burst->str, self->gs_substitute)
                             : g_strdup (self->burst->str);
  suyuan_wedge_break (self);
  return text;
}
