/* admin-pin.c — scrypt (OpenSSL) with a kernel-random salt, so a copied
 * settings file does not give the PIN away cheaply; PBKDF2-HMAC-SHA256 hashes
 * of earlier versions still verify.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "admin-pin.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define SALT_LEN 16
#define HASH_LEN 32
/* N = 2^16, r = 8, p = 1: 64 MiB and ~250 ms a try on one current PC core
 * (meson test --benchmark admin-pin measures it here). */
#define SCRYPT_LOG2_N 16
#define SCRYPT_R 8
#define SCRYPT_P 1

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

gboolean
suyuan_admin_pin_acceptable (const char *pin)
{
  gsize len = pin ? strlen (pin) : 0;

  if (len < SUYUAN_ADMIN_PIN_MIN_DIGITS || len > SUYUAN_ADMIN_PIN_MAX_DIGITS)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

static gboolean
scrypt_hash (const char   *pin,
             const guint8 *salt,
             gsize         salt_len,
             guint         log2_n,
             guint         r,
             guint         p,
             guint8        out[HASH_LEN])
{
  guint64 n = G_GUINT64_CONSTANT (1) << log2_n;
  /* Room for the 128·r·N work area and the 128·r·p input block, and some. */
  guint64 max_mem = 128 * (guint64) r * (n + p) + (G_GUINT64_CONSTANT (1) << 20);

  return EVP_PBE_scrypt (pin, strlen (pin), salt, salt_len, n, r, p, max_mem, out, HASH_LEN) == 1;
}

char *
suyuan_admin_pin_hash (const char *pin)
{
  guint8 salt[SALT_LEN], hash[HASH_LEN];
  g_autofree char *salt_hex = NULL;
  g_autofree char *hash_hex = NULL;

  g_return_val_if_fail (pin != NULL, NULL);
  /* The kernel's CSPRNG; blocks only before it is seeded at boot. */
  if (getrandom (salt, SALT_LEN, 0) != SALT_LEN
      || !scrypt_hash (pin, salt, SALT_LEN, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, hash))
    return NULL;
  salt_hex = to_hex (salt, SALT_LEN);
  hash_hex = to_hex (hash, HASH_LEN);
  return g_strdup_printf ("scrypt$%u$%u$%u$%s$%s", SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt_hex, hash_hex);
}

gboolean
suyuan_admin_pin_needs_rehash (const char *stored)
{
  g_autofree char *prefix = g_strdup_printf ("scrypt$%u$%u$%u$", SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P);

  return stored == NULL || !g_str_has_prefix (stored, prefix);
}

/* "scrypt$LOG2N$R$P$SALT$HASH", parameters bounded so a planted setting
 * cannot make the kiosk allocate gigabytes or spin for minutes. */
static gboolean
scrypt_verify (char       **parts,
               const char  *pin,
               guint8      actual[HASH_LEN],
               guint8      expected[HASH_LEN])
{
  guint64 log2_n, r, p;
  guint8 salt[64];
  gsize salt_len;

  if (g_strv_length (parts) != 6
      || !g_ascii_string_to_unsigned (parts[1], 10, 10, 20, &log2_n, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 16, &r, NULL)
      || !g_ascii_string_to_unsigned (parts[3], 10, 1, 16, &p, NULL)
      || ((G_GUINT64_CONSTANT (1) << log2_n) * r * p) > (G_GUINT64_CONSTANT (1) << 22))
    return FALSE;
  salt_len = strlen (parts[4]) / 2;
  if (salt_len < 1 || salt_len > sizeof salt || !from_hex (parts[4], salt, salt_len)
      || !from_hex (parts[5], expected, HASH_LEN))
    return FALSE;
  return scrypt_hash (pin, salt, salt_len, (guint) log2_n, (guint) r, (guint) p, actual);
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
  if (g_strcmp0 (parts[0], "scrypt") == 0)
    {
      if (!scrypt_verify (parts, pin, actual, expected))
        return FALSE;
      goto compare;
    }
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
compare:
  /* Constant time: every byte is compared whatever the first difference. */
  for (gsize i = 0; i < HASH_LEN; i++)
    diff |= actual[i] ^ expected[i];
  return diff == 0;
}
