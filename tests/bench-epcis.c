/* bench-epcis.c — EPCIS capture and query of N events (SUYUAN_BENCH_EVENTS,
 * default 5000) on a real suyuan-server over loopback, each next to its
 * anchor measured in the same run: the terminals' own record upload of N
 * events, and the change-feed pull of the same changes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double
timed_request (const char *method,
               const char *url,
               const char *token,
               GString    *body)
{
  g_autoptr(GBytes) request = body ? g_bytes_new (body->str, body->len) : NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  reply = suyuan_http_request (method, url, token, request, NULL, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* N ObjectEvents, one unit each, as another system would send them. */
static GString *
epcis_document (guint n)
{
  GString *doc = g_string_new ("{\"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", \"epcisBody\": {\"eventList\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (doc, "%s{\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-20T10:00:00+08:00\","
                            " \"eventTimeZoneOffset\": \"+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"shipping\","
                            " \"epcList\": [\"https://id.gs1.org/01/06901234567892/21/%09u\"],"
                            " \"bizLocation\": {\"id\": \"urn:x-suyuan:party:P-DIST\"}}", i ? "," : "", i);
  g_string_append (doc, "]}}");
  return doc;
}

/* The anchor: the same number of events as terminals upload them. */
static double
upload_records (const char *base,
                const char *token,
                guint       n)
{
  g_autofree char *url = g_strconcat (base, "/api/v1/records", NULL);
  double seconds = 0;

  for (guint done = 0; done < n; done += 1000)
    {
      g_autoptr(GString) body = g_string_new ("{\"records\": [");

      for (guint i = done; i < MIN (n, done + 1000); i++)
        {
          g_autofree char *uuid = g_uuid_string_random ();

          g_string_append_printf (body, "%s{\"uuid\": \"%s\", \"kind\": \"event\", \"created_at\": "
                                  "\"2026-11-20T10:00:00+08:00\", \"data\": {\"type\": \"shipping\", \"serial\": \"%09u\"}}",
                                  i > done ? "," : "", uuid, i);
        }
      g_string_append (body, "]}");
      seconds += timed_request ("POST", url, token, body);
    }
  return seconds;
}

int
main (int    argc,
      char **argv)
{
  const char *env = g_getenv ("SUYUAN_BENCH_EVENTS");
  guint n = env ? (guint) atoi (env) : 5000;
  g_autofree char *dir = test_dir_new ();
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  g_autoptr(GString) doc = epcis_document (n);
  g_autofree char *capture_url = g_strconcat (server->url, "/api/v1/epcis/capture", NULL);
  g_autofree char *query_url = g_strdup_printf ("%s/api/v1/epcis/events?after=0&limit=%u", server->url, MIN (n + 100, 5000));
  g_autofree char *changes_url = g_strdup_printf ("%s/api/v1/changes?after=0&limit=%u", server->url, MIN (n + 100, 5000));
  g_autofree char *stored_url = g_strdup_printf ("%s/api/v1/epcis/events?source=capture&limit=%u", server->url,
                                                 MIN (n, 5000));
  g_autofree char *epc_url = g_strdup_printf ("%s/api/v1/epcis/events?epc=urn:epc:id:sgtin:6901234.056789.%09u",
                                              server->url, n / 2);
  double capture, upload, query, changes, stored, by_epc;

  g_test_init (&argc, &argv, NULL);
  upload = upload_records (server->url, server->token, n);
  capture = timed_request ("POST", capture_url, server->token, doc);
  /* The first query also brings the lookup mirror up to date: warm it. */
  timed_request ("GET", query_url, server->token, NULL);
  query = timed_request ("GET", query_url, server->token, NULL);
  changes = timed_request ("GET", changes_url, server->token, NULL);
  stored = timed_request ("GET", stored_url, server->token, NULL);
  by_epc = timed_request ("GET", epc_url, server->token, NULL);

  printf ("EPCIS capture of %u events:   %.3f s (%.0f events/s)\n", n, capture, n / capture);
  printf ("  anchor, record upload:      %.3f s (%.0f records/s)   capture / upload = %.2f\n",
          upload, n / upload, capture / upload);
  printf ("EPCIS query of up to %u events: %.3f s\n", MIN (n + 100, 5000), query);
  printf ("  anchor, change-feed pull:   %.3f s   query / pull = %.2f\n", changes, query / changes);
  printf ("Captured events as sent, up to %u: %.3f s   / pull = %.2f\n", MIN (n, 5000), stored, stored / changes);
  printf ("Events of one EPC (URN form of a Digital Link sent): %.4f s   / pull = %.4f\n", by_epc, by_epc / changes);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
