/* server-console-photos.c — an inspection's photos in the console:
 * GET /console/photos/{sha256}?inspection=UUID serves a photo the terminals
 * uploaded (server-photos.h), only to a session that may see that
 * inspection and only when the inspection's record names the photo; and the
 * <img> cells of the inspection pages.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-console.h"
#include "server-mirror.h"
#include "server-photos.h"
#include "reports.h"

#include <glib/gi18n.h>
#include <string.h>

#define T(msgid) server_console_text (session, (msgid))

/* The item's i-th photo hash, when it is one (hostile input otherwise). */
static const char *
photo_hash (JsonArray *hashes,
            guint      i)
{
  JsonNode *node = hashes && i < json_array_get_length (hashes) ? json_array_get_element (hashes, i) : NULL;
  const char *text = node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                     ? json_node_get_string (node) : NULL;

  if (text == NULL || strlen (text) != 64 || strspn (text, "0123456789abcdef") != 64)
    return NULL;
  return text;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
server_console_photos_html (JsonObject *item,
                            const char *inspection_uuid)
{
  JsonArray *names = array_member (item, "photos");
  JsonArray *hashes = array_member (item, "photo_sha256");
  g_autofree char *uuid = g_uri_escape_string (inspection_uuid ? inspection_uuid : "", NULL, FALSE);
  GString *out = g_string_new (NULL);

  for (guint i = 0; names && i < json_array_get_length (names) && i < 20; i++)
    {
      JsonNode *node = json_array_get_element (names, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : "";
      g_autofree char *safe_name = server_page_escape (name);
      const char *sha256 = photo_hash (hashes, i);

      /* Both the hash (hex) and the UUID (escaped) are safe inside the URL. */
      if (sha256 != NULL)
        g_string_append_printf (out, "<a class=\"photo\" href=\"/console/photos/%s?inspection=%s\">"
                                "<img src=\"/console/photos/%s?inspection=%s\" alt=\"%s\" title=\"%s\"></a>",
                                sha256, uuid, sha256, uuid, safe_name, safe_name);
      else
        g_string_append_printf (out, "<span class=\"muted\">%s</span> ", safe_name);
    }
  return g_string_free (out, FALSE);
}

/* Whether the inspection record @data names the photo @sha256. */
static gboolean
record_names_photo (const char *data,
                    const char *sha256)
{
  g_autoptr(JsonNode) root = data ? json_from_string (data, NULL) : NULL;
  JsonArray *items = root && JSON_NODE_HOLDS_OBJECT (root) ? array_member (json_node_get_object (root), "items")
                     : NULL;

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonArray *hashes = JSON_NODE_HOLDS_OBJECT (node) ? array_member (json_node_get_object (node), "photo_sha256")
                          : NULL;

      for (guint p = 0; hashes && p < json_array_get_length (hashes); p++)
        if (g_strcmp0 (photo_hash (hashes, p), sha256) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
photo_page (ServerContext              *ctx,
            SoupServerMessage          *msg,
            GHashTable                 *fields,
            const ServerConsoleSession *session)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *sha256 = strrchr (path, '/') + 1;
  const char *id = server_console_field (fields, "inspection", 100);
  g_autoptr(SuyuanInspectionReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) photo = NULL;
  const char *type = NULL;
  gsize len;

  if (id != NULL && server_mirror_catch_up (ctx->mirror, ctx->store, &error))
    data = suyuan_store_dup_report (ctx->mirror, id, "inspection", &report, &error);
  if (error != NULL)
    g_warning ("console photo: %s", error->message);
  /* Not found, whatever the reason: another region's photo is not a hint. */
  if (data == NULL || !record_names_photo (data, sha256)
      || (session->role == SERVER_ROLE_INSPECTOR && session->region != NULL
          && !g_str_has_prefix (report->region ? report->region : "", session->region))
      || (photo = server_photo_load (ctx->photos_dir, sha256, &type)) == NULL)
    {
      server_console_reply_message (msg, session, SOUP_STATUS_NOT_FOUND, T (N_("No such photo")),
                                    T (N_("The terminal may not have uploaded it yet.")));
      return;
    }
  len = g_bytes_get_size (photo);
  server_console_reply_document (msg, type, g_bytes_unref_to_data (g_steal_pointer (&photo), &len), len);
}

static const ServerConsolePage pages[] = {
  { "/console/photos/*", NULL, SERVER_CONSOLE_ROLES, photo_page, NULL },
};

void
server_console_photos_register (void)
{
  server_console_add_pages (pages, G_N_ELEMENTS (pages));
}
