/* test-inspection-sync.c — a finished inspection made offline reaches a real
 * suyuan-server on loopback once the terminal pushes its outbox, once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "outbox.h"
#include "store-private.h"
#include "sync-client.h"
#include "test-support.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static void
test_inspection_syncs (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GPtrArray) found = suyuan_inspection_find_parties (store, "JY13301020099887", 5, NULL);
  g_autoptr(SuyuanInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  SuyuanVerdict verdict = { SUYUAN_LEVEL_STOP, g_ptr_array_new () };
  TestServer *server;
  guint64 sent = 0;

  /* Offline: made and finished with no server at all. */
  g_assert_cmpuint (found->len, ==, 1);
  inspection = suyuan_inspection_start (store, found->pdata[0], "王检查", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (suyuan_inspection_add_item (store, inspection, "6901234567939", &verdict, "福满园 · 薯片", &error));
  g_ptr_array_unref (verdict.reasons);
  g_assert_true (suyuan_inspection_set_action (store, inspection, 1, SUYUAN_ACTION_REMOVED, "下架 20 袋", &error));
  g_assert_true (suyuan_inspection_finish (store, inspection, SUYUAN_RESULT_FAIL, NULL, &error));
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 1);

  server = test_server_start (dir, NULL);
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (suyuan_sync_push (store, server->url, server->token, NULL, NULL, &sent, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (sent, ==, round == 0 ? 1 : 0);
    }
  g_assert_cmpint (suyuan_outbox_count_pending (store), ==, 0);
  /* The UUID is made by us, never taken from input: safe inside the SQL. */
  sql = g_strdup_printf ("SELECT count(*) FROM records WHERE kind = 'inspection'"
                         " AND json_extract (data, '$.inspection_uuid') = '%s'"
                         " AND json_extract (data, '$.result') = 'fail'"
                         " AND json_extract (data, '$.party_id') = 'P-MARKET'"
                         " AND json_extract (data, '$.items[0].action') = 'removed'", inspection->uuid);
  g_assert_cmpint (test_server_db_int (dir, sql), ==, 1);
  test_server_stop (server);
  g_clear_pointer (&inspection, suyuan_inspection_free);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

/* A 1×1 PNG and the start of a JPEG: the server checks the first bytes. */
#define PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
static const char jpeg_bytes[] = "\xff\xd8\xff\xe0\x00\x10JFIF\x00 a photo of a shelf";

static char *
write_photo (const char *dir,
             const char *name,
             const void *data,
             gsize       len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_inspection_photos (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autoptr(SuyuanStore) store = test_open_demo_store (dir, NULL);
  g_autoptr(GPtrArray) found = suyuan_inspection_find_parties (store, "JY13301020099887", 5, NULL);
  g_autoptr(SuyuanInspection) inspection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *photos_dir = g_build_filename (dir, "server.db.lookup.photos", NULL);
  gsize png_len;
  g_autofree guchar *png = g_base64_decode (PNG_BASE64, &png_len);
  g_autofree char *png_path = write_photo (dir, "shelf-1.png", png, png_len);
  g_autofree char *jpeg_path = write_photo (dir, "shelf-2.jpg", jpeg_bytes, sizeof jpeg_bytes - 1);
  g_autofree char *text_path = write_photo (dir, "notes.png", "not a picture", 13);
  g_autofree char *gone_path = write_photo (dir, "shelf-3.png", png, png_len - 1);
  g_autofree char *png_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, png, png_len);
  g_autofree char *stored = g_build_filename (photos_dir, png_sha, NULL);
  g_autofree char *sql = NULL;
  SuyuanVerdict verdict = { SUYUAN_LEVEL_STOP, g_ptr_array_new () };
  GStatBuf st;
  TestServer *server;
  guint uploaded = 0;

  inspection = suyuan_inspection_start (store, found->pdata[0], "王检查", NULL, &error);
  g_assert_nonnull (suyuan_inspection_add_item (store, inspection, "6901234567939", &verdict, "福满园 · 薯片", &error));
  g_ptr_array_unref (verdict.reasons);
  g_assert_true (suyuan_inspection_set_action (store, inspection, 1, SUYUAN_ACTION_REMOVED, "下架 20 袋", &error));
  for (const char *const *p = (const char *const[]) { png_path, jpeg_path, text_path, gone_path, NULL }; *p; p++)
    g_assert_true (suyuan_inspection_add_photo (store, inspection, 1, *p, &error));
  g_assert_true (suyuan_inspection_finish (store, inspection, SUYUAN_RESULT_FAIL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (gone_path), ==, 0);

  server = test_server_start (dir, NULL);
  /* Before its record is pushed, no photo goes. */
  g_assert_true (suyuan_sync_push_photos (store, server->url, server->token, &uploaded, &problems, &error));
  g_assert_cmpuint (uploaded, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_true (suyuan_sync_push (store, server->url, server->token, NULL, NULL, NULL, NULL, &error));

  /* The two pictures are stored; the text file is refused, the deleted one reported. */
  g_assert_true (suyuan_sync_push_photos (store, server->url, server->token, &uploaded, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (uploaded, ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *problem = problems->pdata[i];

      /* The refusal names the file and says why; the missing one is named. */
      g_assert_true ((strstr (problem, "notes.png") && strstr (problem, "JPEG or PNG"))
                     || strstr (problem, "shelf-3.png"));
    }
  g_assert_cmpuint (count_files (photos_dir), ==, 2);
  g_assert_cmpint (g_stat (stored, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The next sync sends nothing again and still reports the missing file. */
  g_assert_true (suyuan_sync_push_photos (store, server->url, server->token, &uploaded, &problems, &error));
  g_assert_cmpuint (uploaded, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* An answer lost on the way: the terminal sends both again; the server keeps one copy of each. */
  g_assert_true (suyuan_store_exec (store, "UPDATE photo_uploads SET uploaded_at = NULL WHERE refused IS NULL", &error));
  g_assert_true (suyuan_sync_push_photos (store, server->url, server->token, &uploaded, &problems, &error));
  g_assert_cmpuint (uploaded, ==, 2);
  g_assert_cmpuint (count_files (photos_dir), ==, 2);

  /* The record names its photos by hash, beside their file names. */
  sql = g_strdup_printf ("SELECT count(*) FROM records WHERE kind = 'inspection'"
                         " AND json_extract (data, '$.items[0].photo_sha256[0]') = '%s'"
                         " AND json_extract (data, '$.items[0].photos[0]') = 'shelf-1.png'", png_sha);
  g_assert_cmpint (test_server_db_int (dir, sql), ==, 1);
  test_server_stop (server);
  g_clear_pointer (&inspection, suyuan_inspection_free);
  g_clear_pointer (&store, suyuan_store_close);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/inspection-sync/push", test_inspection_syncs);
  g_test_add_func ("/inspection-sync/photos", test_inspection_photos);
  return g_test_run ();
}
