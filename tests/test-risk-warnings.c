/* test-risk-warnings.c — GET /api/v1/risk-warnings against a real
 * suyuan-server on loopback: the demo plus what goes wrong in a market (a
 * recalled drug sold, a failed batch and an expired one received, one box's
 * code sold at two pharmacies), each warned of with its evidence.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"

#include <string.h>

static const char extra_events[] =
  "{\"id\":\"R-SOLD\",\"type\":\"selling\",\"time\":\"2026-11-01T09:00:00+08:00\",\"product_id\":\"PR-AMOX\","
  " \"batch_id\":\"B-AMOX-250901\",\"serial\":\"000000001\",\"party_id\":\"P-SHOP\"},"
  "{\"id\":\"R-RECV\",\"type\":\"receiving\",\"time\":\"2026-11-05T09:00:00+08:00\",\"product_id\":\"PR-YOGURT\","
  " \"batch_id\":\"B-YOGURT-Y2609\",\"party_id\":\"P-SHOP2\"},"
  "{\"id\":\"R-OLD\",\"type\":\"receiving\",\"time\":\"2026-11-10T09:00:00+08:00\",\"product_id\":\"PR-MILK\","
  " \"batch_id\":\"B-MILK-A2501\",\"party_id\":\"P-MARKET\"},"
  "{\"id\":\"R-EARLY\",\"type\":\"receiving\",\"time\":\"2026-10-01T09:00:00+08:00\",\"product_id\":\"PR-YOGURT\","
  " \"batch_id\":\"B-YOGURT-Y2609\",\"party_id\":\"P-SHOP\"},"
  "{\"id\":\"R-CLONE-1\",\"type\":\"selling\",\"time\":\"2026-11-23T10:00:00+08:00\",\"product_id\":\"PR-IBU\","
  " \"batch_id\":\"B-IBU-261001\",\"serial\":\"000000102\",\"party_id\":\"P-SHOP\"},"
  "{\"id\":\"R-CLONE-2\",\"type\":\"selling\",\"time\":\"2026-11-23T11:00:00+08:00\",\"product_id\":\"PR-IBU\","
  " \"batch_id\":\"B-IBU-261001\",\"serial\":\"000000102\",\"party_id\":\"P-SHOP2\"}";

static JsonObject *
get_warnings (TestServer *server,
              const char *token,
              long       *status)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/risk-warnings", server->url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) reply = suyuan_http_request ("GET", url, token, NULL, status, NULL);

  if (reply == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             (gssize) g_bytes_get_size (reply), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static int
by_text (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* "kind:evidence" of every warning, sorted, for one comparison. */
static char *
summary (JsonObject *reply)
{
  JsonArray *warnings = json_object_get_array_member (reply, "warnings");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      JsonArray *evidence = json_object_get_array_member (w, "evidence");
      g_autoptr(GString) line = g_string_new (json_object_get_string_member (w, "kind"));

      for (guint k = 0; k < json_array_get_length (evidence); k++)
        g_string_append_printf (line, "%c%s", k ? ',' : ':', json_array_get_string_element (evidence, k));
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (lines, by_text);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (" ", (char **) lines->pdata);
}

/* The day counts add up to the warnings, oldest day first. */
static gint64
daily_total (JsonObject *reply)
{
  JsonArray *daily = json_object_get_array_member (reply, "daily");
  const char *previous = "";
  gint64 total = 0;

  for (guint i = 0; i < json_array_get_length (daily); i++)
    {
      JsonObject *day = json_array_get_object_element (daily, i);
      const char *date = json_object_get_string_member (day, "date");

      g_assert_cmpstr (previous, <, date);
      previous = date;
      total += json_object_get_int_member (day, "count");
    }
  return total;
}

static void
test_warnings (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "market.json", NULL);
  g_autofree char *demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) west = NULL;
  g_autofree char *all_text = NULL;
  g_autofree char *west_text = NULL;
  g_autofree char *inspector = NULL;
  g_autofree char *retailer = NULL;
  TestServer *server;
  char *events;
  long status;

  /* The demo's events, and ours after them. */
  g_assert_true (g_file_get_contents (g_getenv ("SUYUAN_DEMO_JSON"), &demo, NULL, &error));
  events = strstr (demo, "\"events\": [");
  g_assert_nonnull (events);
  events += strlen ("\"events\": [");
  {
    g_autofree char *head = g_strndup (demo, events - demo);
    g_autofree char *doc = g_strconcat (head, extra_events, ",", events, NULL);

    g_assert_true (g_file_set_contents (path, doc, -1, &error));
  }
  server = test_server_start (dir, path);
  inspector = test_server_token (dir, "inspector", "330106", NULL, "west");
  retailer = test_server_token (dir, "retailer", "330102", "P-SHOP", "shop");

  all = get_warnings (server, server->token, &status);
  g_assert_cmpint (status, ==, 200);
  all_text = summary (all);
  /* The yoghurt received before its failed sampling (R-EARLY) is no warning. */
  g_assert_cmpstr (all_text, ==, "cloned-code:R-CLONE-1,R-CLONE-2 received-expired:R-OLD "
                                 "received-flagged:R-RECV sold-flagged:R-SOLD");
  g_assert_cmpint (daily_total (all), ==, 4);

  /* 城西 (330106) sees the failed yoghurt its pharmacy took in and the code
   * sold there too; not 城东's recalled sale nor the market's milk. */
  west = get_warnings (server, inspector, &status);
  g_assert_cmpint (status, ==, 200);
  west_text = summary (west);
  g_assert_cmpstr (west_text, ==, "cloned-code:R-CLONE-1,R-CLONE-2 received-flagged:R-RECV");

  g_assert_null (get_warnings (server, retailer, &status));
  g_assert_cmpint (status, ==, 403);
  test_server_stop (server);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/risk-warnings/market", test_warnings);
  return g_test_run ();
}
