/* decoder.c — reading barcodes in a grey frame: plain ZBar and libdmtx first,
 * then, while the time budget lasts and nothing was found, the same on
 * transformed copies that make hard photos readable. Results from transformed
 * copies must pass stricter checks, so trying more never means misreading.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "decoder-private.h"

#include <string.h>

void
suyuan_decode_options_init (SuyuanDecodeOptions *options)
{
  /* Enough for most photos; a live preview stays smooth at this cost. */
  options->time_budget_ms = 100;
  options->try_datamatrix = TRUE;
}

void
suyuan_symbol_free (SuyuanSymbol *symbol)
{
  if (symbol == NULL)
    return;
  g_free (symbol->symbology);
  g_free (symbol->aim);
  g_free (symbol->payload);
  g_free (symbol);
}

SuyuanSymbol *
suyuan_symbol_new (const char *symbology,
                   const char *aim,
                   const char *data,
                   gsize       length,
                   gboolean    gs1)
{
  SuyuanSymbol *s = g_new0 (SuyuanSymbol, 1);

  s->symbology = g_strdup (symbology);
  s->aim = g_strdup (aim);
  s->payload = g_strndup (data, length);
  s->payload_length = length;
  s->gs1 = gs1;
  return s;
}

typedef SuyuanGray *(*MakeImage) (const SuyuanGray *frame);

static SuyuanGray *
make_half (const SuyuanGray *f)
{
  return MAX (f->width, f->height) >= 600 ? suyuan_gray_downscale (f, 2) : NULL;
}

static SuyuanGray *
make_threshold (const SuyuanGray *f)
{
  return suyuan_gray_threshold (f, MAX (15, MIN (f->width, f->height) / 8) | 1, 4);
}

static SuyuanGray *
make_double (const SuyuanGray *f)
{
  return MAX (f->width, f->height) <= 800 ? suyuan_gray_upscale2 (f) : NULL;
}

static SuyuanGray *
make_padded (const SuyuanGray *f)
{
  return suyuan_gray_pad (f, MAX (8, MIN (f->width, f->height) / 10));
}

static SuyuanGray *
make_padded_double (const SuyuanGray *f)
{
  g_autoptr(SuyuanGray) padded = NULL;

  if (MAX (f->width, f->height) > 400)
    return NULL;
  padded = make_padded (f);
  return suyuan_gray_upscale2 (padded);
}

static SuyuanGray *
make_double_threshold (const SuyuanGray *f)
{
  g_autoptr(SuyuanGray) doubled = make_double (f);

  return doubled ? make_threshold (doubled) : NULL;
}

static SuyuanGray *
make_inverted (const SuyuanGray *f)
{
  return suyuan_gray_invert (f);
}

static SuyuanGray *
make_rotated_left (const SuyuanGray *f)
{
  return suyuan_gray_rotate (f, 30);
}

static SuyuanGray *
make_rotated_right (const SuyuanGray *f)
{
  return suyuan_gray_rotate (f, -30);
}

/* Cheapest and likeliest first; each runs only while nothing was found. */
static const struct {
  MakeImage make;
  gboolean zbar, dmtx;
} passes[] = {
  { NULL, TRUE, FALSE },  /* NULL: the frame itself */
  { make_inverted, TRUE, FALSE },
  { make_threshold, TRUE, FALSE },
  { make_double, TRUE, FALSE },
  { make_half, TRUE, FALSE },
  { make_padded_double, TRUE, FALSE },
  { make_double_threshold, TRUE, FALSE },
  { NULL, FALSE, TRUE },
  { make_padded_double, FALSE, TRUE },
  { make_inverted, FALSE, TRUE },
  { make_rotated_left, TRUE, FALSE },
  { make_rotated_right, TRUE, FALSE },
};

/* The same symbol found twice (by two passes or twice in one) is reported once. */
static void
add_new (GPtrArray *out,
         GPtrArray *found)
{
  for (guint i = 0; i < found->len; i++)
    {
      SuyuanSymbol *s = g_ptr_array_index (found, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < out->len && !seen; k++)
        {
          const SuyuanSymbol *o = g_ptr_array_index (out, k);

          seen = g_str_equal (o->symbology, s->symbology) && o->payload_length == s->payload_length
                 && memcmp (o->payload, s->payload, s->payload_length) == 0;
        }
      if (!seen)
        g_ptr_array_add (out, g_steal_pointer (&found->pdata[i]));
    }
  g_ptr_array_set_size (found, 0);
}

/* libdmtx gets most of what is left (it is the only DataMatrix reader), but
 * not all, so the passes after it still run. */
static gint64
dmtx_deadline (gint64 deadline)
{
  gint64 now = g_get_monotonic_time ();

  return deadline == G_MAXINT64 ? now + 2 * G_USEC_PER_SEC : now + (deadline - now) * 2 / 3;
}

GPtrArray *
suyuan_decode_gray (const guint8              *gray,
                    int                        width,
                    int                        height,
                    int                        stride,
                    const SuyuanDecodeOptions *options)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_symbol_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) suyuan_symbol_free);
  g_autoptr(SuyuanGray) frame = NULL;
  SuyuanDecodeOptions defaults;
  gint64 start, deadline;

  g_return_val_if_fail (gray != NULL && width > 0 && height > 0 && stride >= width, out);
  if (options == NULL)
    {
      suyuan_decode_options_init (&defaults);
      options = &defaults;
    }
  start = g_get_monotonic_time ();
  deadline = options->time_budget_ms ? start + (gint64) options->time_budget_ms * 1000 : G_MAXINT64;
  frame = suyuan_gray_copy_frame (gray, width, height, stride);
  /* One symbol at a time is what a scan needs: stop at the first pass that
   * finds any, so libdmtx, the slow part, runs only when ZBar found nothing. */
  for (gsize i = 0; i < G_N_ELEMENTS (passes) && out->len == 0; i++)
    {
      g_autoptr(SuyuanGray) made = NULL;
      const SuyuanGray *img = frame;

      if (i > 0 && g_get_monotonic_time () >= deadline)
        break;
      if (passes[i].make != NULL && (img = made = passes[i].make (frame)) == NULL)
        continue;
      if (passes[i].zbar)
        suyuan_zbar_scan (img, img != frame, found);
      if (passes[i].dmtx && options->try_datamatrix && found->len == 0)
        suyuan_dmtx_scan (img, dmtx_deadline (deadline), found);
      add_new (out, found);
      if (out->len > 0)
        g_debug ("decoder: found by pass %" G_GSIZE_FORMAT " after %" G_GINT64_FORMAT " µs", i,
                 g_get_monotonic_time () - start);
    }
  return out;
}
