/* suyuan-camera-pipeline.c — source ! videoconvert ! tee: a GRAY8 branch for
 * decoding, an RGB branch for the preview. Both appsinks keep only the newest
 * frame (max-buffers=1 drop=true), so a slow decode never delays the preview
 * and the preview never queues stale frames.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-camera-pipeline.h"
#include "suyuan-camera-portal.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

static const char sink_description[] =
  "videoconvert ! tee name=t "
  "t. ! queue leaky=downstream max-size-buffers=1 ! videoconvert ! video/x-raw,format=GRAY8 "
  "! appsink name=gray max-buffers=1 drop=true sync=false "
  "t. ! queue leaky=downstream max-size-buffers=1 ! videoconvert ! video/x-raw,format=RGB "
  "! appsink name=preview max-buffers=1 drop=true sync=false";

/* A device's own element, linked to our sinks as one pipeline. */
static GstElement *
pipeline_for_device (GstDevice *device,
                     GError   **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  GstElement *source, *sinks;

  source = gst_device_create_element (device, NULL);
  if (source == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The camera could not be started"));
      return NULL;
    }
  sinks = gst_parse_bin_from_description (sink_description, TRUE, error);
  if (sinks == NULL)
    {
      gst_object_unref (gst_object_ref_sink (source));
      return NULL;
    }
  pipeline = gst_object_ref_sink (gst_pipeline_new ("suyuan-camera"));
  gst_bin_add_many (GST_BIN (pipeline), source, sinks, NULL);
  if (!gst_element_link (source, sinks))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The camera gives no usable video"));
      return NULL;
    }
  return g_steal_pointer (&pipeline);
}

GstElement *
suyuan_camera_pipeline_new (GstDevice *device,
                            GError   **error)
{
  const char *description = g_getenv ("SUYUAN_CAMERA_PIPELINE");

  /* Parsed as one launch line, so dynamic pads (decodebin) link as in gst-launch. */
  if (description != NULL && *description != '\0')
    {
      g_autofree char *launch = g_strdup_printf ("%s ! %s", description, sink_description);
      GstElement *pipeline = gst_parse_launch (launch, error);

      return pipeline ? gst_object_ref_sink (pipeline) : NULL;
    }
  if (device != NULL)
    return pipeline_for_device (device, error);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No camera found"));
  return NULL;
}

gboolean
suyuan_camera_has_pipeline_override (void)
{
  const char *description = g_getenv ("SUYUAN_CAMERA_PIPELINE");

  return description != NULL && *description != '\0';
}

GList *
suyuan_camera_list_devices (void)
{
  g_autoptr(GstDeviceMonitor) monitor = NULL;
  g_autoptr(GstCaps) caps = NULL;

  /* In a sandbox only the portal's PipeWire remote reaches a camera. */
  if (suyuan_camera_portal_in_sandbox ())
    return suyuan_camera_portal_devices ();
  monitor = gst_device_monitor_new ();
  caps = gst_caps_new_empty_simple ("video/x-raw");
  gst_device_monitor_add_filter (monitor, "Video/Source", caps);
  return gst_device_monitor_get_devices (monitor);
}
