/* suyuan-scan-feedback.c — sounds are made here as WAV files on first use, so
 * there are no assets to ship and nothing to find at run time.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-scan-feedback.h"

#include <errno.h>
#include <math.h>

#define RATE 16000
#define FLASH_MS 350

struct _SuyuanScanFeedback {
  GObject parent_instance;

  GtkMediaStream *beep;
  GtkMediaStream *alarm;
  guint n_sounds;
  gboolean sound;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (SuyuanScanFeedback, suyuan_scan_feedback, G_TYPE_OBJECT)

typedef struct {
  double hz;
  guint ms;
} Tone;

static void
put_le (GByteArray *out,
        guint32     value,
        guint       n_bytes)
{
  for (guint i = 0; i < n_bytes; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xFF;
      g_byte_array_append (out, &b, 1);
    }
}

static GBytes *
make_wav (const Tone *tones,
          guint       n_tones)
{
  GByteArray *out = g_byte_array_new ();
  guint32 n_samples = 0;

  for (guint i = 0; i < n_tones; i++)
    n_samples += RATE * tones[i].ms / 1000;
  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_le (out, 36 + n_samples * 2, 4);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put_le (out, 16, 4);
  put_le (out, 1, 2);            /* PCM */
  put_le (out, 1, 2);            /* mono */
  put_le (out, RATE, 4);
  put_le (out, RATE * 2, 4);
  put_le (out, 2, 2);
  put_le (out, 16, 2);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_le (out, n_samples * 2, 4);
  for (guint i = 0; i < n_tones; i++)
    {
      guint n = RATE * tones[i].ms / 1000;

      for (guint s = 0; s < n; s++)
        {
          /* Short fades at both ends, or each tone clicks. */
          double env = MIN (1.0, MIN (s, n - s) / (RATE * 0.004));
          double v = tones[i].hz > 0 ? sin (2 * G_PI * tones[i].hz * s / RATE) * env * 0.5 : 0;

          put_le (out, (guint16) (gint16) (v * 32767), 2);
        }
    }
  return g_byte_array_free_to_bytes (out);
}

static GtkMediaStream *
load_sound (const char *name,
            const Tone *tones,
            guint       n_tones)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "suyuan", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) wav = make_wav (tones, n_tones);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, g_bytes_get_data (wav, NULL), g_bytes_get_size (wav), &error))
    {
      g_debug ("no scan sound: %s", error ? error->message : g_strerror (errno));
      return NULL;
    }
  return gtk_media_file_new_for_filename (path);
}

static void
play (SuyuanScanFeedback *self,
      GtkMediaStream     *stream)
{
  self->n_sounds++;
  if (stream == NULL || gtk_media_stream_get_error (stream) != NULL)
    return;
  /* Asynchronous in GStreamer's threads: never waits for an audio device. */
  gtk_media_stream_pause (stream);
  gtk_media_stream_seek (stream, 0);
  gtk_media_stream_play (stream);
}

static void
end_flash (gpointer data)
{
  GtkWidget *target = data;

  gtk_widget_remove_css_class (target, "scan-flash");
  gtk_widget_remove_css_class (target, "scan-flash-stop");
  g_object_unref (target);
}

void
suyuan_scan_feedback_give (SuyuanScanFeedback *self,
                           GtkWidget          *target,
                           SuyuanLevel         level)
{
  gboolean stop = level == SUYUAN_LEVEL_STOP;

  g_return_if_fail (SUYUAN_IS_SCAN_FEEDBACK (self));
  if (target != NULL)
    {
      gtk_widget_add_css_class (target, stop ? "scan-flash-stop" : "scan-flash");
      g_timeout_add_once (stop ? 3 * FLASH_MS : FLASH_MS, end_flash, g_object_ref (target));
    }
  /* The flash always; the sound only when the user wants it. */
  if (self->sound)
    play (self, stop ? self->alarm : self->beep);
}

void
suyuan_scan_feedback_set_sound (SuyuanScanFeedback *self,
                                gboolean            sound)
{
  g_return_if_fail (SUYUAN_IS_SCAN_FEEDBACK (self));
  self->sound = !!sound;
}

gboolean
suyuan_scan_feedback_get_sound (SuyuanScanFeedback *self)
{
  g_return_val_if_fail (SUYUAN_IS_SCAN_FEEDBACK (self), FALSE);
  return self->sound;
}

static void
on_sound_changed (GSettings          *settings,
                  const char         *key,
                  SuyuanScanFeedback *self)
{
  suyuan_scan_feedback_set_sound (self, g_settings_get_boolean (settings, "sound"));
}

void
suyuan_scan_feedback_bind_settings (SuyuanScanFeedback *self,
                                    GSettings          *settings)
{
  g_return_if_fail (SUYUAN_IS_SCAN_FEEDBACK (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::sound", G_CALLBACK (on_sound_changed), self, 0);
  on_sound_changed (settings, "sound", self);
}

guint
suyuan_scan_feedback_get_n_sounds (SuyuanScanFeedback *self)
{
  return self->n_sounds;
}

SuyuanScanFeedback *
suyuan_scan_feedback_new (void)
{
  return g_object_new (SUYUAN_TYPE_SCAN_FEEDBACK, NULL);
}

static void
suyuan_scan_feedback_dispose (GObject *object)
{
  SuyuanScanFeedback *self = SUYUAN_SCAN_FEEDBACK (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->beep);
  g_clear_object (&self->alarm);
  G_OBJECT_CLASS (suyuan_scan_feedback_parent_class)->dispose (object);
}

static void
suyuan_scan_feedback_class_init (SuyuanScanFeedbackClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = suyuan_scan_feedback_dispose;
}

static void
suyuan_scan_feedback_init (SuyuanScanFeedback *self)
{
  /* One short high beep; the alarm is a falling two-tone, three times. */
  static const Tone beep[] = { { 1760, 70 } };
  static const Tone alarm[] = { { 988, 160 }, { 659, 160 }, { 0, 60 }, { 988, 160 },
                                { 659, 160 }, { 0, 60 }, { 988, 160 }, { 659, 220 } };

  self->sound = TRUE;
  self->beep = load_sound ("scan-beep.wav", beep, G_N_ELEMENTS (beep));
  self->alarm = load_sound ("scan-alarm.wav", alarm, G_N_ELEMENTS (alarm));
}
