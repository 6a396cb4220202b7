/* suyuan-camera-view.c — preview frames into a GtkPicture, camera choice, and
 * a clear state saying what to do when there is no camera.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-camera-view.h"
#include "suyuan-camera-portal.h"
#include "suyuan-widget-children.h"
#include "suyuan-application.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _SuyuanCameraView {
  GtkWidget parent_instance;

  SuyuanCamera *camera;
  GList *devices;         /* GstDevice, in the order of the drop-down */
  guint n_frames;
  gboolean active;
  gboolean scanning;      /* codes in view go to "win.scan" */
  gboolean filling;       /* the drop-down changes from code, not from the user */
  GSettings *settings;    /* "camera-device": the user's choice, kept */

  GtkStack *stack;
  GtkPicture *picture;
  GtkDropDown *device_dropdown;
  AdwStatusPage *failed_page;
  AdwStatusPage *no_camera_page;
};

G_DEFINE_FINAL_TYPE (SuyuanCameraView, suyuan_camera_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_ACTIVE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
on_frame (SuyuanCamera     *camera,
          GBytes           *rgb,
          int               width,
          int               height,
          int               stride,
          SuyuanCameraView *self)
{
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, rgb, stride);

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  self->n_frames++;
}

static void
on_scanned (SuyuanCamera     *camera,
            const char       *payload,
            const char       *symbology,
            SuyuanCameraView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.scan", "s", payload);
}

static void
show_failed (SuyuanCameraView *self,
             const char       *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* AdwStatusPage descriptions are markup: the message came from a driver. */
  adw_status_page_set_description (self->failed_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

static void
on_failed (SuyuanCamera     *camera,
           const char       *message,
           SuyuanCameraView *self)
{
  show_failed (self, message);
}

static void
start (SuyuanCameraView *self)
{
  g_autoptr(GError) error = NULL;

  if (!suyuan_camera_start (self->camera, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        gtk_stack_set_visible_child_name (self->stack, "no-camera");
      else
        show_failed (self, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

/* How "camera-device" names a camera: its device path where the provider
 * gives one (v4l2: device.path, PipeWire: api.v4l2.path), else its name. */
char *
suyuan_camera_view_device_id (GstDevice *device)
{
  static const char *keys[] = { "device.path", "api.v4l2.path", "object.path" };
  g_autoptr(GstStructure) props = gst_device_get_properties (device);

  for (gsize i = 0; props != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = gst_structure_get_string (props, keys[i]);

      if (value != NULL && value[0] != '\0')
        return g_strdup (value);
    }
  return gst_device_get_display_name (device);
}

/* The saved camera if it is here, else the first one. */
static guint
preferred_index (SuyuanCameraView *self)
{
  g_autofree char *saved = self->settings ? g_settings_get_string (self->settings, "camera-device") : NULL;
  guint i = 0;

  if (saved == NULL || saved[0] == '\0')
    return 0;
  for (GList *l = self->devices; l; l = l->next, i++)
    {
      g_autofree char *id = suyuan_camera_view_device_id (l->data);

      if (g_strcmp0 (id, saved) == 0)
        return i;
    }
  return 0;
}

static void fill_devices (SuyuanCameraView *self);

/* The portal answered: list the cameras it granted (kept alive till then). */
static void
on_portal_answered (gpointer unused,
                    gpointer view)
{
  fill_devices (view);
  g_object_unref (view);
}

static void
fill_devices (SuyuanCameraView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  static gboolean asked_portal = FALSE;
  guint chosen;

  if (suyuan_camera_portal_in_sandbox () && !asked_portal && !suyuan_camera_has_pipeline_override ())
    {
      asked_portal = TRUE;
      suyuan_camera_portal_request (on_portal_answered, g_object_ref (self));
    }

  g_list_free_full (self->devices, gst_object_unref);
  self->devices = suyuan_camera_has_pipeline_override () ? NULL : suyuan_camera_list_devices ();
  for (GList *l = self->devices; l; l = l->next)
    {
      g_autofree char *name = gst_device_get_display_name (l->data);

      gtk_string_list_append (names, name);
    }
  chosen = preferred_index (self);
  self->filling = TRUE;
  gtk_drop_down_set_model (self->device_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->device_dropdown, chosen);
  self->filling = FALSE;
  /* A choice only when there is one to make. */
  gtk_widget_set_visible (GTK_WIDGET (self->device_dropdown), g_list_length (self->devices) > 1);
  suyuan_camera_set_device (self->camera, g_list_nth_data (self->devices, chosen));
}

static void
on_device_selected (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    SuyuanCameraView *self)
{
  GstDevice *device = g_list_nth_data (self->devices, gtk_drop_down_get_selected (dropdown));

  if (device == NULL || self->filling)
    return;
  /* The user chose: that camera next time too. */
  if (self->settings != NULL)
    {
      g_autofree char *id = suyuan_camera_view_device_id (device);

      g_settings_set_string (self->settings, "camera-device", id);
    }
  suyuan_camera_stop (self->camera);
  suyuan_camera_set_device (self->camera, device);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
}

/* A device typed in Preferences: switch to it if it is here. */
static void
on_camera_setting_changed (GSettings        *settings,
                           const char       *key,
                           SuyuanCameraView *self)
{
  guint chosen;

  if (self->devices == NULL)
    return;
  chosen = preferred_index (self);
  if (chosen == gtk_drop_down_get_selected (self->device_dropdown))
    return;
  /* Switch cameras, but keep the key as typed: the camera may come back. */
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->device_dropdown, chosen);
  self->filling = FALSE;
  suyuan_camera_stop (self->camera);
  suyuan_camera_set_device (self->camera, g_list_nth_data (self->devices, chosen));
  if (self->active && gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
}

void
suyuan_camera_view_set_settings (SuyuanCameraView *self,
                                 GSettings        *settings)
{
  g_return_if_fail (SUYUAN_IS_CAMERA_VIEW (self));
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::camera-device", G_CALLBACK (on_camera_setting_changed), self, 0);
}

static void
on_retry_clicked (GtkButton        *button,
                  SuyuanCameraView *self)
{
  suyuan_camera_stop (self->camera);
  fill_devices (self);
  start (self);
}

static void
update_running (SuyuanCameraView *self)
{
  /* Runs only while wanted and on screen: the camera light means scanning. */
  if (!self->active || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      suyuan_camera_stop (self->camera);
      return;
    }
  if (self->devices == NULL)
    fill_devices (self);
  start (self);
}

void
suyuan_camera_view_set_active (SuyuanCameraView *self,
                               gboolean          active)
{
  g_return_if_fail (SUYUAN_IS_CAMERA_VIEW (self));
  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  update_running (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
suyuan_camera_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (suyuan_camera_view_parent_class)->map (widget);
  update_running (SUYUAN_CAMERA_VIEW (widget));
}

static void
suyuan_camera_view_unmap (GtkWidget *widget)
{
  SuyuanCameraView *self = SUYUAN_CAMERA_VIEW (widget);

  suyuan_camera_stop (self->camera);
  GTK_WIDGET_CLASS (suyuan_camera_view_parent_class)->unmap (widget);
}

SuyuanCamera *
suyuan_camera_view_get_camera (SuyuanCameraView *self)
{
  return self->camera;
}

const char *
suyuan_camera_view_get_state (SuyuanCameraView *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

void
suyuan_camera_view_set_scanning (SuyuanCameraView *self,
                                 gboolean          scanning)
{
  g_return_if_fail (SUYUAN_IS_CAMERA_VIEW (self));
  self->scanning = !!scanning;
  suyuan_camera_set_scanning (self->camera, scanning);
  /* Scanning fills the view; a photo shows all of what will be saved. */
  gtk_picture_set_content_fit (self->picture, scanning ? GTK_CONTENT_FIT_COVER : GTK_CONTENT_FIT_CONTAIN);
  /* The hint about hand scanners makes no sense when taking a photo. */
  adw_status_page_set_description (self->no_camera_page, scanning
                                   ? _("Connect a camera and press Retry. You can also scan with a hand scanner, type the code, or open a photo of it.")
                                   : _("Connect a camera and press Retry, or choose a photo file."));
}

GdkTexture *
suyuan_camera_view_get_texture (SuyuanCameraView *self)
{
  GdkPaintable *paintable;

  g_return_val_if_fail (SUYUAN_IS_CAMERA_VIEW (self), NULL);
  paintable = gtk_picture_get_paintable (self->picture);
  if (g_strcmp0 (suyuan_camera_view_get_state (self), "preview") != 0 || !GDK_IS_TEXTURE (paintable))
    return NULL;
  return GDK_TEXTURE (paintable);
}

guint
suyuan_camera_view_get_n_frames (SuyuanCameraView *self)
{
  return self->n_frames;
}

static void
suyuan_camera_view_dispose (GObject *object)
{
  SuyuanCameraView *self = SUYUAN_CAMERA_VIEW (object);

  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      suyuan_camera_stop (self->camera);
    }
  g_clear_object (&self->camera);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_list_free_full (g_steal_pointer (&self->devices), gst_object_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_CAMERA_VIEW);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_camera_view_parent_class)->dispose (object);
}

static void
suyuan_camera_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SuyuanCameraView *self = SUYUAN_CAMERA_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_camera_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SuyuanCameraView *self = SUYUAN_CAMERA_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      suyuan_camera_view_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_camera_view_class_init (SuyuanCameraViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_camera_view_dispose;
  object_class->get_property = suyuan_camera_view_get_property;
  object_class->set_property = suyuan_camera_view_set_property;
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = suyuan_camera_view_map;
  widget_class->unmap = suyuan_camera_view_unmap;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-camera-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanCameraView, stack);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCameraView, picture);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCameraView, device_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCameraView, failed_page);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCameraView, no_camera_page);
  gtk_widget_class_bind_template_callback (widget_class, on_device_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cameraview");
}

static void
suyuan_camera_view_init (SuyuanCameraView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->active = TRUE;
  self->scanning = TRUE;
  self->camera = suyuan_camera_new ();
  g_signal_connect (self->camera, "frame", G_CALLBACK (on_frame), self);
  g_signal_connect (self->camera, "scanned", G_CALLBACK (on_scanned), self);
  g_signal_connect (self->camera, "failed", G_CALLBACK (on_failed), self);
  /* Inside the app the choice of camera is a preference; elsewhere (tests) not kept. */
  if (SUYUAN_IS_APPLICATION (g_application_get_default ()))
    suyuan_camera_view_set_settings (self, suyuan_application_get_settings (SUYUAN_APPLICATION (g_application_get_default ())));
}
