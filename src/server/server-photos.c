/* server-photos.c — stores uploaded inspection photos by content hash.
 * A photo's name is the SHA-256 of its bytes, checked on upload, so a resend
 * is harmless and a photo is never stored twice.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-photos.h"
#include "server-mirror.h"
#include "server-reply.h"
#include "reports.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

char *
server_photos_default_dir (const char *mirror_path)
{
  return g_strconcat (mirror_path, ".photos", NULL);
}

const char *
server_photo_type (const guint8 *data,
                   gsize         len)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  return NULL;
}

static gboolean
is_sha256 (const char *name)
{
  if (name == NULL || strlen (name) != 64)
    return FALSE;
  for (const char *c = name; *c; c++)
    if (!g_ascii_isdigit (*c) && !(*c >= 'a' && *c <= 'f'))
      return FALSE;
  return TRUE;
}

/* The last path segment of @msg's URI. */
static const char *
last_segment (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *slash = strrchr (path, '/');

  return slash ? slash + 1 : path;
}

GBytes *
server_photo_load (const char  *dir,
                   const char  *sha256,
                   const char **type)
{
  g_autofree char *path = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!is_sha256 (sha256))
    return NULL;
  path = g_build_filename (dir, sha256, NULL);
  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  if ((*type = server_photo_type ((const guint8 *) data, len)) == NULL)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

static gboolean
store_photo (const char   *dir,
             const char   *sha256,
             const guint8 *data,
             gsize         len,
             gboolean     *created,
             GError      **error)
{
  g_autofree char *path = g_build_filename (dir, sha256, NULL);

  *created = FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  /* Written to a temporary file and renamed: a reader never sees half. */
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  *created = TRUE;
  return TRUE;
}

void
server_handle_photo_put (ServerContext         *ctx,
                         SoupServerMessage     *msg,
                         GHashTable            *query,
                         const ServerPrincipal *who)
{
  const char *name = last_segment (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  g_autofree char *sum = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *type;
  gboolean created;

  if (!is_sha256 (name))
    {
      server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "a photo is named by the SHA-256 of its bytes (64 lowercase hex digits)");
      return;
    }
  if (len > SERVER_PHOTO_MAX_BYTES)
    {
      server_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "a photo may be at most 8 MiB");
      return;
    }
  if ((type = server_photo_type (data, len)) == NULL)
    {
      server_reply_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "a photo must be a JPEG or PNG image");
      return;
    }
  /* Only the token that pushed an inspection naming the photo (or the
   * administrator's) may store it: no free file space for any token. */
  if (!server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    {
      g_warning ("photo: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  if (!suyuan_store_report_names_photo (ctx->mirror, who->role == SERVER_ROLE_ADMIN ? NULL : who->name, name))
    {
      server_reply_error (msg, SOUP_STATUS_FORBIDDEN,
                          "no inspection this token pushed names this photo; push the record first");
      return;
    }
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  if (strcmp (sum, name) != 0)
    {
      server_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "the body's SHA-256 is not the photo's name");
      return;
    }
  if (!store_photo (ctx->photos_dir, name, data, len, &created, &error))
    {
      g_warning ("photo: %s", error->message);
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "storage error");
      return;
    }
  json_builder_begin_object (b);
  server_json_member_string (b, "sha256", name);
  server_json_member_string (b, "type", type);
  json_builder_set_member_name (b, "stored");
  json_builder_add_boolean_value (b, created);
  json_builder_end_object (b);
  server_reply_json (msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, b);
}
