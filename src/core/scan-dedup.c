/* scan-dedup.c — see scan-dedup.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "scan-dedup.h"

/* At most this many codes are tracked; a frame cannot hold more that matter. */
#define MAX_IN_VIEW 256

struct _SuyuanScanDedup {
  gint64 absent_us;
  GHashTable *last_seen;  /* GBytes payload → gint64 * time last read */
};

SuyuanScanDedup *
suyuan_scan_dedup_new (gint64 absent_us)
{
  SuyuanScanDedup *self = g_new0 (SuyuanScanDedup, 1);

  self->absent_us = absent_us > 0 ? absent_us : SUYUAN_SCAN_DEDUP_DEFAULT_ABSENT_US;
  self->last_seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                           (GDestroyNotify) g_bytes_unref, g_free);
  return self;
}

void
suyuan_scan_dedup_free (SuyuanScanDedup *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->last_seen);
  g_free (self);
}

gboolean
suyuan_scan_dedup_seen (SuyuanScanDedup *self,
                        const char      *payload,
                        gsize            length,
                        gint64           now_us)
{
  g_autoptr(GBytes) key = NULL;
  gint64 *when;

  g_return_val_if_fail (self != NULL && payload != NULL, FALSE);
  key = g_bytes_new (payload, length);
  when = g_hash_table_lookup (self->last_seen, key);
  if (when != NULL && now_us - *when <= self->absent_us)
    {
      *when = MAX (*when, now_us);
      return FALSE;
    }
  if (when == NULL && g_hash_table_size (self->last_seen) >= MAX_IN_VIEW)
    return FALSE;
  when = g_new (gint64, 1);
  *when = now_us;
  g_hash_table_replace (self->last_seen, g_steal_pointer (&key), when);
  return TRUE;
}

void
suyuan_scan_dedup_frame_done (SuyuanScanDedup *self,
                              gint64           now_us)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (self != NULL);
  g_hash_table_iter_init (&iter, self->last_seen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (now_us - *(gint64 *) value > self->absent_us)
      g_hash_table_iter_remove (&iter);
}

void
suyuan_scan_dedup_reset (SuyuanScanDedup *self)
{
  g_return_if_fail (self != NULL);
  g_hash_table_remove_all (self->last_seen);
}

guint
suyuan_scan_dedup_in_view (SuyuanScanDedup *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->last_seen);
}
