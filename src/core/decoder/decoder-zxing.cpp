/* decoder-zxing.cpp — zxing-cpp for every symbology we read, behind a C call.
 * The project's only C++: it turns zxing-cpp's results into SuyuanSymbols
 * (our names, AIM identifiers, GS1 separators as 0x1D) and nothing else.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <string>

extern "C" {
#include "decoder-private.h"
}

using namespace ZXing;

static const BarcodeFormats formats = BarcodeFormat::QRCode | BarcodeFormat::DataMatrix
  | BarcodeFormat::EAN13 | BarcodeFormat::EAN8 | BarcodeFormat::UPCA | BarcodeFormat::UPCE
  | BarcodeFormat::Code128 | BarcodeFormat::DataBar | BarcodeFormat::DataBarExpanded
  | BarcodeFormat::ITF;

static const char *
name_of (BarcodeFormat format)
{
  switch (format)
    {
    case BarcodeFormat::QRCode: return "qrcode";
    case BarcodeFormat::DataMatrix: return "datamatrix";
    case BarcodeFormat::EAN13: return "ean13";
    case BarcodeFormat::UPCA: return "ean13";  /* as ZBar reports it: a GTIN-13 with a leading 0 */
    case BarcodeFormat::EAN8: return "ean8";
    case BarcodeFormat::UPCE: return "upce";
    case BarcodeFormat::Code128: return "code128";
    case BarcodeFormat::DataBar: return "databar";
    case BarcodeFormat::DataBarExpanded: return "databar-exp";
    case BarcodeFormat::ITF: return "itf";
    default: return nullptr;
    }
}

/* GS1 prefixes whose AIs have a predefined length (GS1 General
 * Specifications, figure 7.8.5-2): no separator follows them. */
static bool
predefined_length (const std::string &ai)
{
  static const char *const prefixes[] = { "00", "01", "02", "03", "04", "11", "12", "13", "14",
                                          "15", "16", "17", "18", "19", "20", "31", "32", "33",
                                          "34", "35", "36", "41" };

  return std::any_of (std::begin (prefixes), std::end (prefixes),
                      [&] (const char *p) { return ai.compare (0, 2, p) == 0; });
}

/* zxing-cpp 1.4 gives DataBar as "(01)…(10)…": back to an element string.
 * Text that is not in that shape is returned as it is. */
static std::string
element_string_from_hri (const std::string &hri)
{
  std::string out;
  size_t i = 0;

  if (hri.empty () || hri[0] != '(')
    return hri;
  while (i < hri.size ())
    {
      size_t close = hri.find (')', i);
      size_t next;
      std::string ai;

      if (hri[i] != '(' || close == std::string::npos)
        return hri;
      ai = hri.substr (i + 1, close - i - 1);
      next = hri.find ('(', close);
      if (next == std::string::npos)
        next = hri.size ();
      out += ai + hri.substr (close + 1, next - close - 1);
      if (next < hri.size () && !predefined_length (ai))
        out += '\x1d';
      i = next;
    }
  return out;
}

static void
add_result (const SuyuanGray *img,
            const Result     &r,
            GPtrArray        *out)
{
  const char *name = name_of (r.format ());
  std::string aim = r.symbologyIdentifier ();
  bool gs1 = r.contentType () == ContentType::GS1;
  const ByteArray &bytes = r.bytes ();
  std::string data (bytes.begin (), bytes.end ());
  SuyuanSymbol *s;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = G_MININT, y1 = G_MININT;

  if (name == nullptr || data.empty ())
    return;
  if (r.hasECI ())
    data = r.text ();  /* the symbol says its charset */
  if (r.format () == BarcodeFormat::QRCode || r.format () == BarcodeFormat::DataMatrix)
    {
      /* Without an ECI, we choose: printers in China write UTF-8 or GB18030
       * where the standards say ISO-8859-1. */
      if (!r.hasECI ())
        {
          gsize len;
          g_autofree char *text = suyuan_qr_bytes_to_text (data.data (), data.size (), &len);

          data.assign (text, len);
        }
      if (r.format () == BarcodeFormat::QRCode)
        aim = gs1 ? "]Q3" : "]Q1";
    }
  else if (!g_utf8_validate (data.data (), (gssize) data.size (), nullptr))
    data = r.text ();  /* Code 128's extended characters: ISO-8859-1 as UTF-8 */
  else if (r.format () == BarcodeFormat::DataBar || r.format () == BarcodeFormat::DataBarExpanded)
    {
      data = element_string_from_hri (data);
      gs1 = true;
    }
  else if (r.format () == BarcodeFormat::UPCA)
    data = "0" + data, aim = "]E0";
  if (r.format () == BarcodeFormat::ITF)
    aim = "]I1";  /* check digit verified: code.c reads it as ITF-14 */
  s = suyuan_symbol_new (name, aim.c_str (), data.data (), data.size (), gs1);
  for (const PointI &p : r.position ())
    x0 = std::min (x0, p.x), y0 = std::min (y0, p.y), x1 = std::max (x1, p.x), y1 = std::max (y1, p.y);
  s->x = x0, s->y = y0, s->width = x1 - x0 + 1, s->height = y1 - y0 + 1;
  suyuan_gray_map_box (img, s);
  g_ptr_array_add (out, s);
}

void
suyuan_zxing_scan (const SuyuanGray *img,
                   gboolean          strict,
                   GPtrArray        *out)
{
  ImageView view (img->data, img->width, img->height, ImageFormat::Lum);
  DecodeHints hints;

  hints.setFormats (formats);
  /* Its thorough search costs about five times the fast one on a busy
   * camera frame; big frames get the fast search at full size, and the
   * thorough one on decoder.c's half-size copy (no bigger than this). */
  hints.setTryHarder ((gint64) img->width * img->height <= 640 * 480);
  hints.setTryRotate (true);
  /* ITF has no check of its own beyond the GS1 check digit. */
  hints.setValidateITFCheckSum (true);
  /* Noise in a transformed copy can fake bars on a single line. */
  hints.setMinLineCount (strict ? 3 : 2);
  /* Its own scale pyramid merges results across sizes in a way Debian's
   * 1.4 (built with assertions) aborts on (a Code 128 seen on many lines):
   * decoder.c gives it our smaller copies instead. */
  hints.setTryDownscale (false);
  try
    {
      for (const Result &r : ReadBarcodes (view, hints))
        if (r.isValid ())
          add_result (img, r, out);
    }
  catch (...)
    {
      /* A decoder fault is a frame without a code, never a crash. */
      g_debug ("decoder: zxing-cpp threw on a %dx%d image", img->width, img->height);
    }
}
