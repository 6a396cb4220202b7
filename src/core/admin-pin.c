/* admin-pin.c — PBKDF2-HMAC-SHA256 (RFC 8018) over GLib's HMAC, so a copied
 * settings file does not give the PIN away cheaply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "admin-pin.h"

#include <stdlib.h>
#include <string.h>

#define SALT_LEN 16
#define HASH_LEN 32
#define ITERATIONS 20000

/* One output block is all we need: HASH_LEN equals the SHA-256 size. */
static void
pbkdf2_sha256 (const char   *pin,
               const guint8 *salt,
               gsize         salt_len,
               guint         iterations,
               guint8        out[HASH_LEN])
{
  static const guint8 block_index[4] = { 0, 0, 0, 1 };
  guint8 u[HASH_LEN];
  gsize len = HASH_LEN;
  GHmac *hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) pin, strlen (pin));

  g_hmac_update (hmac, salt, salt_len);
  g_hmac_update (hmac, block_index, sizeof block_index);
  g_hmac_get_digest (hmac, u, &len);
  g_hmac_unref (hmac);
  memcpy (out, u, HASH_LEN);
  for (guint i = 1; i < iterations; i++)
    {
      hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) pin, strlen (pin));
      g_hmac_update (hmac, u, HASH_LEN);
      len = HASH_LEN;
      g_hmac_get_digest (hmac, u, &len);
      g_hmac_unref (hmac);
      for (guint j = 0; j < HASH_LEN; j++)
        out[j] ^= u[j];
    }
}

static char *
to_hex (const guint8 *bytes,
        gsize         len)
{
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (s, FALSE);
}

static gboolean
from_hex (const char *hex,
          guint8     *out,
          gsize       len)
{
  if (strlen (hex) != len * 2)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]), lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

char *
suyuan_admin_pin_hash (const char *pin)
{
  guint8 salt[SALT_LEN], hash[HASH_LEN];
  g_autofree char *salt_hex = NULL;
  g_autofree char *hash_hex = NULL;

  g_return_val_if_fail (pin != NULL, NULL);
  for (gsize i = 0; i < SALT_LEN; i++)
    salt[i] = (guint8) g_random_int_range (0, 256);
  pbkdf2_sha256 (pin, salt, SALT_LEN, ITERATIONS, hash);
  salt_hex = to_hex (salt, SALT_LEN);
  hash_hex = to_hex (hash, HASH_LEN);
  return g_strdup_printf ("pbkdf2-sha256$%u$%s$%s", ITERATIONS, salt_hex, hash_hex);
}

gboolean
suyuan_admin_pin_verify (const char *stored,
                         const char *pin)
{
  g_auto(GStrv) parts = NULL;
  guint8 salt[64], expected[HASH_LEN], actual[HASH_LEN];
  gsize salt_len;
  guint8 diff = 0;
  guint64 iterations;
  char *end = NULL;

  if (stored == NULL || pin == NULL || pin[0] == '\0')
    return FALSE;
  parts = g_strsplit (stored, "$", -1);
  if (g_strv_length (parts) != 4 || strcmp (parts[0], "pbkdf2-sha256") != 0)
    return FALSE;
  iterations = g_ascii_strtoull (parts[1], &end, 10);
  if (*end != '\0' || iterations < 1 || iterations > 10000000)
    return FALSE;
  /* Any salt length, so hashes made with other salts (and RFC test vectors) verify. */
  salt_len = strlen (parts[2]) / 2;
  if (salt_len < 1 || salt_len > sizeof salt || !from_hex (parts[2], salt, salt_len)
      || !from_hex (parts[3], expected, HASH_LEN))
    return FALSE;
  pbkdf2_sha256 (pin, salt, salt_len, (guint) iterations, actual);
  /* Constant time: every byte is compared whatever the first difference. */
  for (gsize i = 0; i < HASH_LEN; i++)
    diff |= actual[i] ^ expected[i];
  return diff == 0;
}
