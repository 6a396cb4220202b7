/* bench-epcis-rest.c — the EPCIS 2.0 REST binding at scale on a real
 * suyuan-server over loopback: N events (SUYUAN_BENCH_EVENTS, default
 * 1,000,000) captured through POST /capture jobs of 10,000 events, then the
 * latency of GET /events for one EPC (MATCH_epc) and for an hour of
 * eventTime (GE_/LT_eventTime). Anchors from the same run: a bare prepared
 * INSERT of the same rows into the same tables and indexes (the server's
 * own EPCIS schema) in one transaction, the same two lookups as bare SQL on
 * them, and GET /api/v1/health for the HTTP round trip. Under
 * tests/with-postgres.sh (benchmark epcis-capture-pg) on PostgreSQL: the
 * anchor tables are in a schema of their own in the server's database; on
 * SQLite in a file beside it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "server-store-epcis-schema.h"

#include <libpq-fe.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PER_DOCUMENT 10000
#define QUERIES 200
#define GTIN "06901234567892"

static SoupSession *session;

static guint
get (const char *url,
     const char *token,
     GBytes    **body)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) bytes = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  bytes = soup_session_send_and_read (session, msg, NULL, NULL);
  if (body != NULL)
    *body = g_steal_pointer (&bytes);
  return soup_message_get_status (msg);
}

/* Event @i: one unit shipped or received, eventTimes ten seconds apart (10⁶
 * of them end before the server's "more than a day ahead" limit). */
static char *
event_time (guint i)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) t = g_date_time_add_seconds (base, i * 10.0);

  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%S.000Z");
}

static char *
epc (guint i)
{
  return g_strdup_printf ("https://id.gs1.org/01/" GTIN "/21/B%09u", i);
}

static void
append_event (GString *doc,
              guint    i)
{
  g_autofree char *time = event_time (i);
  g_autofree char *code = epc (i);

  g_string_append_printf (doc, "{\"type\": \"ObjectEvent\", \"eventTime\": \"%s\", \"eventTimeZoneOffset\": \"+00:00\","
                          " \"action\": \"OBSERVE\", \"bizStep\": \"%s\", \"epcList\": [\"%s\"],"
                          " \"readPoint\": {\"id\": \"urn:epc:id:sgln:6901234.00001.0\"}}",
                          time, i % 2 ? "receiving" : "shipping", code);
}

/* POST /capture of events @first … @first + @n, then the job polled until
 * it ended; seconds from the POST to the end. */
static double
capture (const char *base,
         const char *token,
         guint       first,
         guint       n)
{
  g_autoptr(GString) doc = g_string_new ("{\"@context\": [\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"],"
                                         " \"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\","
                                         " \"creationDate\": \"2026-01-01T00:00:00Z\", \"epcisBody\": {\"eventList\": [");
  g_autofree char *url = g_strconcat (base, "/capture", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *job_url = NULL;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (doc, ',');
      append_event (doc, first + i);
    }
  g_string_append (doc, "]}}");
  request = g_bytes_new (doc->str, doc->len);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/ld+json", request);
  start = g_get_monotonic_time ();
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 202);
  job_url = g_strconcat (base, soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"), NULL);
  for (;;)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) job = NULL;

      g_assert_cmpuint (get (job_url, token, &body), ==, 200);
      job = json_from_string (g_bytes_get_data (body, NULL), NULL);
      if (!json_object_get_boolean_member (json_node_get_object (job), "running"))
        {
          if (!json_object_get_boolean_member (json_node_get_object (job), "success"))
            g_error ("capture failed: %s", (char *) g_bytes_get_data (body, NULL));
          break;
        }
      g_usleep (10000);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* p50 and p99 of @ms, in place. */
static void
percentiles (GArray *ms,
             double *p50,
             double *p99)
{
  g_array_sort (ms, compare_double);
  *p50 = g_array_index (ms, double, ms->len / 2);
  *p99 = g_array_index (ms, double, MIN (ms->len - 1, ms->len * 99 / 100));
}

/* The @q-th URL's query string of each kind: one EPC, or ten minutes of
 * events (60). */
static char *
query_of (gboolean by_time,
          guint    q,
          guint    n)
{
  guint i = (guint) ((guint64) q * 7919 % n);

  if (!by_time)
    {
      g_autofree char *code = epc (i);
      g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);

      return g_strconcat ("MATCH_epc=", escaped, NULL);
    }
  {
    g_autofree char *from = event_time (i);
    g_autofree char *to = event_time (i + 60);

    return g_strdup_printf ("GE_eventTime=%s&LT_eventTime=%s&perPage=100", from, to);
  }
}

static void
http_latency (const char *base,
              const char *token,
              gboolean    by_time,
              guint       n,
              double     *p50,
              double     *p99)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint q = 0; q < QUERIES; q++)
    {
      g_autofree char *query = query_of (by_time, q, n);
      g_autofree char *url = g_strconcat (base, "/events?", query, NULL);
      g_autoptr(GBytes) body = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      g_assert_cmpuint (get (url, token, &body), ==, 200);
      elapsed = (g_get_monotonic_time () - start) / 1e3;
      /* Every query finds its events. */
      g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "ObjectEvent"));
      g_array_append_val (ms, elapsed);
    }
  percentiles (ms, p50, p99);
}

static void
health_latency (const char *base,
                double     *p50,
                double     *p99)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *url = g_strconcat (base, "/api/v1/health", NULL);

  for (guint q = 0; q < QUERIES; q++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      g_assert_cmpuint (get (url, "none", NULL), ==, 200);
      elapsed = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (ms, elapsed);
    }
  percentiles (ms, p50, p99);
}

/* The anchor's database: a SQLite file beside the server's, or a schema of
 * its own in the server's PostgreSQL database. */
typedef struct {
  sqlite3 *db;
  PGconn *pg;
} Anchor;

static void
anchor_exec (Anchor     *a,
             const char *sql)
{
  if (a->db != NULL)
    {
      g_assert_cmpint (sqlite3_exec (a->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      return;
    }
  {
    PGresult *res = PQexec (a->pg, sql);

    if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
      g_error ("%s: %s", sql, PQerrorMessage (a->pg));
    PQclear (res);
  }
}

static Anchor *
anchor_open (const char *dir)
{
  Anchor *a = g_new0 (Anchor, 1);

  if (test_server_uses_pg ())
    {
      g_autofree char *db_arg = test_server_db_arg (dir);

      a->pg = PQconnectdb (db_arg + strlen ("--db="));
      g_assert_cmpint (PQstatus (a->pg), ==, CONNECTION_OK);
      anchor_exec (a, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS bench_anchor CASCADE;"
                      " CREATE SCHEMA bench_anchor; SET search_path TO bench_anchor");
      anchor_exec (a, SERVER_STORE_EPCIS_SCHEMA ("bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", ""));
      return a;
    }
  {
    g_autofree char *path = g_build_filename (dir, "anchor.db", NULL);

    g_assert_cmpint (sqlite3_open (path, &a->db), ==, SQLITE_OK);
    anchor_exec (a, "PRAGMA journal_mode = WAL");
    anchor_exec (a, SERVER_STORE_EPCIS_SCHEMA ("INTEGER PRIMARY KEY AUTOINCREMENT", "IF NOT EXISTS "));
  }
  return a;
}

static void
anchor_close (Anchor *a)
{
  if (a->db != NULL)
    sqlite3_close (a->db);
  if (a->pg != NULL)
    PQfinish (a->pg);
  g_free (a);
}

#define INSERT_EVENT "INSERT INTO epcis_events (event_id, id_added, type, event_time, time_offset, record_time," \
                     " biz_step, disposition, read_point, biz_location, context, event)" \
                     " VALUES ($1, 1, 'ObjectEvent', $2, '+00:00', $3, $4, NULL, $5, NULL, $6, $7) RETURNING seq"
#define INSERT_NAME "INSERT INTO epcis_event_names (event_seq, role, name) VALUES ($1, 1, $2)"

/* One event row and its name row; the event's seq. */
static gint64
anchor_insert (Anchor            *a,
               sqlite3_stmt      *events,
               sqlite3_stmt      *names,
               const char *const *values)
{
  gint64 seq;

  if (a->db != NULL)
    {
      sqlite3_reset (events);
      for (int p = 0; p < 7; p++)
        sqlite3_bind_text (events, p + 1, values[p], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (events), ==, SQLITE_ROW);
      seq = sqlite3_column_int64 (events, 0);
      /* Done with it, or COMMIT finds a statement still running. */
      sqlite3_reset (events);
      sqlite3_reset (names);
      sqlite3_bind_int64 (names, 1, seq);
      sqlite3_bind_text (names, 2, values[7], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (names), ==, SQLITE_DONE);
      return seq;
    }
  {
    PGresult *res = PQexecPrepared (a->pg, "event", 7, values, NULL, NULL, 0);
    g_autofree char *seq_text = NULL;
    const char *name_values[2];

    g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
    seq_text = g_strdup (PQgetvalue (res, 0, 0));
    PQclear (res);
    name_values[0] = seq_text;
    name_values[1] = values[7];
    res = PQexecPrepared (a->pg, "name", 2, name_values, NULL, NULL, 0);
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
    PQclear (res);
    return g_ascii_strtoll (seq_text, NULL, 10);
  }
}

/* The anchor: the same @n events as rows, one transaction; seconds. */
static double
bare_insert (Anchor *a,
             guint   n)
{
  sqlite3_stmt *events = NULL, *names = NULL;
  gint64 start;

  if (a->db != NULL)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (a->db, INSERT_EVENT, -1, &events, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (a->db, INSERT_NAME, -1, &names, NULL), ==, SQLITE_OK);
    }
  else
    {
      PQclear (PQprepare (a->pg, "event", INSERT_EVENT, 7, NULL));
      PQclear (PQprepare (a->pg, "name", INSERT_NAME, 2, NULL));
    }
  start = g_get_monotonic_time ();
  anchor_exec (a, a->db ? "BEGIN IMMEDIATE" : "BEGIN");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("urn:uuid:bench-%u", i);
      g_autofree char *time = event_time (i);
      g_autofree char *utc = g_strdup_printf ("%.19s.000000Z", time);
      g_autofree char *code = epc (i);
      g_autoptr(GString) event = g_string_new (NULL);
      const char *values[8];

      append_event (event, i);
      values[0] = id;
      values[1] = utc;
      values[2] = utc;
      values[3] = i % 2 ? "receiving" : "shipping";
      values[4] = "urn:epc:id:sgln:6901234.00001.0";
      values[5] = "[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"]";
      values[6] = event->str;
      values[7] = code;
      anchor_insert (a, events, names, values);
    }
  anchor_exec (a, "COMMIT");
  sqlite3_finalize (events);
  sqlite3_finalize (names);
  return (g_get_monotonic_time () - start) / 1e6;
}

#define SELECT_EPC "SELECT e.event FROM epcis_events e JOIN epcis_event_names n ON n.event_seq = e.seq" \
                   " WHERE n.name = $1 ORDER BY e.seq LIMIT 100"
#define SELECT_TIME "SELECT event FROM epcis_events WHERE event_time >= $1 AND event_time < $2" \
                    " ORDER BY event_time, seq LIMIT 100"

/* The same lookups as bare SQL on the anchor's tables. */
static void
bare_latency (Anchor  *a,
              gboolean by_time,
              guint    n,
              double  *p50,
              double  *p99)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt = NULL;

  if (a->db != NULL)
    g_assert_cmpint (sqlite3_prepare_v2 (a->db, by_time ? SELECT_TIME : SELECT_EPC, -1, &stmt, NULL), ==, SQLITE_OK);
  else
    PQclear (PQprepare (a->pg, by_time ? "time" : "epc", by_time ? SELECT_TIME : SELECT_EPC, by_time ? 2 : 1, NULL));
  for (guint q = 0; q < QUERIES; q++)
    {
      guint i = (guint) ((guint64) q * 7919 % n);
      g_autofree char *code = epc (i);
      g_autofree char *from = event_time (i);
      g_autofree char *to = event_time (i + 60);
      g_autofree char *from_utc = g_strdup_printf ("%.19s.000000Z", from);
      g_autofree char *to_utc = g_strdup_printf ("%.19s.000000Z", to);
      const char *values[2] = { by_time ? from_utc : code, to_utc };
      gint64 start = g_get_monotonic_time ();
      guint rows = 0;
      double elapsed;

      if (stmt != NULL)
        {
          sqlite3_reset (stmt);
          for (int p = 0; p < (by_time ? 2 : 1); p++)
            sqlite3_bind_text (stmt, p + 1, values[p], -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            rows += sqlite3_column_bytes (stmt, 0) > 0;
        }
      else
        {
          PGresult *res = PQexecPrepared (a->pg, by_time ? "time" : "epc", by_time ? 2 : 1, values, NULL, NULL, 0);

          rows = (guint) PQntuples (res);
          PQclear (res);
        }
      elapsed = (g_get_monotonic_time () - start) / 1e3;
      g_assert_cmpuint (rows, >, 0);
      g_array_append_val (ms, elapsed);
    }
  sqlite3_finalize (stmt);
  percentiles (ms, p50, p99);
}

int
main (int    argc,
      char **argv)
{
  const char *env = g_getenv ("SUYUAN_BENCH_EVENTS");
  guint n = env ? (guint) atoi (env) : 1000000;
  g_autofree char *dir = test_dir_new ();
  TestServer *server = test_server_start (dir, g_getenv ("SUYUAN_DEMO_JSON"));
  double captured = 0, bare, p50[6], p99[6];
  Anchor *anchor;

  g_test_init (&argc, &argv, NULL);
  session = soup_session_new_with_options ("timeout", 600, NULL);
  for (guint first = 0; first < n; first += PER_DOCUMENT)
    {
      captured += capture (server->url, server->token, first, MIN (PER_DOCUMENT, n - first));
      if ((first / PER_DOCUMENT) % 10 == 9)
        printf ("  … %u events captured, %.0f events/s so far\n", first + PER_DOCUMENT, (first + PER_DOCUMENT) / captured);
    }
  http_latency (server->url, server->token, FALSE, n, &p50[0], &p99[0]);
  http_latency (server->url, server->token, TRUE, n, &p50[1], &p99[1]);
  health_latency (server->url, &p50[2], &p99[2]);
  anchor = anchor_open (dir);
  bare = bare_insert (anchor, n);
  bare_latency (anchor, FALSE, n, &p50[3], &p99[3]);
  bare_latency (anchor, TRUE, n, &p50[4], &p99[4]);
  anchor_close (anchor);

  printf ("EPCIS REST capture of %u events (%s), jobs of %u:\n", n, test_server_uses_pg () ? "PostgreSQL" : "SQLite",
          PER_DOCUMENT);
  printf ("  POST /capture → job done:   %8.1f s  %8.0f events/s\n", captured, n / captured);
  printf ("  anchor, bare INSERT:        %8.1f s  %8.0f events/s   capture / bare = %.1f×\n", bare, n / bare,
          captured / bare);
  printf ("GET /events at %u events (%u queries each), ms:       p50      p99\n", n, QUERIES);
  printf ("  MATCH_epc (one unit)                         %8.2f %8.2f\n", p50[0], p99[0]);
  printf ("    anchor, bare SQL                           %8.2f %8.2f\n", p50[3], p99[3]);
  printf ("  GE_/LT_eventTime (10 minutes, 60 events)     %8.2f %8.2f\n", p50[1], p99[1]);
  printf ("    anchor, bare SQL                           %8.2f %8.2f\n", p50[4], p99[4]);
  printf ("  anchor, GET /api/v1/health (HTTP round trip) %8.2f %8.2f\n", p50[2], p99[2]);
  g_object_unref (session);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
  return 0;
}
