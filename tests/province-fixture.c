/* province-fixture.c — see province-fixture.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "province-fixture.h"

char *
province_gtin (const char *body)
{
  int sum = 0;

  for (int i = 0; i < 13; i++)
    sum += (body[i] - '0') * (i % 2 == 0 ? 3 : 1);
  return g_strdup_printf ("%s%d", body, (10 - sum % 10) % 10);
}

void
province_add_members (JsonBuilder       *b,
                      const char *const *pairs)
{
  json_builder_begin_object (b);
  for (; pairs[0]; pairs += 2)
    if (pairs[1] != NULL)
      {
        json_builder_set_member_name (b, pairs[0]);
        json_builder_add_string_value (b, pairs[1]);
      }
  json_builder_end_object (b);
}

char *
province_write (JsonBuilder *b,
                const char  *dir)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "province.json", NULL);

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  g_assert_true (json_generator_to_file (gen, path, &error));
  g_assert_no_error (error);
  return path;
}

void
province_import_more (const char *dir,
                      const char *json)
{
  g_autofree char *path = g_build_filename (dir, "more.json", NULL);
  g_autofree char *db_arg = test_server_db_arg (dir);
  g_autofree char *import_arg = g_strconcat ("--import=", path, NULL);
  const char *argv[] = { g_getenv ("SUYUAN_SERVER_BIN"), db_arg, import_arg, "--import-only", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

