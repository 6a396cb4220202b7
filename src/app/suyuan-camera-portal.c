/* suyuan-camera-portal.c — org.freedesktop.portal.Camera over GDBus:
 * AccessCamera, its Response, then OpenPipeWireRemote for a PipeWire fd that
 * GStreamer's pipewire device provider lists the cameras from.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-camera-portal.h"

#include <gio/gio.h>
#include <gio/gunixfdlist.h>

#define PORTAL_BUS "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define CAMERA_IFACE "org.freedesktop.portal.Camera"

typedef enum { PORTAL_UNASKED, PORTAL_ASKING, PORTAL_ANSWERED } PortalState;

static PortalState state = PORTAL_UNASKED;
static int remote_fd = -1;          /* PipeWire remote, once granted */
static GPtrArray *waiting = NULL;   /* GClosure-like pairs: func, data */
static guint response_id = 0;

gboolean
suyuan_camera_portal_in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
answered (void)
{
  g_autoptr(GPtrArray) callers = g_steal_pointer (&waiting);

  state = PORTAL_ANSWERED;
  for (guint i = 0; callers != NULL && i + 1 < callers->len; i += 2)
    ((GFunc) callers->pdata[i]) (NULL, callers->pdata[i + 1]);
}

static void
on_remote_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source),
                                                                              &fds, result, &error);
  gint32 index;

  if (reply == NULL)
    g_warning ("camera portal: %s", error->message);
  else
    {
      g_variant_get (reply, "(h)", &index);
      remote_fd = fds ? g_unix_fd_list_get (fds, index, &error) : -1;
      if (remote_fd < 0)
        g_warning ("camera portal: no PipeWire remote");
    }
  answered ();
}

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  guint32 response = 2;
  GVariantBuilder options;

  g_dbus_connection_signal_unsubscribe (connection, response_id);
  response_id = 0;
  g_variant_get (parameters, "(u@a{sv})", &response, NULL);
  if (response != 0)   /* 1: the user said no; 2: otherwise ended */
    {
      g_message ("camera portal: access not granted (%u)", response);
      answered ();
      return;
    }
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_dbus_connection_call_with_unix_fd_list (connection, PORTAL_BUS, PORTAL_PATH, CAMERA_IFACE,
                                            "OpenPipeWireRemote", g_variant_new ("(a{sv})", &options),
                                            G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL,
                                            on_remote_opened, NULL);
}

static void
on_access_called (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);

  if (reply == NULL)
    {
      g_warning ("camera portal: %s", error->message);
      if (response_id != 0)
        g_dbus_connection_signal_unsubscribe (G_DBUS_CONNECTION (source), response_id);
      response_id = 0;
      answered ();
    }
}

void
suyuan_camera_portal_request (GFunc    done,
                              gpointer user_data)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *sender = NULL, *token = NULL, *path = NULL;
  GVariantBuilder options;

  if (state == PORTAL_ANSWERED)
    {
      done (NULL, user_data);
      return;
    }
  if (waiting == NULL)
    waiting = g_ptr_array_new ();
  g_ptr_array_add (waiting, done);
  g_ptr_array_add (waiting, user_data);
  if (state == PORTAL_ASKING)
    return;
  state = PORTAL_ASKING;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      answered ();
      return;
    }
  /* The request's object path is known before the call, so its Response
   * cannot arrive before we listen (xdg-desktop-portal's documented way). */
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("suyuan%u", g_random_int ());
  path = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  response_id = g_dbus_connection_signal_subscribe (bus, PORTAL_BUS, "org.freedesktop.portal.Request",
                                                    "Response", path, NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                    on_response, NULL, NULL);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_dbus_connection_call (bus, PORTAL_BUS, PORTAL_PATH, CAMERA_IFACE, "AccessCamera",
                          g_variant_new ("(a{sv})", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_access_called, NULL);
}

GList *
suyuan_camera_portal_devices (void)
{
  g_autoptr(GstDeviceProvider) provider = NULL;
  GList *devices;

  if (remote_fd < 0)
    return NULL;
  provider = gst_device_provider_factory_get_by_name ("pipewiredeviceprovider");
  if (provider == NULL)
    {
      g_warning ("camera portal: the GStreamer PipeWire plugin is missing");
      return NULL;
    }
  /* The provider and its pipewiresrc elements duplicate the remote as they connect. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (provider), "fd") == NULL)
    {
      g_warning ("camera portal: this GStreamer PipeWire plugin cannot use a portal remote");
      return NULL;
    }
  g_object_set (provider, "fd", remote_fd, NULL);
  devices = gst_device_provider_get_devices (provider);
  return devices;
}
