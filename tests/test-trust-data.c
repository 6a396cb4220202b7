/* test-trust-data.c — a hostile producer or retailer against a real
 * suyuan-server: no record may silence a regulator's notice, reach into
 * another party's data or make the change feed unservable (issue 14).
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Suyuan authors
 */
#include "test-support.h"
#include "http-client.h"
#include "sync-client.h"
#include "verdict.h"

#include <string.h>

typedef struct {
  char *dir;
  TestServer *server;
  char *dairy;       /* producer tokens */
  char *pharma2;
  char *shop;        /* retailer tokens */
  char *shop2;
} Fixture;

/* The yogurt lot the regulator found unqualified, and the recalled drug. */
#define Y2609 "https://id.example.com/01/06901234567922/10/Y2609"
#define AMOX "81234560000000011234"
#define IBU_SOLD "82345670000001011234"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_dir_new ();
  f->server = test_server_start (f->dir, g_getenv ("SUYUAN_DEMO_JSON"));
  f->dairy = test_server_token (f->dir, "producer", "130100", "P-DAIRY", "dairy-1");
  f->pharma2 = test_server_token (f->dir, "producer", "130100", "P-PHARMA2", "pharma2-1");
  f->shop = test_server_token (f->dir, "retailer", "330102", "P-SHOP", "shop-1");
  f->shop2 = test_server_token (f->dir, "retailer", "330106", "P-SHOP2", "shop2-1");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_stop (f->server);
  g_free (f->dairy);
  g_free (f->pharma2);
  g_free (f->shop);
  g_free (f->shop2);
  test_dir_free (f->dir);
}

static JsonNode *
parse (const char *text,
       gssize      len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* @method @path with @body as @token: the reply, its status in *status. */
static GBytes *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body,
      long       *status)
{
  g_autofree char *url = g_strconcat (f->server->url, path, NULL);
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;
  GBytes *reply;

  *status = 0;
  reply = suyuan_http_request (method, url, token, bytes, status, NULL);
  if (reply == NULL && *status == 0)
    g_error ("%s %s: no answer", method, path);
  return reply;
}

/* Uploads one record of @kind as @token: NULL when acknowledged, else why not. */
static char *
send_record (Fixture    *f,
             const char *token,
             const char *kind,
             const char *data)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"records\": [{\"uuid\": \"%s\", \"kind\": \"%s\", "
                                           "\"created_at\": \"2026-11-23T10:00:00+08:00\", \"data\": %s}]}",
                                           uuid, kind, data);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rejected;
  long status;

  reply = call (f, "POST", "/api/v1/records", token, body, &status);
  if (status != 200)
    return g_strdup_printf ("status %ld", status);
  root = parse (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply));
  rejected = json_object_get_array_member (json_node_get_object (root), "rejected");
  if (json_array_get_length (rejected) == 0)
    return NULL;
  return g_strdup (json_object_get_string_member (json_array_get_object_element (rejected, 0), "error"));
}

/* The server's own /lookup verdict level of @code. */
static char *
server_level (Fixture    *f,
              const char *code)
{
  g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/lookup?code=%s", escaped);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  long status;

  reply = call (f, "GET", path, f->server->token, NULL, &status);
  g_assert_cmpint (status, ==, 200);
  root = parse (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply));
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "level"));
}

/* A fresh terminal pulls everything and judges @code, as at a shop counter. */
static SuyuanVerdict *
terminal_verdict (Fixture    *f,
                  const char *code_text)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (code_text, -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  SuyuanVerdictSettings settings;

  g_assert_no_error (error);
  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  suyuan_verdict_settings_init (&settings);
  return suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);
}

/* STOP for @code at the server and at a terminal, with reason @reason there. */
static void
assert_stops (Fixture    *f,
              const char *code,
              const char *reason)
{
  g_autofree char *level = server_level (f, code);
  g_autoptr(SuyuanVerdict) verdict = terminal_verdict (f, code);

  g_assert_cmpstr (level, ==, "stop");
  g_assert_cmpint (verdict->level, ==, SUYUAN_LEVEL_STOP);
  g_assert_true (suyuan_verdict_has_reason (verdict, reason));
}

static void
assert_refused (char       *why,
                const char *says)
{
  if (why == NULL)
    g_error ("acknowledged; expected a refusal saying “%s”", says);
  if (strstr (why, says) == NULL)
    g_error ("refused with “%s”; expected “%s”", why, says);
  g_free (why);
}

/* (a) A registration with a new batch id and the flagged lot. */
static void
test_recall_new_batch_id (Fixture *f, gconstpointer data)
{
  assert_refused (send_record (f, f->dairy, "code-registration",
                               "{\"mode\": \"batch\", \"product_id\": \"PR-YOGURT\","
                               " \"batch_id\": \"B-YOGURT-Y2609-BIS\", \"lot\": \"Y2609\"}"),
                  "is already batch B-YOGURT-Y2609");
  assert_stops (f, Y2609, "unqualified");
}

/* (b) The flagged batch moved to another lot, then a new batch on the old one. */
static void
test_recall_renamed_lot (Fixture *f, gconstpointer data)
{
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-YOGURT-Y2609\","
                               " \"product_id\": \"PR-YOGURT\", \"lot\": \"Y2609-OLD\"}]}"),
                  "a batch keeps its product and lot");
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-YOGURT-Y2609\","
                               " \"product_id\": \"PR-MILK\", \"lot\": \"Y2609\"}]}"),
                  "a batch keeps its product and lot");
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-Y-NEW\","
                               " \"product_id\": \"PR-YOGURT\", \"lot\": \"Y2609\"}]}"),
                  "is already batch B-YOGURT-Y2609");
  /* Nor by moving the product's GTIN to a fresh product. */
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-YOGURT\", \"name\": \"原味酸奶\","
                               " \"gtin\": \"06901234567977\", \"producer_id\": \"P-DAIRY\"}]}"),
                  "gtin is fixed once set");
  assert_stops (f, Y2609, "unqualified");
}

/* (c) A decoy product with the same lot hid the flagged batch from the lot check. */
static void
test_recall_decoy_product (Fixture *f, gconstpointer data)
{
  g_assert_null (send_record (f, f->dairy, "event",
                              "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-DECOY\", \"name\": \"酸奶\","
                              " \"producer_id\": \"P-DAIRY\"}], \"batches\": [{\"id\": \"B-DECOY\","
                              " \"product_id\": \"PR-DECOY\", \"lot\": \"Y2609\"}]}"));
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"batches\": [{\"id\": \"B-Y-AGAIN\","
                               " \"product_id\": \"PR-YOGURT\", \"lot\": \"Y2609\"}]}"),
                  "is already batch B-YOGURT-Y2609");
  assert_refused (send_record (f, f->dairy, "code-registration",
                               "{\"mode\": \"batch\", \"product_id\": \"PR-YOGURT\","
                               " \"batch_id\": \"B-Y-AGAIN\", \"lot\": \"Y2609\"}"),
                  "is already batch B-YOGURT-Y2609");
  assert_stops (f, Y2609, "unqualified");
}

/* Terminals do not rely on the server: a feed that does hold a second batch
 * for the flagged lot (written before these rules), or the flagged batch
 * moved to another lot, is stepped past, at terminals and in /lookup. */
static void
test_recall_terminal_guard (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "guard.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);

  test_server_db_exec (f->dir, "INSERT INTO changes (type, data) VALUES ('batch', '{\"id\":\"B-Y-EVIL\","
                               "\"product_id\":\"PR-YOGURT\",\"lot\":\"Y2609\",\"status\":\"normal\"}');"
                               "INSERT INTO changes (type, data) VALUES ('batch', '{\"id\":\"B-YOGURT-Y2609\","
                               "\"product_id\":\"PR-YOGURT\",\"lot\":\"Y2609-MOVED\",\"status\":\"unqualified\"}')");
  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_store_get_skipped (store, NULL, NULL), ==, 2);
  assert_stops (f, Y2609, "unqualified");
}

/* A product taking the recalled amoxicillin's drug id. */
static void
test_cross_drug_id (Fixture *f, gconstpointer data)
{
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-FAKE-AMOX\","
                               " \"name\": \"阿莫西林胶囊\", \"drug_id\": \"8123456\", \"producer_id\": \"P-DAIRY\"}]}"),
                  "drug id 8123456 belongs to another product");
  assert_stops (f, AMOX, "recalled");
}

/* Registrations naming another producer's batch, or units already made. */
static void
test_cross_registrations (Fixture *f, gconstpointer data)
{
  g_autoptr(SuyuanVerdict) verdict = NULL;

  assert_refused (send_record (f, f->dairy, "code-registration",
                               "{\"mode\": \"item\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-AMOX-250901\","
                               " \"serial_first\": \"1\", \"serial_last\": \"3\"}"),
                  "the batch is of another product");
  assert_refused (send_record (f, f->dairy, "code-registration",
                               "{\"mode\": \"batch\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-YOGURT-Y2609\"}"),
                  "the batch is of another product");
  /* Registering the sold ibuprofen again would make it new. */
  assert_refused (send_record (f, f->pharma2, "code-registration",
                               "{\"mode\": \"item\", \"product_id\": \"PR-IBU\", \"batch_id\": \"B-IBU-261001\","
                               " \"serial_first\": \"000000100\", \"serial_last\": \"000000102\"}"),
                  "registered already");
  g_assert_null (send_record (f, f->pharma2, "code-registration",
                              "{\"mode\": \"item\", \"product_id\": \"PR-IBU\", \"batch_id\": \"B-IBU-261001\","
                              " \"serial_first\": \"000000200\", \"serial_last\": \"000000202\"}"));
  verdict = terminal_verdict (f, IBU_SOLD);
  g_assert_true (suyuan_verdict_has_reason (verdict, "already-sold"));
}

#define SELL(serial) \
  "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"type\": \"ObjectEvent\"," \
  " \"eventTime\": \"2026-11-23T09:00:00+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"retail_selling\"," \
  " \"epcList\": [\"urn:x-suyuan:product:PR-IBU:serial:" serial "\"]}]}}"

/* A shop sells only what it holds: not the unit another shop received. */
static void
test_retailer_holds (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) reply = NULL;
  gint64 last = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  long status;

  /* 000000102 was received by P-SHOP; P-SHOP2 holds 000000103. */
  reply = call (f, "POST", "/api/v1/epcis/capture", f->shop2, SELL ("000000102"), &status);
  g_assert_cmpint (status, ==, 403);
  g_clear_pointer (&reply, g_bytes_unref);
  /* 000000104 is on its way to P-SHOP, not to P-SHOP2. */
  reply = call (f, "POST", "/api/v1/epcis/capture", f->shop2, SELL ("000000104"), &status);
  g_assert_cmpint (status, ==, 403);
  g_clear_pointer (&reply, g_bytes_unref);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, last);
  /* Nor dated ahead, which would freeze the unit's state (later sales never count). */
  {
    g_autofree char *ahead = g_strdup (SELL ("000000102"));

    memcpy (strstr (ahead, "2026-11-23"), "2099", 4);
    reply = call (f, "POST", "/api/v1/epcis/capture", f->shop, ahead, &status);
    g_assert_cmpint (status, ==, 400);
    g_clear_pointer (&reply, g_bytes_unref);
  }
  reply = call (f, "POST", "/api/v1/epcis/capture", f->shop, SELL ("000000102"), &status);
  g_assert_cmpint (status, ==, 200);
  g_clear_pointer (&reply, g_bytes_unref);
  reply = call (f, "POST", "/api/v1/epcis/capture", f->shop2, SELL ("000000103"), &status);
  g_assert_cmpint (status, ==, 200);
  g_clear_pointer (&reply, g_bytes_unref);
  /* Its producer cannot make the sold unit new again by an event at its own place. */
  reply = call (f, "POST", "/api/v1/epcis/capture", f->pharma2, SELL ("000000101"), &status);
  g_assert_cmpint (status, ==, 403);
}

#define QUANTITY(q) \
  "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"type\": \"ObjectEvent\"," \
  " \"eventTime\": \"2026-11-23T09:00:00+08:00\", \"action\": \"OBSERVE\", \"bizStep\": \"receiving\"," \
  " \"quantityList\": [{\"epcClass\": \"https://id.gs1.org/01/06901234567922/10/Y2611\", \"quantity\": " q "}]}]}}"

/* Numbers that were stored as inf or wrapped, and NUL characters. */
static void
test_feed_numbers (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = { "1e400", "-1e400", "9223372036854775808", "-5", "0" };
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  gint64 last = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  long status;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *body = g_strdup_printf (QUANTITY ("%s"), bad[i]);

      reply = call (f, "POST", "/api/v1/epcis/capture", f->shop, body, &status);
      if (status != 400)
        g_error ("quantity %s: status %ld", bad[i], status);
      g_clear_pointer (&reply, g_bytes_unref);
    }
  reply = call (f, "POST", "/api/v1/epcis/capture", f->shop, QUANTITY ("12"), &status);
  g_assert_cmpint (status, ==, 200);
  g_clear_pointer (&reply, g_bytes_unref);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, last + 1);

  /* A record holding 1e400 is refused, not acknowledged and dropped. */
  assert_refused (send_record (f, f->shop, "event", "{\"type\": \"note\", \"quantity\": 1e400}"), "not finite");
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-MILK\", \"name\": \"全脂纯牛奶\","
                               " \"gtin\": \"06901234567892\", \"producer_id\": \"P-DAIRY\","
                               " \"shelf_life_days\": 9223372036854775808}]}"),
                  "out of range");
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-MILK\", \"name\": \"全脂纯牛奶\","
                               " \"gtin\": \"06901234567892\", \"producer_id\": \"P-DAIRY\", \"shelf_life_days\": -3}]}"),
                  "shelf_life_days must be");
  assert_refused (send_record (f, f->dairy, "event",
                               "{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-MILK\", \"name\": \"全脂\\u0000纯牛奶\","
                               " \"gtin\": \"06901234567892\", \"producer_id\": \"P-DAIRY\"}]}"),
                  "status 400");
  reply = call (f, "GET", "/api/v1/epcis/events", f->server->token, NULL, &status);
  g_assert_cmpint (status, ==, 200);
  verdict = terminal_verdict (f, Y2609);
  g_assert_cmpint (verdict->level, ==, SUYUAN_LEVEL_STOP);
}

/* 180 products of 8 KB of U+0001 (6 bytes each as JSON) once made a page
 * over a terminal's 64 MiB: objects are bounded, pages sized by bytes. */
static void
test_feed_sizes (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new ("{\"type\": \"master-data\", \"products\": [");
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  gint64 before = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  g_autofree char *path = NULL;
  char *why;
  long status;

  for (int i = 0; i < 8192; i++)
    g_string_append (name, "\\u0001");
  why = g_strdup_printf ("{\"type\": \"master-data\", \"products\": [{\"id\": \"PR-BIG\", \"name\": \"%s\","
                         " \"producer_id\": \"P-DAIRY\"}]}", name->str);
  assert_refused (send_record (f, f->dairy, "event", why), "bytes as JSON, more than");
  g_free (why);

  /* Within every bound one by one, 2.9 MB together: two pages. */
  for (int i = 0; i < 1200; i++)
    g_string_append (spec, "\\u0001");
  for (int i = 0; i < 200; i++)
    g_string_append_printf (many, "%s{\"id\": \"PR-W%d\", \"name\": \"x\", \"spec\": \"%s\", \"storage\": \"%s\","
                            " \"producer_id\": \"P-DAIRY\"}", i ? "," : "", i, spec->str, spec->str);
  g_string_append (many, "]}");
  g_assert_null (send_record (f, f->dairy, "event", many->str));
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, before + 200);
  path = g_strdup_printf ("/api/v1/changes?after=%" G_GINT64_FORMAT "&limit=5000", before);
  reply = call (f, "GET", path, f->server->token, NULL, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply), <=, 2 * 1024 * 1024 + 32 * 1024);
  page = parse (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (page), "changes")), <, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (page), "more"));
  verdict = terminal_verdict (f, Y2609);
  g_assert_cmpint (verdict->level, ==, SUYUAN_LEVEL_STOP);
}

/* A feed poisoned before these rules (or by a damaged server): the pull
 * steps past what it cannot read or apply, says so, and still gets the
 * recall that follows. */
static void
test_sync_steps_past (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "terminal.db", NULL);
  g_autofree char *why = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanStore) store = suyuan_store_open (path, &error);
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("6901234567908", -1);
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  SuyuanVerdictSettings settings;
  guint64 applied = 0;
  gint64 last = 0;

  g_assert_no_error (error);
  for (int i = 0; i < 9000; i++)
    g_string_append_c (long_text, 'x');
  /* PostgreSQL's indexes never took inf (data::json): only SQLite feeds hold it. */
  if (!test_server_uses_pg ())
    test_server_db_exec (f->dir, "INSERT INTO changes (type, data) VALUES ('event', '{\"id\":\"E-INF\","
                                 "\"type\":\"receiving\",\"time\":\"2026-11-23T09:00:00Z\",\"data\":{\"quantity\":inf}}')");
  g_string_append_printf (sql, "INSERT INTO changes (type, data) VALUES"
                          " ('product', '{\"id\":\"PR-LONG\",\"name\":\"%s\"}');"
                          "INSERT INTO changes (type, data) VALUES"
                          " ('alert', '{\"id\":\"A-WATER\",\"kind\":\"recall\",\"scope\":\"product\","
                          "\"target_id\":\"PR-WATER\",\"title\":\"召回\",\"issued_at\":\"2026-11-23\"}')",
                          long_text->str);
  test_server_db_exec (f->dir, sql->str);

  g_assert_true (suyuan_sync_pull (store, f->server->url, f->server->token, NULL, NULL, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (suyuan_store_get_skipped (store, &last, &why), ==, test_server_uses_pg () ? 1 : 2);
  g_assert_cmpint (last, ==, test_server_db_int (f->dir, "SELECT max(seq) FROM changes") - 1);
  g_assert_nonnull (strstr (why, "too long"));
  g_assert_cmpint (suyuan_store_get_cursor (store), ==, test_server_db_int (f->dir, "SELECT max(seq) FROM changes"));
  lookup = suyuan_store_lookup (store, code, &error);
  g_assert_no_error (error);
  suyuan_verdict_settings_init (&settings);
  verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);
  g_assert_cmpint (verdict->level, ==, SUYUAN_LEVEL_STOP);

  /* suyuanctl sync says so, on another terminal. */
  {
    g_autofree char *other = g_build_filename (f->dir, "cli.db", NULL);
    g_autofree char *server_arg = g_strconcat ("--server=", f->server->url, NULL);
    const char *argv[] = { g_getenv ("SUYUAN_CTL"), "sync", "--store", other, server_arg, NULL };
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "SUYUAN_TOKEN", f->server->token, TRUE);
    g_autofree char *out = NULL;
    int status;

    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, test_server_uses_pg () ? "Skipped 1 change" : "Skipped 2 changes"));
  }
}

typedef struct {
  Fixture *f;
  const char *body;
  long status;
  gint64 took;        /* µs */
  gint done;
} Upload;

static gpointer
upload_thread (gpointer data)
{
  Upload *u = data;
  g_autoptr(GBytes) reply = NULL;
  gint64 start = g_get_monotonic_time ();

  reply = call (u->f, "POST", "/api/v1/records", u->f->dairy, u->body, &u->status);
  u->took = g_get_monotonic_time () - start;
  g_atomic_int_set (&u->done, 1);
  return NULL;
}

static int
cmp_gint64 (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* 20 registrations of 100,000 units in one 6 KB request appended 2,000,000
 * units and held /health 15 s. Budgets per request and per token refuse
 * the rest; the largest registration allowed leaves /health answering. */
static void
test_flood_budgets (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) flood = g_string_new ("{\"records\": [");
  g_autofree char *one = NULL;
  g_autoptr(GArray) health = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  Upload upload = { f };
  GThread *thread;
  gint64 before = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
  gint64 median, worst;
  long status;

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_string_append_printf (flood, "%s{\"uuid\": \"%s\", \"kind\": \"code-registration\","
                              " \"created_at\": \"2026-11-23T10:00:00+08:00\", \"data\": {\"mode\": \"item\","
                              " \"product_id\": \"PR-MILK\", \"batch_id\": \"B-MILK-F%d\", \"lot\": \"F%d\","
                              " \"serial_first\": \"%d00000\", \"serial_last\": \"%d99999\"}}",
                              i ? "," : "", uuid, i, i, i + 10, i + 10);
    }
  g_string_append (flood, "]}");
  reply = call (f, "POST", "/api/v1/records", f->dairy, flood->str, &status);
  g_assert_cmpint (status, ==, 200);
  root = parse (g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply));
  /* The request's budget takes one registration of 100,000; the others wait for another request. */
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "acknowledged")), ==, 1);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "rejected")), ==, 19);
  g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), <=, before + 100003);

  /* The largest registration allowed, and /health asked all the while. */
  one = g_strdup_printf ("{\"records\": [{\"uuid\": \"%s\", \"kind\": \"code-registration\","
                         " \"created_at\": \"2026-11-23T10:00:00+08:00\", \"data\": {\"mode\": \"item\","
                         " \"product_id\": \"PR-MILK\", \"batch_id\": \"B-MILK-G\", \"lot\": \"G\","
                         " \"serial_first\": \"500000\", \"serial_last\": \"599999\"}}]}",
                         g_uuid_string_random ());
  upload.body = one;
  thread = g_thread_new ("upload", upload_thread, &upload);
  while (!g_atomic_int_get (&upload.done))
    {
      g_autoptr(GBytes) ok = NULL;
      gint64 start = g_get_monotonic_time (), took;

      ok = call (f, "GET", "/api/v1/health", NULL, NULL, &status);
      took = g_get_monotonic_time () - start;
      g_assert_cmpint (status, ==, 200);
      g_array_append_val (health, took);
      g_usleep (10000);
    }
  g_thread_join (thread);
  g_assert_cmpint (upload.status, ==, 200);
  g_array_sort (health, cmp_gint64);
  median = g_array_index (health, gint64, health->len / 2);
  worst = g_array_index (health, gint64, health->len - 1);
  g_test_message ("registration of 100,000 units: %.0f ms; /health meanwhile: %u asked, median %.1f ms, worst %.1f ms",
                  upload.took / 1000.0, health->len, median / 1000.0, worst / 1000.0);
  g_assert_cmpint (health->len, >=, 3);
  g_assert_cmpint (median, <, 100000);
  /* A generous bound: the machine is shared; the registration itself takes far longer. */
  g_assert_cmpint (worst, <, MAX (upload.took / 4, 100000));
  /* Stored and in the lookup mirror once acknowledged: the writer applied it there. */
  {
    g_autofree char *level = server_level (f, "0106901234567892" "21" "550000");

    g_assert_cmpstr (level, ==, "ok");
  }

  /* A capture is checked on the request thread: a producer's is bounded
   * (10,000 items, the most that leaves others waiting about a second). */
  {
    g_autoptr(GString) doc = g_string_new ("{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [");
    g_autoptr(GBytes) refused = NULL;

    for (int e = 0; e < 11; e++)
      {
        g_string_append_printf (doc, "%s{\"type\": \"ObjectEvent\", \"eventTime\": \"2026-11-21T09:00:00+08:00\","
                                " \"action\": \"ADD\", \"epcList\": [", e ? "," : "");
        for (int i = 0; i < 1000; i++)
          g_string_append_printf (doc, "%s\"https://id.gs1.org/01/06901234567892/21/C%d\"", i ? "," : "", e * 1000 + i);
        g_string_append (doc, "]}");
      }
    g_string_append (doc, "]}}");
    before = test_server_db_int (f->dir, "SELECT max(seq) FROM changes");
    refused = call (f, "POST", "/api/v1/epcis/capture", f->dairy, doc->str, &status);
    g_assert_cmpint (status, ==, 400);
    g_assert_cmpint (test_server_db_int (f->dir, "SELECT max(seq) FROM changes"), ==, before);
  }

  /* And a token's budget for the day, here lowered to 150,000 units. */
  test_server_stop (f->server);
  g_setenv ("SUYUAN_SERVER_TOKEN_UNITS_PER_DAY", "150000", TRUE);
  f->server = test_server_start (f->dir, NULL);
  g_unsetenv ("SUYUAN_SERVER_TOKEN_UNITS_PER_DAY");
  g_assert_null (send_record (f, f->dairy, "code-registration",
                              "{\"mode\": \"item\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-MILK-H\","
                              " \"lot\": \"H\", \"serial_first\": \"700000\", \"serial_last\": \"799999\"}"));
  assert_refused (send_record (f, f->dairy, "code-registration",
                               "{\"mode\": \"item\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-MILK-H\","
                               " \"serial_first\": \"800000\", \"serial_last\": \"899999\"}"),
                  "budget: this token has registered all");
  g_assert_null (send_record (f, f->dairy, "code-registration",
                              "{\"mode\": \"item\", \"product_id\": \"PR-MILK\", \"batch_id\": \"B-MILK-H\","
                              " \"serial_first\": \"900000\", \"serial_last\": \"909999\"}"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  suyuan_http_set_retry (1, 0);
#define ADD(path, func) \
  g_test_add ("/trust-data/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("recall/new-batch-id", test_recall_new_batch_id);
  ADD ("recall/renamed-lot", test_recall_renamed_lot);
  ADD ("recall/decoy-product", test_recall_decoy_product);
  ADD ("recall/terminal-guard", test_recall_terminal_guard);
  ADD ("cross/drug-id", test_cross_drug_id);
  ADD ("cross/registrations", test_cross_registrations);
  ADD ("retailer/holds", test_retailer_holds);
  ADD ("feed/numbers", test_feed_numbers);
  ADD ("feed/sizes", test_feed_sizes);
  ADD ("sync/steps-past", test_sync_steps_past);
  ADD ("flood/budgets", test_flood_budgets);
  return g_test_run ();
}
