/* test-cli.c — suyuanctl's machine-readable contract, run as a real process.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-support.h"
#include "http-client.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static char *
run_ctl (const char *const *args,
         const char         *input,
         int                *exit_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdin_bytes = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_autoptr(GBytes) out = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("SUYUAN_CTL"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, stdin_bytes, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *exit_status = g_subprocess_get_exit_status (proc);
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static JsonObject *
line_object (char       **lines,
             guint        i,
             JsonNode   **keep)
{
  *keep = json_from_string (lines[i], NULL);
  g_assert_nonnull (*keep);
  return json_node_get_object (*keep);
}

static void
test_parse_stdin_json (void)
{
  const char *args[] = { "parse", "--stdin", "--json", NULL };
  /* a GS1 DataMatrix with <GS>, a raw GS byte, a bad check digit, plain text */
  const char *input = "]d2010690123456789210A2611<GS>21SN1\n"
                      "010690123456789210LOT\x1d" "17270430\n"
                      "]C10106901234567893\n"
                      "hello\n";
  int status;
  g_autofree char *out = run_ctl (args, input, &status);
  g_auto(GStrv) lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_autoptr(JsonNode) n0 = NULL, n1 = NULL, n2 = NULL, n3 = NULL;
  JsonObject *o;
  JsonArray *ai;

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  o = line_object (lines, 0, &n0);
  g_assert_true (json_object_get_boolean_member (o, "valid"));
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "gs1");
  ai = json_object_get_array_member (o, "ai");
  g_assert_cmpuint (json_array_get_length (ai), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (ai, 2), 0), ==, "21");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (ai, 2), 1), ==, "SN1");

  o = line_object (lines, 1, &n1);
  g_assert_true (json_object_get_boolean_member (o, "valid"));
  ai = json_object_get_array_member (o, "ai");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (ai, 1), 1), ==, "LOT");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (ai, 2), 0), ==, "17");

  o = line_object (lines, 2, &n2);
  g_assert_false (json_object_get_boolean_member (o, "valid"));
  g_assert_nonnull (strstr (json_object_get_string_member (o, "error"), "(01)"));

  o = line_object (lines, 3, &n3);
  g_assert_true (json_object_get_boolean_member (o, "valid"));
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "text");
}

/* The kinds beyond GS1 element strings, their fields, and errors in the
 * users' language. */
static void
test_parse_kinds_json (void)
{
  const char *args[] = { "parse", "--json",
                         "https://r.example.cn/x/01/6901234567892/10/L%2F1?17=270400&linkType=all",
                         "]E001234565", "81234560000000011234",
                         "https://trace.example.cn/p/honey-500/10/2511/21/000123?17=271031",
                         "]d20106901234567892422999", NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) n0 = NULL, n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  JsonObject *o;

  g_ptr_array_add (argv, (char *) g_getenv ("SUYUAN_CTL"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "zh_CN", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);

  o = line_object (lines, 0, &n0);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "gs1-digital-link");
  g_assert_cmpstr (json_object_get_string_member (o, "gtin"), ==, "06901234567892");
  g_assert_cmpstr (json_object_get_string_member (o, "lot"), ==, "L/1");
  g_assert_cmpstr (json_object_get_string_member (o, "expiry"), ==, "2027-04-30");
  g_assert_cmpstr (json_object_get_string_member (o, "host"), ==, "r.example.cn");
  g_assert_cmpstr (json_object_get_string_member (o, "element_string"), ==, "010690123456789210L/1\x1d" "17270400");

  o = line_object (lines, 1, &n1);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "upce");
  g_assert_cmpstr (json_object_get_string_member (o, "gtin"), ==, "00012345000065");

  o = line_object (lines, 2, &n2);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "drug-trace");
  g_assert_cmpstr (json_object_get_string_member (o, "drug_id"), ==, "8123456");
  g_assert_cmpstr (json_object_get_string_member (o, "serial"), ==, "000000001");
  g_assert_cmpstr (json_object_get_string_member (o, "drug_check"), ==, "1234");

  o = line_object (lines, 3, &n3);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "suyuan");
  g_assert_cmpstr (json_object_get_string_member (o, "product_key"), ==, "honey-500");
  g_assert_cmpstr (json_object_get_string_member (o, "expiry"), ==, "2027-10-31");

  o = line_object (lines, 4, &n4);
  g_assert_false (json_object_get_boolean_member (o, "valid"));
  g_assert_cmpstr (json_object_get_string_member (o, "error"), ==, "AI（422）：不是 ISO 3166 国家代码");
}

static void
test_import_then_lookup (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store = g_build_filename (dir, "s.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  const char *import_args[] = { "import", store_arg, g_getenv ("SUYUAN_DEMO_JSON"), NULL };
  const char *lookup_args[] = { "lookup", "--json", store_arg, "--today=2026-11-22", "6901234567908",
                                "]d20106901234567892" "10A2501", NULL };
  int status;
  g_autofree char *imported = run_ctl (import_args, NULL, &status);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) a = NULL, b = NULL;
  JsonObject *o;

  g_assert_cmpint (status, ==, 0);
  out = run_ctl (lookup_args, NULL, &status);
  /* One code is STOP: the status says so (4), whatever the other is. */
  g_assert_cmpint (status, ==, 4);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  o = line_object (lines, 0, &a);
  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "product"), "name"), ==, "天然饮用水");
  o = line_object (lines, 1, &b);
  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "stop");
  test_dir_free (g_steal_pointer (&dir));
}

/* A box recorded in stock at another shop, scanned here: the verdict says
 * so, and the JSON carries the trace chain with who did what. */
static void
test_lookup_trace_json (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store = g_build_filename (dir, "s.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  const char *import_args[] = { "import", store_arg, g_getenv ("SUYUAN_DEMO_JSON"), NULL };
  const char *lookup_args[] = { "lookup", "--json", store_arg, "--today=2026-11-23", "--here=P-SHOP",
                                "82345670000001031234", NULL };
  const char *text_args[] = { "lookup", store_arg, "--today=2026-11-23", "6901234567939", NULL };
  int status;
  g_autofree char *imported = run_ctl (import_args, NULL, &status);
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  JsonArray *events, *reasons;

  g_assert_cmpint (status, ==, 0);
  out = run_ctl (lookup_args, NULL, &status);
  g_assert_cmpint (status, ==, 4);   /* STOP */
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "level"), ==, "stop");
  reasons = json_object_get_array_member (o, "reasons");
  g_assert_cmpuint (json_array_get_length (reasons), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (reasons, 0), "id"), ==, "seen-elsewhere");
  events = json_object_get_array_member (o, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "type"), ==, "commissioning");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 4), "party_name"), ==, "百姓大药房（城西店）");

  /* Text: the verdict line, then what the store knows, the producer-scope recall included. */
  text = run_ctl (text_args, NULL, &status);
  g_assert_cmpint (status, ==, 4);
  g_assert_true (g_str_has_prefix (text, "stop\t香辣豆干\t"));
  g_assert_nonnull (strstr (text, "福满园食品厂生产许可证吊销"));
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_import_bad_file_fails_clearly (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", dir, "/s.db", NULL);
  const char *args[] = { "import", store_arg, bad, NULL };
  int status;
  g_autofree char *out = NULL;

  g_file_set_contents (bad, "{\"products\": [{\"id\": 1", -1, NULL);
  out = run_ctl (args, NULL, &status);
  g_assert_cmpint (status, !=, 0);
  test_dir_free (g_steal_pointer (&dir));
}

/* Reasons show dates as people in the locale write them; the JSON also
 * carries the date in ISO form for programs. */
static void
test_lookup_reason_dates (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store = g_build_filename (dir, "s.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  const char *import_args[] = { "import", store_arg, g_getenv ("SUYUAN_DEMO_JSON"), NULL };
  const char *const argv[] = { g_getenv ("SUYUAN_CTL"), "lookup", "--json", store_arg, "--today=2026-11-23",
                               "01069012345678921725033110A2501", NULL };
  const char *langs[] = { "C", "zh_CN" };
  const char *expected[] = { "Expired on 2025-03-31", "2025年3月31日" };
  int status;
  g_autofree char *imported = run_ctl (import_args, NULL, &status);

  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *reason;

      g_subprocess_launcher_setenv (launcher, "LANGUAGE", langs[i], TRUE);
      proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 4);   /* expired: STOP */
      node = json_from_string (out, &error);
      g_assert_no_error (error);
      reason = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "reasons"), 0);
      g_assert_cmpstr (json_object_get_string_member (reason, "id"), ==, "expired");
      g_assert_cmpstr (json_object_get_string_member (reason, "date"), ==, "2025-03-31");
      if (strstr (json_object_get_string_member (reason, "message"), expected[i]) == NULL)
        g_error ("%s: reason \"%s\" lacks \"%s\"", langs[i], json_object_get_string_member (reason, "message"), expected[i]);
    }
  test_dir_free (g_steal_pointer (&dir));
}

/* A producer's product name that would clear the screen and paint a green
 * "OK" over the STOP: every text output shows control characters escaped,
 * --json keeps the name as it is. */
static void
test_lookup_control_chars (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store = g_build_filename (dir, "s.db", NULL);
  g_autofree char *data = g_build_filename (dir, "hostile.json", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  const char *json =
    "{\"format\": \"suyuan/1\","
    " \"parties\": [{\"id\": \"P-X\", \"name\": \"X\\u0007\", \"kind\": \"producer\"}],"
    " \"products\": [{\"id\": \"PR-X\", \"gtin\": \"06901234567892\", \"category\": \"food\","
    "   \"producer_id\": \"P-X\", \"name\": \"\\u001b[2J\\u001b[H\\u001b[32mOK \\u2014 \\u5408\\u683c\\u001b[0m\\nOK\\u009b2J\\u202e\"}],"
    " \"batches\": [{\"id\": \"B-X\", \"product_id\": \"PR-X\", \"lot\": \"L1\", \"status\": \"recalled\","
    "   \"notice\": \"\\r\\u001b[1A\\u001b[2KOK\"}]}";
  const char *import_args[] = { "import", store_arg, data, NULL };
  const char *text_args[] = { "lookup", store_arg, "--today=2026-11-22", "0106901234567892" "10L1", NULL };
  const char *json_args[] = { "lookup", "--json", store_arg, "--today=2026-11-22", "0106901234567892" "10L1", NULL };
  int status;
  g_autofree char *imported = NULL;
  g_autofree char *out = NULL;
  g_autofree char *json_out = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (g_file_set_contents (data, json, -1, NULL));
  imported = run_ctl (import_args, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  out = run_ctl (text_args, NULL, &status);
  g_assert_cmpint (status, ==, 4);   /* STOP */
  for (const char *p = out; *p; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      g_error ("control byte 0x%02x in: %s", (guchar) *p, out);
  g_assert_null (strstr (out, "\xc2\x9b"));
  g_assert_null (strstr (out, "\xe2\x80\xae"));
  g_assert_true (g_str_has_prefix (out, "stop\t\\u001b[2J\\u001b[H\\u001b[32mOK — 合格\\u001b[0m\\u000aOK\\u009b2J\\u202e\t"));
  g_assert_nonnull (strstr (out, "\\u000d\\u001b[1A\\u001b[2KOK"));
  g_assert_nonnull (strstr (out, "X\\u0007"));

  /* JSON lines stay JSON and carry the name unchanged. */
  json_out = run_ctl (json_args, NULL, &status);
  g_assert_cmpint (status, ==, 4);
  g_assert_null (strstr (json_out, "\x1b"));
  node = json_from_string (json_out, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (node), "product"), "name"),
                   ==, "\x1b[2J\x1b[H\x1b[32mOK — 合格\x1b[0m\nOK\xc2\x9b" "2J\xe2\x80\xae");
  test_dir_free (g_steal_pointer (&dir));
}

/* The store holds what the terminal recorded: created 0600 whatever the
 * umask, and an old 0644 store is made private when it is next opened. */
static void
test_store_private (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store = g_build_filename (dir, "s.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  const char *import_args[] = { "import", store_arg, g_getenv ("SUYUAN_DEMO_JSON"), NULL };
  const char *lookup_args[] = { "lookup", store_arg, "6901234567908", NULL };
  int status;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  mode_t old = umask (022);
  GStatBuf st;

  out = run_ctl (import_args, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_stat (store, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_chmod (store, 0644), ==, 0);
  again = run_ctl (lookup_args, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_stat (store, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  umask (old);
  test_dir_free (g_steal_pointer (&dir));
}

/* Plain HTTP only to loopback and to private addresses named in
 * SUYUAN_ALLOW_HTTP; suyuanctl sync refuses the rest before sending. */
static void
test_http_refused (void)
{
  static const struct { const char *url; const char *allow; gboolean ok; } cases[] = {
    { "https://suyuan.example.org", NULL, TRUE },
    { "http://127.0.0.1:8480", NULL, TRUE },
    { "http://127.8.9.10", NULL, TRUE },
    { "http://localhost:8480/", NULL, TRUE },
    { "http://[::1]:8480", NULL, TRUE },
    { "http://suyuan.example.org", NULL, FALSE },
    { "http://192.168.1.20:8480", NULL, FALSE },
    { "http://192.168.1.20:8480", "192.168.1.20", TRUE },
    { "http://192.168.1.21:8480", "192.168.1.20", FALSE },
    { "http://10.1.2.3", "10.1.0.0/16, 192.168.1.20", TRUE },
    { "http://[fd00::5]", "fd00::/8", TRUE },
    { "http://8.8.8.8", "8.8.8.8", FALSE },          /* not a private address */
    { "http://suyuan.lan", "suyuan.lan", FALSE },     /* names resolve anywhere */
    { "ftp://127.0.0.1", NULL, FALSE },
    { "127.0.0.1:8480", NULL, FALSE },
  };
  g_autofree char *dir = test_dir_new ();
  g_autofree char *store = g_build_filename (dir, "s.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  const char *sync_args[] = { "sync", store_arg, "--server", "http://192.168.1.20:9", NULL };
  g_autofree char *out = NULL;
  int status;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      if (cases[i].allow)
        g_setenv ("SUYUAN_ALLOW_HTTP", cases[i].allow, TRUE);
      else
        g_unsetenv ("SUYUAN_ALLOW_HTTP");
      if (suyuan_http_url_allowed (cases[i].url, &error) != cases[i].ok)
        g_error ("%s (allow %s): expected %s", cases[i].url, cases[i].allow, cases[i].ok ? "allowed" : "refused");
      if (!cases[i].ok)
        g_assert_error (error, SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_INSECURE);
    }
  g_unsetenv ("SUYUAN_ALLOW_HTTP");
  out = run_ctl (sync_args, NULL, &status);
  g_assert_cmpint (status, !=, 0);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/parse-stdin-json", test_parse_stdin_json);
  g_test_add_func ("/cli/parse-kinds-json", test_parse_kinds_json);
  g_test_add_func ("/cli/import-lookup", test_import_then_lookup);
  g_test_add_func ("/cli/lookup-trace", test_lookup_trace_json);
  g_test_add_func ("/cli/lookup-reason-dates", test_lookup_reason_dates);
  g_test_add_func ("/cli/import-bad-file", test_import_bad_file_fails_clearly);
  g_test_add_func ("/cli/lookup-control-chars", test_lookup_control_chars);
  g_test_add_func ("/cli/store-private", test_store_private);
  g_test_add_func ("/cli/http-refused", test_http_refused);
  return g_test_run ();
}
