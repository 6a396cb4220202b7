/* suyuan-image-input.c — every way an image arrives ends in one GTask that
 * decodes it off the main thread with the core decoder.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-image-input.h"
#include "decoder.h"

#include <glib/gi18n.h>

struct _SuyuanImageInput {
  GObject parent_instance;

  GtkWidget *window;      /* not owned: it owns us */
  GtkFileChooserNative *chooser;
  guint n_busy;
};

G_DEFINE_FINAL_TYPE (SuyuanImageInput, suyuan_image_input, G_TYPE_OBJECT)

enum { SCANNED, NO_CODE, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  char *name;             /* shown in messages */
  char *path;             /* a file, or … */
  guint8 *pixels;         /* … texture pixels, B8G8R8A8 premultiplied */
  int width, height;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->name);
  g_free (job->path);
  g_free (job->pixels);
  g_free (job);
}

static GPtrArray *
decode_pixels (Job *job)
{
  g_autofree guint8 *gray = g_malloc ((gsize) job->width * job->height);

  for (gsize i = 0; i < (gsize) job->width * job->height; i++)
    {
      const guint8 *p = job->pixels + i * 4;
      guint v = (114u * p[0] + 587u * p[1] + 299u * p[2]) / 1000u;

      /* Over white paper: premultiplied colour plus what alpha leaves. */
      gray[i] = (guint8) MIN (255u, v + 255u - p[3]);
    }
  return suyuan_decode_gray (gray, job->width, job->height, job->width, NULL);
}

static void
decode_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  GPtrArray *symbols;

  symbols = job->path ? suyuan_decode_file (job->path, NULL, &error) : decode_pixels (job);
  if (symbols == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, symbols, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  SuyuanImageInput *self = SUYUAN_IMAGE_INPUT (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) symbols = g_task_propagate_pointer (G_TASK (result), &error);

  self->n_busy--;
  if (symbols == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot read “%s”: %s"), job->name, error->message);

      g_signal_emit (self, signals[FAILED], 0, message);
      return;
    }
  if (symbols->len == 0)
    {
      g_signal_emit (self, signals[NO_CODE], 0, job->name);
      return;
    }
  for (guint i = 0; i < symbols->len; i++)
    g_signal_emit (self, signals[SCANNED], 0, ((SuyuanSymbol *) symbols->pdata[i])->payload);
}

static void
run_job (SuyuanImageInput *self,
         Job              *job)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_decoded, NULL);

  self->n_busy++;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, decode_thread);
}

void
suyuan_image_input_open_file (SuyuanImageInput *self,
                              GFile            *file)
{
  Job *job;

  g_return_if_fail (SUYUAN_IS_IMAGE_INPUT (self) && G_IS_FILE (file));
  job = g_new0 (Job, 1);
  job->name = g_file_get_basename (file);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot read “%s”: only local files can be opened"), job->name);

      job_free (job);
      g_signal_emit (self, signals[FAILED], 0, message);
      return;
    }
  run_job (self, job);
}

void
suyuan_image_input_open_texture (SuyuanImageInput *self,
                                 GdkTexture       *texture)
{
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (SUYUAN_IS_IMAGE_INPUT (self) && GDK_IS_TEXTURE (texture));
  if (!suyuan_decode_size_ok (gdk_texture_get_width (texture), gdk_texture_get_height (texture), &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  job = g_new0 (Job, 1);
  job->name = g_strdup (_("pasted image"));
  job->width = gdk_texture_get_width (texture);
  job->height = gdk_texture_get_height (texture);
  job->pixels = g_malloc ((gsize) job->width * job->height * 4);
  /* Downloading is a copy; the decoding is what must leave the main thread. */
  gdk_texture_download (texture, job->pixels, (gsize) job->width * 4);
  run_job (self, job);
}

static void
on_chooser_response (GtkNativeDialog  *dialog,
                     int               response,
                     SuyuanImageInput *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    suyuan_image_input_open_file (self, file);
}

void
suyuan_image_input_choose (SuyuanImageInput *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (SUYUAN_IS_IMAGE_INPUT (self));
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open a Photo of a Code"), GTK_WINDOW (self->window),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_clipboard_texture (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(SuyuanImageInput) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);

  if (texture == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, _("The clipboard holds no image"));
      return;
    }
  suyuan_image_input_open_texture (self, texture);
}

void
suyuan_image_input_paste (SuyuanImageInput *self)
{
  GdkClipboard *clipboard;

  g_return_if_fail (SUYUAN_IS_IMAGE_INPUT (self));
  clipboard = gtk_widget_get_clipboard (self->window);
  gdk_clipboard_read_texture_async (clipboard, NULL, on_clipboard_texture, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         SuyuanImageInput *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l; l = l->next)
        suyuan_image_input_open_file (self, l->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      suyuan_image_input_open_file (self, g_value_get_object (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      suyuan_image_input_open_texture (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

SuyuanImageInput *
suyuan_image_input_new (GtkWidget *window)
{
  SuyuanImageInput *self;
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  self = g_object_new (SUYUAN_TYPE_IMAGE_INPUT, NULL);
  self->window = window;
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (target));
  return self;
}

guint
suyuan_image_input_get_n_busy (SuyuanImageInput *self)
{
  return self->n_busy;
}

static void
suyuan_image_input_dispose (GObject *object)
{
  SuyuanImageInput *self = SUYUAN_IMAGE_INPUT (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (suyuan_image_input_parent_class)->dispose (object);
}

static void
suyuan_image_input_class_init (SuyuanImageInputClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = suyuan_image_input_dispose;
  signals[SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NO_CODE] = g_signal_new ("no-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
suyuan_image_input_init (SuyuanImageInput *self)
{
}
