/* test-app-text.c — the words the app shows for its sync state, sync failures
 * and code kinds, in English and in Chinese (run under both LANGUAGEs).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-sync-status.h"
#include "suyuan-code-kind.h"
#include "http-client.h"
#include "sync-client.h"
#include "paths.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
is_zh (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "zh_CN") == 0;
}

static void
test_status_line (void)
{
  g_autoptr(GDateTime) at = g_date_time_new_local (2026, 11, 23, 10, 42, 5);
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 23, 18, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_local (2026, 12, 6, 9, 0, 0);
  g_autoptr(GDateTime) next_year = g_date_time_new_local (2027, 1, 2, 9, 0, 0);
  g_autofree char *synced = suyuan_sync_status_text (at, today, FALSE, 0);
  g_autofree char *waiting = suyuan_sync_status_text (at, today, FALSE, 3);
  g_autofree char *never = suyuan_sync_status_text (NULL, today, FALSE, 0);
  g_autofree char *offline = suyuan_sync_status_text (at, today, TRUE, 12);
  g_autofree char *offline_days = suyuan_sync_status_text (at, later, TRUE, 0);
  g_autofree char *offline_year = suyuan_sync_status_text (at, next_year, TRUE, 0);
  g_autofree char *offline_never = suyuan_sync_status_text (NULL, today, TRUE, 1);

  if (is_zh ())
    {
      g_assert_cmpstr (synced, ==, "已同步 10:42");
      g_assert_cmpstr (waiting, ==, "已同步 10:42 · 3 条待发送");
      g_assert_cmpstr (offline, ==, "离线 · 上次同步 10:42 · 12 条待发送");
      g_assert_cmpstr (offline_days, ==, "离线 · 上次同步 11月23日 10:42");
      g_assert_cmpstr (offline_year, ==, "离线 · 上次同步 2026年11月23日 10:42");
      g_assert_cmpstr (offline_never, ==, "离线 · 从未同步 · 1 条待发送");
    }
  else
    {
      g_assert_cmpstr (synced, ==, "Synced 10:42");
      g_assert_cmpstr (waiting, ==, "Synced 10:42 · 3 waiting");
      g_assert_cmpstr (never, ==, "Not synced");
      /* Offline, the inspector still sees how old the recall data is. */
      g_assert_cmpstr (offline, ==, "Offline · synced 10:42 · 12 waiting");
      g_assert_cmpstr (offline_days, ==, "Offline · synced Nov 23, 10:42");
      g_assert_cmpstr (offline_year, ==, "Offline · synced 2026-11-23 10:42");
      g_assert_cmpstr (offline_never, ==, "Offline · never synced · 1 waiting");
    }
  /* Nothing waiting: no count at all, not "0 waiting". */
  g_assert_null (strstr (synced, "·"));
  g_assert_null (strstr (never, "·"));
}

/* Each failure says what happened and what to do, never a bare curl message. */
static void
test_error_advice (void)
{
  g_autoptr(GError) net = g_error_new (SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_NETWORK,
                                       "Cannot reach the server: Couldn't connect to server");
  g_autoptr(GError) status = g_error_new (SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_STATUS,
                                          "The server answered with HTTP status 503");
  g_autoptr(GError) proto = g_error_new (SUYUAN_SYNC_ERROR, SUYUAN_SYNC_ERROR_PROTOCOL, "bad JSON");
  g_autoptr(GError) tls = g_error_new (SUYUAN_HTTP_ERROR, SUYUAN_HTTP_ERROR_CERTIFICATE,
                                       "The server’s certificate is not trusted (x); set SUYUAN_CA_FILE");
  g_autofree char *a = suyuan_sync_error_text (net);
  g_autofree char *b = suyuan_sync_error_text (status);
  g_autofree char *c = suyuan_sync_error_text (proto);
  g_autofree char *d = suyuan_sync_error_text (tls);

  g_assert_null (suyuan_sync_error_text (NULL));
  if (is_zh ())
    {
      g_assert_nonnull (strstr (a, "无法连接服务器"));
      g_assert_nonnull (strstr (a, "稍后"));
      g_assert_nonnull (strstr (b, "503"));
      g_assert_nonnull (strstr (c, "首选项"));
      g_assert_nonnull (strstr (d, "SUYUAN_CA_FILE"));
      g_assert_nonnull (strstr (d, "记录已保留"));
    }
  else
    {
      g_assert_cmpstr (a, ==, "Can’t reach the server; records are kept and will be sent later");
      g_assert_nonnull (strstr (b, "HTTP status 503"));
      g_assert_nonnull (strstr (b, "Preferences"));
      g_assert_nonnull (strstr (c, "server address in Preferences"));
      /* A certificate problem is not "an answer that makes no sense". */
      g_assert_cmpstr (d, ==, "The server’s certificate is not trusted (x); set SUYUAN_CA_FILE Records are kept.");
    }
  g_assert_null (strstr (a, "curl"));
}

/* What the terminal holds: the scope in words from the server's ID, the
 * units counted, and the note that the scope changed. */
static void
test_scope_words (void)
{
  g_autofree char *all = suyuan_sync_scope_text ("all");
  g_autofree char *token = suyuan_sync_scope_text ("3f2a9c1b0e4d5a67");
  g_autofree char *none = suyuan_sync_scope_text (NULL);
  g_autofree char *one = suyuan_sync_units_text (1);
  g_autofree char *many = suyuan_sync_units_text (120000);
  /* A hostile server's scope stays text: no markup, valid UTF-8. */
  g_autofree char *odd = suyuan_sync_scope_text ("<b>\xff</b>");

  g_assert_null (suyuan_sync_units_text (-1));
  g_assert_true (g_utf8_validate (odd, -1, NULL));
  g_assert_nonnull (strstr (odd, "<b>"));
  if (is_zh ())
    {
      g_assert_cmpstr (all, ==, "数据范围：全省");
      g_assert_cmpstr (token, ==, "数据范围：本令牌的范围（编号 3f2a9c1b0e4d5a67）");
      g_assert_cmpstr (none, ==, "数据范围：尚未同步");
      g_assert_cmpstr (one, ==, "本终端存有 1 件单品");
      g_assert_cmpstr (many, ==, "本终端存有 120000 件单品");
      g_assert_cmpstr (suyuan_sync_scope_changed_text (), ==,
                       "服务器更改了本终端的数据范围：单品和事件已重新同步，未发送的记录均未丢失");
    }
  else
    {
      g_assert_cmpstr (all, ==, "Scope: whole province");
      g_assert_cmpstr (token, ==, "Scope: this token’s (ID 3f2a9c1b0e4d5a67)");
      g_assert_cmpstr (none, ==, "Scope: not pulled yet");
      g_assert_cmpstr (one, ==, "1 unit on this terminal");
      g_assert_cmpstr (many, ==, "120000 units on this terminal");
      g_assert_cmpstr (suyuan_sync_scope_changed_text (), ==,
                       "The server changed this terminal’s scope: units and events were pulled again; "
                       "nothing unsent was lost");
    }
}

static void
test_code_kind_labels (void)
{
  if (is_zh ())
    {
      g_assert_cmpstr (suyuan_code_kind_to_label (SUYUAN_CODE_GS1), ==, "GS1 元素串");
      g_assert_cmpstr (suyuan_code_kind_to_label (SUYUAN_CODE_DRUG_TRACE), ==, "药品追溯码");
      g_assert_cmpstr (suyuan_code_kind_to_label (SUYUAN_CODE_EAN13), ==, "EAN-13 商品条码");
    }
  else
    {
      g_assert_cmpstr (suyuan_code_kind_to_label (SUYUAN_CODE_GS1), ==, "GS1 element string");
      g_assert_cmpstr (suyuan_code_kind_to_label (SUYUAN_CODE_DRUG_TRACE), ==, "Drug trace code");
      g_assert_cmpstr (suyuan_code_kind_to_label (SUYUAN_CODE_EAN13), ==, "EAN-13 product code");
    }
  /* Every kind has a label of its own, none is the machine name. */
  for (int k = SUYUAN_CODE_TEXT; k <= SUYUAN_CODE_TRACE_URL; k++)
    {
      g_assert_cmpstr (suyuan_code_kind_to_label (k), !=, suyuan_code_kind_to_string (k));
      for (int j = SUYUAN_CODE_TEXT; j < k; j++)
        g_assert_cmpstr (suyuan_code_kind_to_label (k), !=, suyuan_code_kind_to_label (j));
    }
}

int
main (int argc, char **argv)
{
  suyuan_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app-text/status-line", test_status_line);
  g_test_add_func ("/app-text/error-advice", test_error_advice);
  g_test_add_func ("/app-text/scope-words", test_scope_words);
  g_test_add_func ("/app-text/code-kind-labels", test_code_kind_labels);
  return g_test_run ();
}
