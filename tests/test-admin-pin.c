/* test-admin-pin.c — the kiosk PIN: the right PIN opens, nothing else does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "admin-pin.h"

#include <string.h>

static void
test_roundtrip (void)
{
  g_autofree char *a = suyuan_admin_pin_hash ("2468");
  g_autofree char *b = suyuan_admin_pin_hash ("2468");

  g_auto(GStrv) parts = g_strsplit (a, "$", -1);

  /* Only the scheme, the iteration count, a hex salt and a hex hash are stored:
   * no field is the PIN. (A search for "2468" would fail now and then: it can
   * turn up in random hex.) */
  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  g_assert_cmpstr (parts[0], ==, "pbkdf2-sha256");
  g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), >=, 10000);
  g_assert_cmpuint (strspn (parts[2], "0123456789abcdef"), ==, strlen (parts[2]));
  g_assert_cmpuint (strlen (parts[2]), >=, 16);
  g_assert_cmpuint (strspn (parts[3], "0123456789abcdef"), ==, 64);
  g_assert_cmpuint (strlen (parts[3]), ==, 64);
  /* A fresh salt each time: equal PINs do not give equal hashes. */
  g_assert_cmpstr (a, !=, b);
  g_assert_true (suyuan_admin_pin_verify (a, "2468"));
  g_assert_true (suyuan_admin_pin_verify (b, "2468"));
  g_assert_false (suyuan_admin_pin_verify (a, "2469"));
  g_assert_false (suyuan_admin_pin_verify (a, "24680"));
  g_assert_false (suyuan_admin_pin_verify (a, ""));
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
  };

  g_assert_false (suyuan_admin_pin_verify (NULL, "password"));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (suyuan_admin_pin_verify (bad[i], "password"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/admin-pin/roundtrip", test_roundtrip);
  g_test_add_func ("/admin-pin/known-vector", test_known_vector);
  g_test_add_func ("/admin-pin/nothing-set-stays-locked", test_nothing_set_stays_locked);
  return g_test_run ();
}
