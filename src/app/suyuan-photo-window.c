/* suyuan-photo-window.c — a modal window with the live camera preview and a
 * shutter: the frame on screen is saved as a PNG in the app's photo folder.
 * The preview does not scan: a code in the picture is evidence, not a scan.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-photo-window.h"

#include <errno.h>
#include <glib/gi18n.h>

/* Names come from the inspection's uuid: keep them to safe file characters. */
#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
#define NAME_MAX_LENGTH 80
#define MAX_TRIES 1000

struct _SuyuanPhotoWindow {
  AdwWindow parent_instance;

  char *name;
  guint first_number;

  AdwWindowTitle *window_title;
  SuyuanCameraView *camera_view;
  GtkLabel *status_label;
  GtkLabel *progress_label;
  GtkWidget *shutter_button;

  gboolean saving;        /* a photo is being written */
  gboolean gone;          /* disposed: no widgets to update */
};

G_DEFINE_FINAL_TYPE (SuyuanPhotoWindow, suyuan_photo_window, ADW_TYPE_WINDOW)

enum { PHOTO, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_status (SuyuanPhotoWindow *self,
            const char        *text)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), FALSE);
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
}

char *
suyuan_photo_window_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "suyuan", "photos", NULL);
}

typedef struct {
  GdkTexture *texture;
  char *name;
  guint first_number;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_object_unref (job->texture);
  g_free (job->name);
  g_free (job);
}

/* In a worker thread: PNG encoding takes about a second for a busy 720p
 * frame. The file is created, never overwritten. */
static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  SaveJob *job = data;
  g_autofree char *dir = suyuan_photo_window_dir ();
  g_autoptr(GBytes) png = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      return;
    }
  png = gdk_texture_save_to_png_bytes (job->texture);
  for (guint n = job->first_number; n < job->first_number + MAX_TRIES; n++)
    {
      g_autofree char *basename = g_strdup_printf ("%s-%u.png", job->name, n);
      g_autofree char *path = g_build_filename (dir, basename, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) out = NULL;
      GError *error = NULL;

      out = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, &error);
      if (out == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_clear_error (&error);
          continue;
        }
      if (out != NULL
          && (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                          NULL, NULL, &error)
              || !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error)))
        g_file_delete (file, NULL, NULL);
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_steal_pointer (&path), g_free);
      return;
    }
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Too many photos of this item"));
}

static gboolean
emit_photo (SuyuanPhotoWindow *self,
            const char        *path)
{
  gboolean attached = FALSE;

  g_signal_emit (self, signals[PHOTO], 0, path, &attached);
  if (self->gone)
    return attached;
  if (!attached)
    {
      g_autofree char *text = g_strdup_printf (_("The photo %s was not attached: see the Inspect page."), path);

      set_status (self, text);
      return FALSE;
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  SuyuanPhotoWindow *self = SUYUAN_PHOTO_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  self->saving = FALSE;
  /* Saved while the window was closed: still the item's photo. */
  if (path != NULL)
    {
      if (!self->gone)
        set_status (self, NULL);
      emit_photo (self, path);
      return;
    }
  if (!self->gone)
    {
      g_autofree char *dir = suyuan_photo_window_dir ();
      g_autofree char *text = g_strdup_printf (_("Could not save the photo in %s: %s"), dir, error->message);

      set_status (self, text);
      gtk_widget_set_sensitive (self->shutter_button, TRUE);
    }
}

gboolean
suyuan_photo_window_take (SuyuanPhotoWindow *self)
{
  GdkTexture *texture;
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_val_if_fail (SUYUAN_IS_PHOTO_WINDOW (self), FALSE);
  texture = suyuan_camera_view_get_texture (self->camera_view);
  if (self->saving)
    return FALSE;
  if (texture == NULL)
    {
      set_status (self, _("No picture from the camera yet."));
      return FALSE;
    }
  job = g_new0 (SaveJob, 1);
  job->texture = g_object_ref (texture);
  job->name = g_strdup (self->name);
  job->first_number = self->first_number;
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->shutter_button, FALSE);
  set_status (self, NULL);
  gtk_label_set_text (self->progress_label, _("Saving the photo…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), TRUE);
  task = g_task_new (self, NULL, on_saved, NULL);
  g_task_set_task_data (task, job, save_job_free);
  g_task_run_in_thread (task, save_thread);
  return TRUE;
}

gboolean
suyuan_photo_window_is_saving (SuyuanPhotoWindow *self)
{
  return self->saving;
}

static void
on_shutter_clicked (SuyuanPhotoWindow *self)
{
  suyuan_photo_window_take (self);
}

static void
on_file_chosen (GtkNativeDialog   *dialog,
                int                response,
                SuyuanPhotoWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  g_object_unref (dialog);
  if (path != NULL)
    emit_photo (self, path);
}

static void
on_choose_clicked (SuyuanPhotoWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach a Photo"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The shutter works once a frame is on screen. */
static void
on_frame (SuyuanCamera      *camera,
          GBytes            *rgb,
          int                width,
          int                height,
          int                stride,
          SuyuanPhotoWindow *self)
{
  gtk_widget_set_sensitive (self->shutter_button,
                            !self->saving && suyuan_camera_view_get_texture (self->camera_view) != NULL);
}

SuyuanCameraView *
suyuan_photo_window_get_camera_view (SuyuanPhotoWindow *self)
{
  return self->camera_view;
}

const char *
suyuan_photo_window_get_status (SuyuanPhotoWindow *self)
{
  return gtk_label_get_text (self->status_label);
}

SuyuanPhotoWindow *
suyuan_photo_window_new (GtkWindow  *parent,
                         const char *name,
                         guint       first_number)
{
  SuyuanPhotoWindow *self = g_object_new (SUYUAN_TYPE_PHOTO_WINDOW, "transient-for", parent, NULL);

  g_return_val_if_fail (name != NULL, NULL);
  self->name = g_strndup (name, NAME_MAX_LENGTH);
  g_strcanon (self->name, NAME_CHARS, '_');
  self->first_number = MAX (first_number, 1);
  return self;
}

void
suyuan_photo_window_set_subtitle (SuyuanPhotoWindow *self,
                                  const char        *subtitle)
{
  g_return_if_fail (SUYUAN_IS_PHOTO_WINDOW (self));
  /* A plain-text label: the product name came from the store or a scan. */
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

static void
suyuan_photo_window_dispose (GObject *object)
{
  SUYUAN_PHOTO_WINDOW (object)->gone = TRUE;
  G_OBJECT_CLASS (suyuan_photo_window_parent_class)->dispose (object);
}

static void
suyuan_photo_window_finalize (GObject *object)
{
  SuyuanPhotoWindow *self = SUYUAN_PHOTO_WINDOW (object);

  g_free (self->name);
  G_OBJECT_CLASS (suyuan_photo_window_parent_class)->finalize (object);
}

static void
suyuan_photo_window_class_init (SuyuanPhotoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_photo_window_dispose;
  object_class->finalize = suyuan_photo_window_finalize;
  signals[PHOTO] = g_signal_new ("photo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 g_signal_accumulator_true_handled, NULL, NULL,
                                 G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
  g_type_ensure (SUYUAN_TYPE_CAMERA_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-photo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanPhotoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPhotoWindow, camera_view);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPhotoWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPhotoWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanPhotoWindow, shutter_button);
  gtk_widget_class_bind_template_callback (widget_class, on_shutter_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
suyuan_photo_window_init (SuyuanPhotoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Preview only: the Inspect page must not take the code in the picture as a scan. */
  suyuan_camera_view_set_scanning (self->camera_view, FALSE);
  g_signal_connect_object (suyuan_camera_view_get_camera (self->camera_view), "frame",
                           G_CALLBACK (on_frame), self, G_CONNECT_AFTER);
}
