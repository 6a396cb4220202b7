/* test-admin-pin.c — the kiosk PIN: the right PIN opens, nothing else does;
 * scrypt with fresh salts, old PBKDF2 hashes upgraded, wrong PINs lock it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "admin-pin.h"

#include <string.h>

#define PIN "246813"

static void
test_roundtrip (void)
{
  g_autofree char *a = suyuan_admin_pin_hash (PIN);
  g_autofree char *b = suyuan_admin_pin_hash (PIN);
  g_auto(GStrv) parts = g_strsplit (a, "$", -1);

  /* Only the scheme, its cost, a hex salt and a hex hash are stored: no field
   * is the PIN. (A search for the PIN would fail now and then: it can turn up
   * in random hex.) */
  g_assert_cmpuint (g_strv_length (parts), ==, 6);
  g_assert_cmpstr (parts[0], ==, "scrypt");
  g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), >=, 16);   /* N ≥ 2^16 */
  g_assert_cmpuint (g_ascii_strtoull (parts[2], NULL, 10), >=, 8);
  g_assert_cmpuint (strspn (parts[4], "0123456789abcdef"), ==, 32);
  g_assert_cmpuint (strlen (parts[4]), ==, 32);
  g_assert_cmpuint (strspn (parts[5], "0123456789abcdef"), ==, 64);
  g_assert_cmpuint (strlen (parts[5]), ==, 64);
  /* A fresh salt each time: equal PINs do not give equal hashes. */
  g_assert_cmpstr (a, !=, b);
  g_assert_true (suyuan_admin_pin_verify (a, PIN));
  g_assert_true (suyuan_admin_pin_verify (b, PIN));
  g_assert_false (suyuan_admin_pin_verify (a, "246814"));
  g_assert_false (suyuan_admin_pin_verify (a, PIN "0"));
  g_assert_false (suyuan_admin_pin_verify (a, ""));
  g_assert_false (suyuan_admin_pin_needs_rehash (a));
}

/* Salts from the kernel: 4 hashes, 4 different salts. */
static void
test_salts_differ (void)
{
  g_autoptr(GHashTable) salts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *hash = suyuan_admin_pin_hash (PIN);
      g_auto(GStrv) parts = g_strsplit (hash, "$", -1);

      g_assert_true (g_hash_table_add (salts, g_strdup (parts[4])));
    }
}

/* RFC 7914 §12: P="password", S="NaCl", N=1024, r=8, p=16 (first 32 bytes). */
static void
test_scrypt_vector (void)
{
  const char *stored = "scrypt$10$8$16$4e61436c$"
                       "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162";

  g_assert_true (suyuan_admin_pin_verify (stored, "password"));
  g_assert_false (suyuan_admin_pin_verify (stored, "Password"));
  /* Verifies, but a hash this cheap is replaced at the next right entry. */
  g_assert_true (suyuan_admin_pin_needs_rehash (stored));
}

/* RFC 7914 §11 / common PBKDF2-HMAC-SHA256 vector: P="password", S="salt", c=4096. */
static void
test_known_vector (void)
{
  const char *stored = "pbkdf2-sha256$4096$73616c74$"
                       "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a";

  g_assert_true (suyuan_admin_pin_verify (stored, "password"));
  g_assert_false (suyuan_admin_pin_verify (stored, "Password"));
}

static void
test_nothing_set_stays_locked (void)
{
  const char *bad[] = {
    "", "2468", "pbkdf2-sha256$$$", "md5$1$73616c74$00",
    "pbkdf2-sha256$0$73616c74$c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a",
    "pbkdf2-sha256$4096$zz$c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a",
    "pbkdf2-sha256$4096$73616c74$c5e4",
    "scrypt$10$8$16$4e61436c$fdba",
    "scrypt$$$$$",
    /* A planted cost that would take minutes or gigabytes is refused unrun. */
    "scrypt$30$8$1$4e61436c4e61436c$fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162",
    "scrypt$20$16$16$4e61436c4e61436c$fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162",
  };

  g_assert_false (suyuan_admin_pin_verify (NULL, "password"));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (suyuan_admin_pin_verify (bad[i], "password"));
}

static void
test_acceptable (void)
{
  const char *good[] = { "123456", "000000", "123456789012" };
  const char *bad[] = { "", "2468", "12345", "1234567890123", "12345a", "１２３４５６", "123 456" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (suyuan_admin_pin_acceptable (good[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (suyuan_admin_pin_acceptable (bad[i]));
  g_assert_false (suyuan_admin_pin_acceptable (NULL));
}

/* A 4-digit PIN set by an earlier version still opens, and the right entry
 * hands back a scrypt hash to store in its place. */
static void
test_old_hash_migrates (void)
{
  const char *old = "pbkdf2-sha256$4096$73616c74$"
                    "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a";
  SuyuanPinLockout lockout = { 0 };
  g_autofree char *rehash = NULL;

  g_assert_true (suyuan_admin_pin_needs_rehash (old));
  g_assert_cmpint (suyuan_admin_pin_check (&lockout, old, "password", 1000, NULL, &rehash), ==, SUYUAN_PIN_RIGHT);
  g_assert_nonnull (rehash);
  g_assert_true (g_str_has_prefix (rehash, "scrypt$"));
  g_assert_true (suyuan_admin_pin_verify (rehash, "password"));
  g_assert_false (suyuan_admin_pin_needs_rehash (rehash));
}

/* Five wrong PINs lock it for 30 s, each further one doubles the wait, and
 * while locked not even the right PIN opens. The state is plain data the app
 * keeps in its settings, so a restart resumes it (a copy stands for that). */
static void
test_lockout (void)
{
  const char *cheap = "pbkdf2-sha256$4096$73616c74$"
                      "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a";
  SuyuanPinLockout lockout = { 0 }, restarted;
  gint64 now = 1700000000, wait = -1;

  for (int i = 1; i < SUYUAN_PIN_FREE_TRIES; i++)
    {
      g_assert_cmpint (suyuan_admin_pin_check (&lockout, cheap, "guess", now, &wait, NULL), ==, SUYUAN_PIN_WRONG);
      g_assert_cmpint (wait, ==, 0);
    }
  g_assert_cmpint (suyuan_admin_pin_check (&lockout, cheap, "guess", now, &wait, NULL), ==, SUYUAN_PIN_WRONG);
  g_assert_cmpint (wait, ==, 30);
  restarted = lockout;
  g_assert_cmpint (suyuan_admin_pin_check (&restarted, cheap, "password", now + 29, &wait, NULL), ==,
                   SUYUAN_PIN_LOCKED);
  g_assert_cmpint (wait, ==, 1);
  g_assert_cmpint (suyuan_admin_pin_check (&restarted, cheap, "guess", now + 30, &wait, NULL), ==, SUYUAN_PIN_WRONG);
  g_assert_cmpint (wait, ==, 60);
  now += 90;
  g_assert_cmpint (suyuan_admin_pin_check (&restarted, cheap, "guess", now, &wait, NULL), ==, SUYUAN_PIN_WRONG);
  g_assert_cmpint (wait, ==, 120);
  /* Capped at an hour, and a lock set far ahead (clock turned back) too. */
  restarted.failures = 40;
  restarted.locked_until = 0;
  g_assert_cmpint (suyuan_admin_pin_check (&restarted, cheap, "guess", now, &wait, NULL), ==, SUYUAN_PIN_WRONG);
  g_assert_cmpint (wait, ==, SUYUAN_PIN_MAX_LOCK_S);
  restarted.locked_until = now + 10 * SUYUAN_PIN_MAX_LOCK_S;
  g_assert_cmpint (suyuan_admin_pin_check (&restarted, cheap, "password", now, &wait, NULL), ==, SUYUAN_PIN_LOCKED);
  g_assert_cmpint (wait, ==, SUYUAN_PIN_MAX_LOCK_S);
  /* After the wait, the right PIN opens and clears the count. */
  now += SUYUAN_PIN_MAX_LOCK_S;
  g_assert_cmpint (suyuan_admin_pin_check (&restarted, cheap, "password", now, &wait, NULL), ==, SUYUAN_PIN_RIGHT);
  g_assert_cmpuint (restarted.failures, ==, 0);
  g_assert_cmpint (restarted.locked_until, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/admin-pin/roundtrip", test_roundtrip);
  g_test_add_func ("/admin-pin/salts-differ", test_salts_differ);
  g_test_add_func ("/admin-pin/scrypt-vector", test_scrypt_vector);
  g_test_add_func ("/admin-pin/known-vector", test_known_vector);
  g_test_add_func ("/admin-pin/nothing-set-stays-locked", test_nothing_set_stays_locked);
  g_test_add_func ("/admin-pin/acceptable", test_acceptable);
  g_test_add_func ("/admin-pin/old-hash-migrates", test_old_hash_migrates);
  g_test_add_func ("/admin-pin/lockout", test_lockout);
  return g_test_run ();
}
