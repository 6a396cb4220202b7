/* epcis-rest-client.c — see epcis-rest-client.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "epcis-rest-client.h"

#include <string.h>

void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, json_node_unref);
  g_free (reply);
}

void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  f->session = soup_session_new_with_options ("timeout", 120, NULL);
}

void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->session);
  test_server_stop (f->server);
  test_dir_free (f->dir);
}

/* @method @path with @token (NULL: none) and @body, as a partner system
 * would send it; the status, headers and JSON body of the answer. */
Reply *
call_typed (Fixture    *f,
            const char *method,
            const char *path,
            const char *token,
            const char *body,
            const char *content_type)
{
  g_autofree char *url = g_strconcat (f->server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, request);
    }
  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (g_bytes_get_size (bytes) > 0)
    reply->body = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  return reply;
}

Reply *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  return call_typed (f, method, path, token, body, "application/ld+json");
}

const char *
header (Reply      *reply,
        const char *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

JsonObject *
object (Reply *reply)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_node_get_object (reply->body);
}

/* A refusal is an RFC 7807 problem with the standard's exception. */
void
assert_problem (Reply      *reply,
                guint       status,
                const char *exception)
{
  g_autofree char *type = g_strconcat ("epcisException:", exception, NULL);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==, "application/problem+json");
  g_assert_cmpstr (json_object_get_string_member (object (reply), "type"), ==, type);
  g_assert_cmpint (json_object_get_int_member (object (reply), "status"), ==, status);
  g_assert_nonnull (json_object_get_string_member (object (reply), "title"));
}

/* @n ObjectEvents shipping @per_event units each of the demo milk, as
 * another system sends them. */
char *
document_of (guint       n,
             guint       per_event,
             guint       first,
             const char *biz_step)
{
  GString *doc = g_string_new ("{\"@context\": [\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                               " \"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\","
                               " \"creationDate\": \"2026-11-20T10:00:00Z\", \"epcisBody\": {\"eventList\": [");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (doc, "%s{\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-20T10:00:00.000+08:00\","
                              " \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"%s\","
                              " \"epcList\": [", i ? "," : "", biz_step);
      for (guint e = 0; e < per_event; e++)
        g_string_append_printf (doc, "%s\"https://id.gs1.org/01/06901234567892/21/R%08u\"", e ? "," : "",
                                first + i * per_event + e);
      g_string_append (doc, "]}");
    }
  g_string_append (doc, "]}}");
  return g_string_free (doc, FALSE);
}

char *
document (guint       n,
          guint       first,
          const char *biz_step)
{
  return document_of (n, 1, first, biz_step);
}

/* Polls the job at @location until it stops running (up to 60 s). */
Reply *
finished_job (Fixture    *f,
              const char *location,
              const char *token)
{
  for (int i = 0; i < 1200; i++)
    {
      g_autoptr(Reply) job = call (f, "GET", location, token, NULL);

      g_assert_cmpuint (job->status, ==, 200);
      if (!json_object_get_boolean_member (object (job), "running"))
        return g_steal_pointer (&job);
      g_usleep (50000);
    }
  g_assert_not_reached ();
}

gint64
last_seq (Fixture *f)
{
  g_autoptr(Reply) health = call (f, "GET", "/api/v1/health", NULL, NULL);

  return json_object_get_int_member (object (health), "last_seq");
}

/* POST /capture answers 202 with the job's Location; the job ends with
 * success and the events are stored. */

void
capture_all (Fixture    *f,
             const char *doc)
{
  g_autoptr(Reply) accepted = call (f, "POST", "/capture", f->server->token, doc);
  g_autoptr(Reply) job = NULL;

  g_assert_cmpuint (accepted->status, ==, 202);
  job = finished_job (f, header (accepted, "Location"), f->server->token);
  if (!json_object_get_boolean_member (object (job), "success"))
    g_error ("capture failed: %s", json_to_string (job->body, FALSE));
}
