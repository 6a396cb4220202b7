/* decoder.c — reading barcodes in a grey frame: plain zxing-cpp, ZBar and libdmtx first,
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
  options->engines = SUYUAN_ENGINE_ALL;
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

/* Big photos (camera frames) are inverted and thresholded at half size:
 * four times cheaper, and their symbols are big enough for it. */
static SuyuanGray *
threshold (const SuyuanGray *f)
{
  return suyuan_gray_threshold (f, MAX (15, MIN (f->width, f->height) / 8) | 1, 4);
}

static SuyuanGray *
make_threshold (const SuyuanGray *f)
{
  g_autoptr(SuyuanGray) half = make_half (f);

  return threshold (half ? half : f);
}

/* Doubling helps small symbols in small photos; in big photos it only costs. */
static SuyuanGray *
make_double (const SuyuanGray *f)
{
  return MAX (f->width, f->height) <= 500 ? suyuan_gray_upscale2 (f) : NULL;
}

/* zxing-cpp finds small or warped matrix symbols (a long, thin DMRE seen at
 * an angle) once their modules are twice as big; its cost stays low up to
 * mid-sized photos. Camera frames are bigger and their symbols too. */
static SuyuanGray *
make_double_mid (const SuyuanGray *f)
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
  g_autoptr(SuyuanGray) doubled = MAX (f->width, f->height) <= 320 ? suyuan_gray_upscale2 (f) : NULL;

  return doubled ? threshold (doubled) : NULL;
}

static SuyuanGray *
make_inverted (const SuyuanGray *f)
{
  g_autoptr(SuyuanGray) half = make_half (f);

  return suyuan_gray_invert (half ? half : f);
}

static SuyuanGray *
make_rotated_left (const SuyuanGray *f)
{
  return MAX (f->width, f->height) <= 800 ? suyuan_gray_rotate (f, 30) : NULL;
}

static SuyuanGray *
make_rotated_right (const SuyuanGray *f)
{
  return MAX (f->width, f->height) <= 800 ? suyuan_gray_rotate (f, -30) : NULL;
}

#define ZX SUYUAN_ENGINE_ZXING
#define ZB SUYUAN_ENGINE_ZBAR
#define DM SUYUAN_ENGINE_DMTX

/* Cheapest and likeliest first; each runs only while nothing was found.
 * zxing-cpp on the frame itself reads most, in the least time, so it goes
 * first (tests/bench-decode.py, per engine). ZBar follows: it reads some
 * symbols zxing-cpp misses. libdmtx gets a short look early (most DataMatrix
 * photos read within a few ms) and the long search only after every cheap
 * pass failed. dmtx_ms: that pass's cap; 0 = a share of what is left. */
static const struct {
  MakeImage make;
  guint engines;
  guint dmtx_ms;
} passes[] = {
  { NULL, ZX, 0 },  /* NULL: the frame itself */
  { make_half, ZX, 0 },
  { NULL, ZB, 0 },
  { make_double_mid, ZX, 0 },
  { NULL, DM, 12 },
  { make_inverted, ZB, 0 },
  { make_threshold, ZB, 0 },
  { make_double, ZB, 0 },
  { make_half, ZB, 0 },
  { make_padded_double, ZB, 0 },
  { make_double_threshold, ZB, 0 },
  { make_padded_double, DM, 20 },
  { NULL, DM, 0 },
  { make_inverted, DM, 20 },
  { make_rotated_left, ZB, 0 },
  { make_rotated_right, ZB, 0 },
};

/* Transforms are made once per frame, whichever passes use them. */
typedef struct {
  MakeImage make;
  SuyuanGray *img;
} Made;

static const SuyuanGray *
get_image (Made       *made,
           gsize       n_made,
           MakeImage   make,
           const SuyuanGray *frame,
           gboolean   *absent)
{
  gsize i;

  *absent = FALSE;
  if (make == NULL)
    return frame;
  for (i = 0; i < n_made && made[i].make != NULL; i++)
    if (made[i].make == make)
      break;
  g_assert (i < n_made);
  if (made[i].make == NULL)
    {
      made[i].make = make;
      made[i].img = make (frame);
    }
  *absent = made[i].img == NULL;
  return made[i].img;
}

/* Every engine's result passes the same checks; the same symbol found twice
 * (by two passes or twice in one) is reported once. */
static void
add_new (GPtrArray *out,
         GPtrArray *found)
{
  for (guint i = 0; i < found->len; i++)
    {
      SuyuanSymbol *s = g_ptr_array_index (found, i);
      gboolean seen = !suyuan_symbol_check (s);

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

/* The long libdmtx search gets most of what is left (it is the only
 * DataMatrix reader), but not all, so the passes after it still run. */
static gint64
dmtx_deadline (gint64 deadline,
               guint  cap_ms)
{
  gint64 now = g_get_monotonic_time ();
  gint64 share = deadline == G_MAXINT64 ? 2 * G_USEC_PER_SEC : (deadline - now) * 2 / 3;

  return now + (cap_ms ? MIN ((gint64) cap_ms * 1000, share) : share);
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
  Made made[G_N_ELEMENTS (passes)] = { { NULL, NULL } };
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
   * finds any. */
  for (gsize i = 0; i < G_N_ELEMENTS (passes) && out->len == 0; i++)
    {
      const SuyuanGray *img;
      gboolean absent;

      if (i > 0 && g_get_monotonic_time () >= deadline)
        break;
      guint engines = passes[i].engines & options->engines;

      if (!options->try_datamatrix)
        engines &= ~DM;
      if (engines == 0)
        continue;
      img = get_image (made, G_N_ELEMENTS (made), passes[i].make, frame, &absent);
      if (absent)
        continue;
      if (engines & ZX)
        suyuan_zxing_scan (img, img != frame, found);
      if (engines & ZB)
        suyuan_zbar_scan (img, img != frame, found);
      if (engines & DM)
        suyuan_dmtx_scan (img, dmtx_deadline (deadline, passes[i].dmtx_ms), found);
      add_new (out, found);
      g_debug ("decoder: pass %" G_GSIZE_FORMAT " at %" G_GINT64_FORMAT " µs", i, g_get_monotonic_time () - start);
      if (out->len > 0)
        g_debug ("decoder: found by pass %" G_GSIZE_FORMAT " after %" G_GINT64_FORMAT " µs", i,
                 g_get_monotonic_time () - start);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (made); i++)
    suyuan_gray_free (made[i].img);
  return out;
}
