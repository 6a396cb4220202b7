/* test-decode.c — the decoder on real photos from the corpus, and the
 * `suyuanctl scan` contract, run as a real process.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "decoder.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <qrencode.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* The corpus path, or NULL after marking the test skipped. */
static char *
corpus_file (const char *name)
{
  const char *dir = g_getenv ("SUYUAN_CORPUS");
  g_autofree char *path = dir ? g_build_filename (dir, "photos", name, NULL) : NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the photo corpus (../shared/corpus) is not here; set SUYUAN_CORPUS");
      return NULL;
    }
  return g_steal_pointer (&path);
}

static GPtrArray *
decode (const char *name)
{
  g_autofree char *path = corpus_file (name);
  g_autoptr(GError) error = NULL;
  SuyuanDecodeOptions options;
  GPtrArray *symbols;

  if (path == NULL)
    return NULL;
  /* A loaded test machine must not turn into a miss: a generous budget. */
  suyuan_decode_options_init (&options);
  options.time_budget_ms = 2000;
  symbols = suyuan_decode_file (path, &options, &error);
  g_assert_no_error (error);
  return symbols;
}

typedef struct {
  const char *image;
  const char *symbology;
  const char *aim;
  const char *payload;
} Expected;

static void
test_symbology (gconstpointer data)
{
  const Expected *e = data;
  g_autoptr(GPtrArray) symbols = decode (e->image);
  const SuyuanSymbol *s;

  if (symbols == NULL)
    return;
  g_assert_cmpuint (symbols->len, ==, 1);
  s = g_ptr_array_index (symbols, 0);
  g_assert_cmpstr (s->symbology, ==, e->symbology);
  g_assert_cmpstr (s->aim, ==, e->aim);
  g_assert_cmpstr (s->payload, ==, e->payload);
  g_assert_cmpuint (s->payload_length, ==, strlen (e->payload));
  g_assert_cmpint (s->width, >, 0);
  g_assert_cmpint (s->height, >, 0);
}

static const Expected expected[] = {
  { "qrcode-1/1.png", "qrcode", "]Q1", "MEBKM:URL:http\\://en.wikipedia.org/wiki/Main_Page;;" },
  { "ean13-1/14.png", "ean13", "]E0", "3560070169443" },
  { "code128-2/01.png", "code128", "]C0", "005-3379497200006" },
  { "datamatrix-2/01.png", "datamatrix", "]d1", "http://google.com/m" },
  /* GS1 DataMatrix: the separators stay, as 0x1D, and the AIM says GS1. */
  { "datamatrix-1/gs1-figure-4.15.1-2-32x32.png", "datamatrix", "]d2",
    "01095040000591012112345678p901\x1d" "101234567p\x1d" "171411208200http://www.gs1.org/demo/" },
  { "rssexpanded-1/1.png", "databar-exp", "]e0", "11100224171102243102000100" },
  /* What plain ZBar and libdmtx miss: light on dark (inversion), glare
   * (local threshold), a 12-pixel symbol with no quiet zone (padding, scaling). */
  { "qrcode-2/qr-inv-1.png", "qrcode", "]Q1", "https://beeline.co/pages/app" },
  { "ean13-1/20.png", "ean13", "]E0", "4000539017100" },
  { "datamatrix-1/mod-size-1.png", "datamatrix", "]d1", "c++" },
  /* Shift_JIS half-width katakana, which ZBar alone reads as GBK (蹬靼翌),
   * UTF-8 Chinese it reads as GBK (皜祈岫), and a Kanji-mode sentence. */
  { "qrcode-2/17.png", "qrcode", "]Q1", "ﾃﾞｻﾞｲﾝQR\r\nhttp://d-qr.net/ex/" },
  { "qrcode-2/30.png", "qrcode", "]Q1", "MECARD:N:測試;;" },
  { "qrcode-2/31.png", "qrcode", "]Q1", "今度のバージョンでは文章の暗号化ができます。" },
};

/* A QR code of @bytes (byte mode, no ECI, as most printers make them),
 * drawn 4 pixels a module with a quiet zone, read back. */
static GPtrArray *
encode_and_decode (const char *bytes)
{
  QRcode *qr = QRcode_encodeData ((int) strlen (bytes), (const unsigned char *) bytes, 0, QR_ECLEVEL_M);
  int scale = 4, size = (qr->width + 8) * scale;
  g_autofree guint8 *gray = g_malloc ((gsize) size * size);

  memset (gray, 255, (gsize) size * size);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        for (int dy = 0; dy < scale; dy++)
          memset (gray + (gsize) ((y + 4) * scale + dy) * size + (x + 4) * scale, 0, scale);
  QRcode_free (qr);
  return suyuan_decode_gray (gray, size, size, size, NULL);
}

/* Labels printed in China often carry GB18030 text, Japanese imports
 * Shift_JIS, Taiwanese Big5: each must come out as the same UTF-8. */
static void
test_qr_charsets (void)
{
  static const struct { const char *charset, *text; } cases[] = {
    { "GB18030", "溯源一品一码追溯码进货查验" },
    { "GB18030", "牛奶 批号:A2501 保质期至2025年" },
    { "GB18030", "测试" },
    { "SHIFT_JIS", "賞味期限 2025年3月31日 ｾｯﾄ" },
    { "BIG5", "臨期商品 請下架" },
    /* ISO-8859-1, the QR default without an ECI, as European imports print it. */
    { "ISO-8859-1", "Café Crème, Grüße aus München" },
    { "ISO-8859-1", "Jamón ibérico, lot n° 12" },
    { "ISO-8859-1", "Größe: 500 g" },
    { "UTF-8", "追溯码 01069012345678921725033110A2501" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bytes = g_convert (cases[i].text, -1, cases[i].charset, "UTF-8", NULL, NULL, NULL);
      g_autoptr(GPtrArray) symbols = NULL;

      g_assert_nonnull (bytes);
      symbols = encode_and_decode (bytes);
      g_assert_cmpuint (symbols->len, ==, 1);
      g_assert_cmpstr (((SuyuanSymbol *) g_ptr_array_index (symbols, 0))->payload, ==, cases[i].text);
    }
}

/* libdmtx "corrects" this warped symbol into other bytes; we must say nothing
 * rather than something wrong. */
static void
test_no_misread (void)
{
  g_autoptr(GPtrArray) symbols = decode ("datamatrix-1/distorted.png");

  if (symbols == NULL)
    return;
  for (guint i = 0; i < symbols->len; i++)
    g_assert_cmpstr (((SuyuanSymbol *) g_ptr_array_index (symbols, i))->payload, ==, "X12X12X12X12");
}

static void
test_no_barcode_no_result (void)
{
  g_autofree char *dir = corpus_file ("falsepositives-1");
  g_autoptr(GDir) listing = NULL;
  SuyuanDecodeOptions options;
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return;
  /* More than the default budget, so every pass gets its chance to err. */
  suyuan_decode_options_init (&options);
  options.time_budget_ms = 300;
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) symbols = NULL;

      if (!g_str_has_suffix (name, ".png"))
        continue;
      symbols = suyuan_decode_file (path, &options, &error);
      g_assert_no_error (error);
      if (symbols->len > 0)
        g_error ("%s: found “%s” in a photo with no barcode", name,
                 ((SuyuanSymbol *) g_ptr_array_index (symbols, 0))->payload);
      n++;
    }
  g_assert_cmpuint (n, >=, 20);
}

/* DMRE (rectangular DataMatrix), ITF-14 and UPC-E as zint draws them, then
 * blurred, warped, noisy, pale and all of these at once: what a camera at a
 * receiving dock sees. Before zxing-cpp, no DMRE and no ITF-14 read at all. */
static void
test_zint_symbols (void)
{
  const char *script = g_getenv ("SUYUAN_MAKE_ZINT");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GDir) top = NULL;
  const char *folder;
  guint photos = 0, photos_read = 0, total = 0;
  int status;

  if (script == NULL || g_find_program_in_path ("zint") == NULL
      || g_find_program_in_path ("convert") == NULL)
    {
      g_test_skip ("zint or ImageMagick is not installed (scripts/dev deps)");
      return;
    }
  tmp = g_dir_make_tmp ("suyuan-zint-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "python3", script, tmp, "--quick", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  top = g_dir_open (tmp, 0, &error);
  g_assert_no_error (error);
  while ((folder = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *dir = g_build_filename (tmp, folder, NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      gboolean photo = g_str_has_suffix (folder, "-photo");
      const char *name;

      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *png = g_build_filename (dir, name, NULL);
          g_autofree char *stem = g_strndup (png, strlen (png) - 4);
          g_autofree char *txt = g_strconcat (stem, ".txt", NULL);
          g_autofree char *want = NULL;
          g_autoptr(GPtrArray) symbols = NULL;
          SuyuanDecodeOptions options;
          gboolean read = FALSE;

          if (!g_str_has_suffix (name, ".png"))
            continue;
          g_assert_true (g_file_get_contents (txt, &want, NULL, NULL));
          suyuan_decode_options_init (&options);
          options.time_budget_ms = 2000;
          symbols = suyuan_decode_file (png, &options, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < symbols->len; i++)
            {
              const SuyuanSymbol *s = g_ptr_array_index (symbols, i);
              g_autoptr(GString) text = g_string_new_len (s->payload, s->payload_length);

              g_string_replace (text, "\x1d", "", 0);
              read |= g_str_equal (text->str, want);
              /* The symbology is known, never guessed. */
              if (g_str_has_prefix (folder, "dmre"))
                g_assert_cmpstr (s->symbology, ==, "datamatrix");
              else if (g_str_has_prefix (folder, "itf14"))
                g_assert_cmpstr (s->aim, ==, "]I1");
              else
                g_assert_cmpstr (s->symbology, ==, "upce");
            }
          total++;
          if (photo)
            photos++, photos_read += read;
          else if (!read)
            g_error ("%s/%s: not read", folder, name);
        }
    }
  g_assert_cmpuint (total, ==, 7 * 6);
  /* All distortions at once: most, not all (zxing-cpp reads as many). */
  g_assert_cmpuint (photos_read * 4, >=, photos * 3);
  g_test_message ("photo-like: %u of %u read", photos_read, photos);
  {
    const char *argv[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

/* Interleaved 2 of 5 reads noise as short codes, and its only check is the
 * GS1 check digit of ITF-14: zbarimg and ZXingReader report both of these;
 * every engine's result passes our one check, so we report neither. */
static void
test_itf_not_itf14 (void)
{
  static const char *const data[] = { "15400141288760" /* wrong check digit */, "1234567890" };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;

  if (g_find_program_in_path ("zint") == NULL)
    {
      g_test_skip ("zint is not installed (scripts/dev deps)");
      return;
    }
  tmp = g_dir_make_tmp ("suyuan-itf-XXXXXX", &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (data); i++)
    {
      g_autofree char *png = g_build_filename (tmp, "itf.png", NULL);
      const char *argv[] = { "zint", "-b", "C25INTER", "--scale=2", "--quietzones", "-d", data[i],
                             "-o", png, NULL };
      g_autoptr(GPtrArray) symbols = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      symbols = suyuan_decode_file (png, NULL, &error);
      g_assert_no_error (error);
      if (symbols->len > 0)
        g_error ("ITF %s: reported “%s”", data[i], ((SuyuanSymbol *) symbols->pdata[0])->payload);
      g_unlink (png);
    }
  g_rmdir (tmp);
}

static char *
run_scan (const char *const *args,
          int                *exit_status,
          char              **err_out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL, err = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("SUYUAN_CTL"));
  g_ptr_array_add (argv, "scan");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *exit_status = g_subprocess_get_exit_status (proc);
  /* Empty GBytes have NULL data: return "" for them. */
  *err_out = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  return g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
}

static void
test_cli_text (void)
{
  g_autofree char *gs1 = corpus_file ("datamatrix-1/gs1-figure-4.15.1-2-32x32.png");
  g_autofree char *qr = corpus_file ("qrcode-1/1.png");
  g_autofree char *none = corpus_file ("falsepositives-1/01.png");
  g_autofree char *err = NULL;
  const char *args[] = { "--text", none, gs1, "/nonexistent/missing.png", qr, NULL };
  g_autofree char *out = NULL;
  int status;

  if (gs1 == NULL || qr == NULL || none == NULL)
    return;
  out = run_scan (args, &status, &err);
  /* Only the payloads, raw GS bytes kept; the missing file is an error on
   * stderr and a non-zero exit, and the files after it are still read. */
  g_assert_cmpstr (out, ==,
                   "01095040000591012112345678p901\x1d" "101234567p\x1d" "171411208200http://www.gs1.org/demo/\n"
                   "MEBKM:URL:http\\://en.wikipedia.org/wiki/Main_Page;;\n");
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "/nonexistent/missing.png"));
}

static void
test_cli_json (void)
{
  g_autofree char *qr = corpus_file ("qrcode-1/1.png");
  g_autofree char *none = corpus_file ("falsepositives-1/02.png");
  g_autofree char *err = NULL;
  const char *args[] = { "--json", qr, none, NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o, *pos;
  int status;

  if (qr == NULL || none == NULL)
    return;
  out = run_scan (args, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* One line: the image without a barcode prints nothing. */
  g_assert_nonnull (strchr (out, '\n'));
  g_assert_cmpstr (strchr (out, '\n') + 1, ==, "");
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, qr);
  g_assert_cmpstr (json_object_get_string_member (o, "symbology"), ==, "qrcode");
  g_assert_cmpstr (json_object_get_string_member (o, "aim"), ==, "]Q1");
  g_assert_cmpstr (json_object_get_string_member (o, "payload"), ==,
                   "MEBKM:URL:http\\://en.wikipedia.org/wiki/Main_Page;;");
  pos = json_object_get_object_member (o, "position");
  /* The QR code fills most of this 358x310 photo. */
  g_assert_cmpint (json_object_get_int_member (pos, "x"), <, 60);
  g_assert_cmpint (json_object_get_int_member (pos, "y"), <, 60);
  g_assert_cmpint (json_object_get_int_member (pos, "width"), >, 250);
  g_assert_cmpint (json_object_get_int_member (pos, "height"), >, 230);
}

static guint32
crc32_png (guint32       crc,
           const guint8 *data,
           gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static GBytes *
zlib_pack (const guint8 *data,
           gsize         len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
png_chunk (GByteArray   *png,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  guint8 be[4] = { len >> 24, len >> 16, len >> 8, len };
  guint32 crc;

  g_byte_array_append (png, be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  g_byte_array_append (png, data, (guint) len);
  crc = crc32_png (crc32_png (0, (const guint8 *) type, 4), data, len);
  be[0] = crc >> 24; be[1] = crc >> 16; be[2] = crc >> 8; be[3] = crc;
  g_byte_array_append (png, be, 4);
}

/* A valid 20000 × 20000 white PNG (1-bit grey) of some 60 KB: 400 million
 * pixels took `scan` 18.6 s and 2 GB. It is refused from its header. */
static void
test_huge_image_refused (void)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const guint side = 20000, row = 1 + side / 8;
  guint8 ihdr[13] = { side >> 24, side >> 16, side >> 8, side & 0xff,
                      side >> 24, side >> 16, side >> 8, side & 0xff, 1, 0, 0, 0, 0 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree guint8 *rows = g_malloc0 ((gsize) row * side);
  g_autoptr(GBytes) packed = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "suyuan-huge-XXXXXX.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) symbols = NULL;
  struct rusage usage;
  int fd;

  for (guint y = 0; y < side; y++)
    memset (rows + (gsize) y * row + 1, 0xff, row - 1);
  packed = zlib_pack (rows, (gsize) row * side);
  g_byte_array_append (png, signature, sizeof signature);
  png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  png_chunk (png, "IDAT", g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
  png_chunk (png, "IEND", NULL, 0);
  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, (const char *) png->data, png->len, NULL));
  g_clear_pointer (&rows, g_free);

  symbols = suyuan_decode_file (path, NULL, &error);
  g_assert_null (symbols);
  g_assert_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY);
  g_assert_nonnull (strstr (error->message, "20000 × 20000"));
  /* Nothing the size of the image was ever held (it would be 1.2 GB). */
  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  g_assert_cmpint (usage.ru_maxrss, <, 300 * 1024);
  g_unlink (path);

  g_assert_true (suyuan_decode_size_ok (8160, 6120, NULL));   /* a 50 MP phone photo */
  g_assert_false (suyuan_decode_size_ok (0, 10, NULL));
  g_assert_false (suyuan_decode_size_ok (G_MAXINT, G_MAXINT, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = g_strdup_printf ("/decode/%s/%s", expected[i].symbology, expected[i].image);

      g_test_add_data_func (name, &expected[i], test_symbology);
    }
  g_test_add_func ("/decode/no-barcode-no-result", test_no_barcode_no_result);
  g_test_add_func ("/decode/no-misread", test_no_misread);
  g_test_add_func ("/decode/qr-charsets", test_qr_charsets);
  g_test_add_func ("/decode/zint-dmre-itf14-upce", test_zint_symbols);
  g_test_add_func ("/decode/itf-not-itf14", test_itf_not_itf14);
  g_test_add_func ("/decode/cli-text", test_cli_text);
  g_test_add_func ("/decode/cli-json", test_cli_json);
  g_test_add_func ("/decode/huge-image-refused", test_huge_image_refused);
  return g_test_run ();
}
