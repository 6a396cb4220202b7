/* server-tls.c — see server-tls.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-tls.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

gboolean
server_tls_setup (SoupServer              *server,
                  const char              *cert_file,
                  const char              *key_file,
                  SoupServerListenOptions *options,
                  GError                 **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  GStatBuf st;

  if (cert_file == NULL || key_file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("HTTPS needs both --tls-cert and --tls-key"));
      return FALSE;
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This GLib has no TLS support: install glib-networking"));
      return FALSE;
    }
  /* A private key anyone on the machine can read is no longer private. */
  if (g_stat (key_file, &st) == 0 && (st.st_mode & S_IROTH) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The key file %s can be read by every user; make it private with “chmod 600 %s”"),
                   key_file, key_file);
      return FALSE;
    }
  certificate = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (certificate == NULL)
    {
      g_prefix_error (error, _("Cannot use the certificate %s with the key %s: "), cert_file, key_file);
      return FALSE;
    }
  g_object_set (server, "tls-certificate", certificate, NULL);
  *options |= SOUP_SERVER_LISTEN_HTTPS;
  return TRUE;
}
