/* test-code.c — the code layer, table-driven: what each input must yield.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "code.h"
#include "digital-link.h"

#include <string.h>

typedef struct {
  const char *input;
  const char *kind;
  gboolean valid;
  const char *gtin;
  const char *lot;
  const char *serial;
  guint32 expiry;
  const char *ai_list;       /* "01=…|10=…" in order, NULL = don't care */
  const char *error_part;    /* substring of the error, when invalid */
} CodeCase;

static const CodeCase cases[] = {
  /* GS1 DataMatrix with AIM prefix, pre-defined lengths need no GS */
  { "]d2010690123456789217250331" "10A2501", "gs1", TRUE, "06901234567892", "A2501", NULL, 20250331,
    "01=06901234567892|17=250331|10=A2501", NULL },
  /* variable-length lot ended by GS, then serial; <GS> as typed by scripts */
  { "]C1010690123456789210A2611<GS>21SN0001<GS>17270400", "gs1", TRUE, "06901234567892", "A2611", "SN0001", 20270430,
    "01=06901234567892|10=A2611|21=SN0001|17=270400", NULL },
  /* the same from a keyboard-wedge scanner: no AIM prefix, real GS byte */
  { "010690123456789210A2611\x1d" "21SN0001", "gs1", TRUE, "06901234567892", "A2611", "SN0001", 0,
    "01=06901234567892|10=A2611|21=SN0001", NULL },
  /* wrong GTIN check digit names the AI */
  { "]Q3010690123456789317250331", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(01)" },
  /* impossible date */
  { "]d2010690123456789217251332", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(17)" },
  /* serial without GTIN */
  { "]d221ABC", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(21)" },
  /* over-long lot (21 characters) */
  { "]d20106901234567892101234567890123456789012", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(10)" },
  /* GS1 Digital Link with query attribute */
  { "https://id.example.com/01/06901234567892/10/A2611?17=270430", "gs1-digital-link", TRUE,
    "06901234567892", "A2611", NULL, 20270430, "01=06901234567892|10=A2611|17=270430", NULL },
  /* odd host, path prefix and percent-encoding */
  { "https://x.y.z:8443/some/prefix/01/06901234567892/21/A%2FB", "gs1-digital-link", TRUE,
    "06901234567892", NULL, "A/B", 0, "01=06901234567892|21=A/B", NULL },
  /* Suyuan's own producer code */
  { "https://trace.example.cn/p/honey-500/10/2511/21/000123?17=271031", "suyuan", TRUE,
    NULL, "2511", "000123", 20271031, "10=2511|21=000123|17=271031", NULL },
  /* a URI names each AI once; a producer key is text without control characters */
  { "https://id.example.com/01/06901234567892?17=270430&17=270430", "gs1-digital-link", FALSE,
    NULL, NULL, NULL, 0, NULL, "(17) appears more than once" },
  { "https://trace.example.cn/p/ke%01y/10/2511", "suyuan", FALSE, NULL, NULL, NULL, 0, NULL, "Product key" },
  { "6901234567892", "ean13", TRUE, "06901234567892", NULL, NULL, 0, NULL, NULL },
  { "6901234567893", "ean13", FALSE, NULL, NULL, NULL, 0, NULL, "check digit" },
  { "]E06901234567892", "ean13", TRUE, "06901234567892", NULL, NULL, 0, NULL, NULL },
  { "81234560000000011234", "drug-trace", TRUE, NULL, NULL, "000000001", 0, NULL, NULL },
  { "https://example.gov.cn/trace?id=123", "trace-url", TRUE, NULL, NULL, NULL, 0, NULL, NULL },
  { "<b>not a code</b>", "text", TRUE, NULL, NULL, NULL, 0, NULL, NULL },
  { "", "text", FALSE, NULL, NULL, NULL, 0, NULL, "Empty" },
  /* (7003) is fixed-length but not pre-defined: without GS the next AI runs into it */
  { "]d2010690123456789270032503311400" "10ABC", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(7003)" },
  { "]d2010690123456789270032503311400\x1d" "10ABC", "gs1", TRUE, "06901234567892", "ABC", NULL, 20250331,
    "01=06901234567892|7003=2503311400|10=ABC", NULL },
  /* (7003) with an hour past 23 */
  { "]d2010690123456789270032503312460", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(7003)" },
  /* unknown AI (23) */
  { "]d2010690123456789223ABC", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(23" },
  /* country of origin that ISO 3166 does not know, then one it does (156 = China) */
  { "]d20106901234567892422999", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(422)" },
  { "]d20106901234567892422156", "gs1", TRUE, "06901234567892", NULL, NULL, 0, "01=06901234567892|422=156", NULL },
  /* 29 February only in leap years; DD=00 is the month's last day */
  { "]d2010690123456789217270229", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(17)" },
  { "]d2010690123456789217280229", "gs1", TRUE, "06901234567892", NULL, NULL, 20280229, NULL, NULL },
  { "]d2010690123456789217280200", "gs1", TRUE, "06901234567892", NULL, NULL, 20280229, NULL, NULL },
  /* (01) and (02) are exclusive; (37) needs (00) and (02) */
  { "]C10106901234567892\x1d" "0206901234567892", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(01) and AI (02)" },
  { "]C10206901234567892" "3710", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(37) needs (00)" },
  /* the same AI twice with different values */
  { "]C1010690123456789210A\x1d" "10B", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "twice" },
  /* CSET 39 of (8010) allows no lower case */
  { "]d28010abc\x1d" "8011123", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(8010)" },
  /* SSCC with a wrong check digit; GS1-128 with its leading FNC1 as GS */
  { "]C1003069012345678901231", "gs1", FALSE, NULL, NULL, NULL, 0, NULL, "(00)" },
  { "]C1\x1d" "0106901234567892" "15270600", "gs1", TRUE, "06901234567892", NULL, NULL, 0, NULL, NULL },
  /* what people type from the label text */
  { "(01)06901234567892(10)A(B)1(17)250300", "gs1", TRUE, "06901234567892", "A(B)1", NULL, 20250331,
    "01=06901234567892|10=A(B)1|17=250300", NULL },
  /* a bare GTIN-14 (ITF-14) */
  { "]I116901234567899", "gs1", TRUE, "16901234567899", NULL, NULL, 0, "01=16901234567899", NULL },
  /* UPC-E: ]E0 says it is not EAN-8; expanded to UPC-A 012345000065 */
  { "]E001234565", "upce", TRUE, "00012345000065", NULL, NULL, 0, NULL, NULL },
  { "04252614", "upce", TRUE, "00042100005264", NULL, NULL, 0, NULL, NULL },
  { "96385074", "ean8", TRUE, "00000096385074", NULL, NULL, 0, NULL, NULL },
  { "036000291452", "upca", TRUE, "00036000291452", NULL, NULL, 0, NULL, NULL },
  { "036000291453", "upca", FALSE, NULL, NULL, NULL, 0, NULL, "check digit" },
  /* Digital Link: GTIN-13 in the path is widened; a prefix that looks like a key */
  { "https://example.com/01/6901234567892/10/L1/21/X?linkType=gs1:pip", "gs1-digital-link", TRUE,
    "06901234567892", "L1", "X", 0, "01=06901234567892|10=L1|21=X", NULL },
  { "https://shop.example/01/menu/01/06901234567892/21/X", "gs1-digital-link", TRUE,
    "06901234567892", NULL, "X", 0, "01=06901234567892|21=X", NULL },
  /* qualifiers out of GS1 order; a serial in the query; a bad escape; UTF-8 outside CSET 82 */
  { "https://example.com/01/06901234567892/21/X/10/L", "gs1-digital-link", FALSE, NULL, NULL, NULL, 0, NULL, "(10)" },
  { "https://example.com/01/06901234567892?21=X", "gs1-digital-link", FALSE, NULL, NULL, NULL, 0, NULL, "(21)" },
  { "https://example.com/01/06901234567892/10/%00", "gs1-digital-link", FALSE, NULL, NULL, NULL, 0, NULL, "(10)" },
  { "https://example.com/01/06901234567892/10/%E4%B8%AD", "gs1-digital-link", FALSE, NULL, NULL, NULL, 0, NULL, "(10)" },
  /* other keys: a GLN with its extension; an odd port and user info */
  { "https://e.com/414/6901234567892/254/A1", "gs1-digital-link", TRUE, NULL, NULL, NULL, 0,
    "414=6901234567892|254=A1", NULL },
  { "https://user@[::1]:8080/01/06901234567892?17=270400", "gs1-digital-link", TRUE,
    "06901234567892", NULL, NULL, 20270430, NULL, NULL },
  /* a producer code whose product key needs escaping */
  { "https://trace.example.cn/p/honey%20500/10/2511", "suyuan", TRUE, NULL, "2511", NULL, 0, "10=2511", NULL },
  /* a drug platform's URL carrying the trace code: kept as a URL, drug fields filled */
  { "https://yp.example.cn/q?from=scan&code=81234560000000011234#x", "trace-url", TRUE, NULL, NULL, "000000001", 0, NULL, NULL },
  /* drug standard code (本位码) */
  { "86900187000037", "drug-standard", TRUE, NULL, NULL, NULL, 0, NULL, NULL },
  /* drug trace code from a Code 128 scanner with AIM prefix */
  { "]C081234560000000011234", "drug-trace", TRUE, NULL, NULL, "000000001", 0, NULL, NULL },
};

static char *
ai_list (const SuyuanCode *code)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < code->ai->len; i++)
    {
      const SuyuanAiValue *pair = &g_array_index (code->ai, SuyuanAiValue, i);
      g_string_append_printf (s, "%s%s=%s", i ? "|" : "", pair->ai, pair->value);
    }
  return g_string_free (s, FALSE);
}

static void
test_case (gconstpointer data)
{
  const CodeCase *c = data;
  g_autoptr(SuyuanCode) code = suyuan_code_parse (c->input, -1);

  g_assert_cmpstr (suyuan_code_kind_to_string (code->kind), ==, c->kind);
  g_assert_cmpint (code->valid, ==, c->valid);
  if (!c->valid)
    {
      g_assert_nonnull (code->error);
      g_assert_nonnull (strstr (code->error, c->error_part));
      return;
    }
  g_assert_null (code->error);
  g_assert_cmpstr (code->gtin, ==, c->gtin);
  g_assert_cmpstr (code->lot, ==, c->lot);
  g_assert_cmpstr (code->serial, ==, c->serial);
  g_assert_cmpuint (code->expiry, ==, c->expiry);
  if (c->ai_list)
    {
      g_autofree char *list = ai_list (code);
      g_assert_cmpstr (list, ==, c->ai_list);
    }
}

static void
test_drug_identifier (void)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("81234560000000011234", -1);

  g_assert_cmpstr (code->drug_id, ==, "8123456");
}

static void
test_too_long (void)
{
  g_autofree char *input = g_strnfill (SUYUAN_CODE_MAX_INPUT + 10, '1');
  g_autoptr(SuyuanCode) code = suyuan_code_parse (input, -1);

  g_assert_false (code->valid);
  g_assert_cmpuint (strlen (code->raw), <=, SUYUAN_CODE_MAX_INPUT);
}

static void
test_invalid_utf8_kept_safe (void)
{
  /* the second came from the fuzzer: an "AIM prefix" cutting a replaced byte */
  static const char *const inputs[] = { "ab\xff\xfe" "cd", "]E\xd0" "001\xcc" "4565" };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(SuyuanCode) code = suyuan_code_parse (inputs[i], -1);

      g_assert_true (g_utf8_validate (code->raw, -1, NULL));
      g_assert_null (code->aim);
    }
}

/* GS1 Digital Link URI Syntax 1.2, rule by rule (checked against the
 * standard's grammar and GS1's reference parser, gs1-syntax-engine dl.c):
 * valid URIs give these AIs, invalid ones an error naming what is wrong. */
typedef struct {
  const char *rule;
  const char *input;
  const char *ai_list;     /* when valid */
  const char *error_part;  /* when invalid */
} DlRule;

static const DlRule dl_rules[] = {
  /* The scheme is exactly "http" or "https", lower case. */
  { "scheme-https", "https://id.example.cn/01/06901234567892", "01=06901234567892", NULL },
  { "scheme-http", "http://id.example.cn/01/06901234567892", "01=06901234567892", NULL },
  { "scheme-upper", "HTTPS://id.example.cn/01/06901234567892", NULL, "lower case" },
  { "scheme-mixed", "Https://id.example.cn/01/06901234567892", NULL, "lower case" },
  /* Key qualifiers (22, 10, 21 for a GTIN) go in the path, never the query;
   * a qualifier of another chain (10 after 235) is a plain attribute. */
  { "qualifier-in-query-10", "https://e.cn/01/06901234567892?10=A1", NULL, "(10)" },
  { "qualifier-in-query-21", "https://e.cn/01/06901234567892/10/A1?21=S1", NULL, "(21)" },
  { "qualifier-in-query-22", "https://e.cn/01/06901234567892/10/A1?22=V1", NULL, "(22)" },
  { "qualifier-other-chain", "https://e.cn/01/06901234567892/235/XYZ?10=A1",
    "01=06901234567892|235=XYZ|10=A1", NULL },
  { "attribute-in-query", "https://e.cn/01/06901234567892/10/A1?17=270430&linkType=gs1:pip",
    "01=06901234567892|10=A1|17=270430", NULL },
  /* Nothing follows the last value: no trailing slash (a lone '?' is fine). */
  { "trailing-slash", "https://e.cn/01/06901234567892/10/A1/", NULL, "slash" },
  { "empty-query", "https://e.cn/01/06901234567892/10/A1?", "01=06901234567892|10=A1", NULL },
  /* Hosts: IPv6 literals yes, with a zone identifier no. */
  { "ipv6", "https://[2001:db8::1]/01/06901234567892", "01=06901234567892", NULL },
  { "ipv6-zone", "https://[fe80::1%25lo]/01/06901234567892", NULL, "zone" },
  /* '+' is a space in a query value (and so outside CSET 82), itself in the path. */
  { "plus-in-path", "https://e.cn/01/06901234567892/22/A+1", "01=06901234567892|22=A+1", NULL },
  { "plus-in-query", "https://e.cn/01/06901234567892?99=A+1", NULL, "(99)" },
  { "percent-plus-in-query", "https://e.cn/01/06901234567892?99=A%2B1",
    "01=06901234567892|99=A+1", NULL },
  /* Convenience alphas are read as their numeric AIs. */
  { "alpha-gtin-ser", "https://e.cn/gtin/06901234567892/ser/S1", "01=06901234567892|21=S1", NULL },
  { "alpha-gtin-lot-ser", "https://e.cn/gtin/06901234567892/lot/L1/ser/S1",
    "01=06901234567892|10=L1|21=S1", NULL },
  { "alpha-sscc", "https://e.cn/sscc/069012340000000016", "00=069012340000000016", NULL },
  { "alpha-value-is-not-an-ai", "https://e.cn/01/06901234567892/10/lot", "01=06901234567892|10=lot", NULL },
  /* Unknown AIs, in the path or the query; each AI once. */
  { "unknown-ai-query", "https://e.cn/01/06901234567892?999=X", NULL, "(999)" },
  { "unknown-ai-path", "https://e.cn/01/06901234567892/89/X", NULL, "(89)" },
  { "repeated-query", "https://e.cn/01/06901234567892?17=270430&17=270430", NULL, "(17)" },
  { "repeated-path-query", "https://e.cn/01/06901234567892/10/A1?01=06901234567892", NULL, "(01)" },
  /* Values within their AI's character set and length. */
  { "gtin-letters", "https://e.cn/01/0690123456789A", NULL, "(01)" },
  { "gtin-check-digit", "https://e.cn/01/06901234567893", NULL, "(01)" },
  { "lot-too-long", "https://e.cn/01/06901234567892/10/123456789012345678901", NULL, "(10)" },
  { "lot-outside-cset82", "https://e.cn/01/06901234567892/10/A%7E1", NULL, "(10)" },
  { "date-impossible", "https://e.cn/01/06901234567892?17=271340", NULL, "(17)" },
  /* Characters a URI must percent-encode. */
  { "raw-space", "https://e.cn/01/06901234567892/10/A 1", NULL, "percent-encode" },
};

static void
test_digital_link_rule (gconstpointer data)
{
  const DlRule *r = data;
  g_autoptr(SuyuanCode) code = suyuan_code_parse (r->input, -1);

  g_assert_cmpstr (suyuan_code_kind_to_string (code->kind), ==, "gs1-digital-link");
  if (r->ai_list != NULL)
    {
      g_autofree char *list = ai_list (code);

      g_assert_null (code->error);
      g_assert_true (code->valid);
      g_assert_cmpstr (list, ==, r->ai_list);
    }
  else
    {
      g_assert_false (code->valid);
      g_assert_nonnull (code->error);
      if (strstr (code->error, r->error_part) == NULL)
        g_error ("%s: error “%s” does not name “%s”", r->rule, code->error, r->error_part);
    }
}

/* Element string → Digital Link → parsed again gives the same AIs. */
static void
test_digital_link_round_trip (void)
{
  g_autoptr(SuyuanCode) code = suyuan_code_parse ("]d2010690123456789217270430" "10A1/2\x1d" "21S%1&x", -1);
  g_autofree char *uri = suyuan_digital_link_build ("https://id.example.cn/", code);
  g_autoptr(SuyuanCode) back = suyuan_code_parse (uri, -1);

  g_assert_true (code->valid);
  g_assert_cmpstr (uri, ==, "https://id.example.cn/01/06901234567892/10/A1%2F2/21/S%251%26x?17=270430");
  g_assert_true (back->valid);
  g_assert_cmpstr (back->lot, ==, "A1/2");
  g_assert_cmpstr (back->serial, ==, "S%1&x");
  g_assert_cmpuint (back->expiry, ==, 20270430);
}

/* Digital Link from element strings: keys, qualifier order, attributes,
 * and AIs that no Digital Link may carry. */
static void
test_digital_link_build (void)
{
  static const struct { const char *in, *uri; } cases[] = {
    { "]d20106901234567892" "17270430" "10L1\x1d" "21S1\x1d" "22V", "https://r.cn/01/06901234567892/22/V/10/L1/21/S1?17=270430" },
    { "]C100006901234567890121" "4000RDER7", "https://r.cn/00/006901234567890121?400=0RDER7" },
    /* (8040) IMEI is no Digital Link attribute */
    { "]C10106901234567892" "21S1\x1d" "8040123456789012345", NULL },
    { "]C10106901234567892" "235TPX1", "https://r.cn/01/06901234567892/235/TPX1" },
    { "]C14146901234567892" "254A1", "https://r.cn/414/6901234567892/254/A1" },
    { "]C10106901234567892" "4330001234", "https://r.cn/01/06901234567892?4330=001234" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SuyuanCode) code = suyuan_code_parse (cases[i].in, -1);
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = suyuan_digital_link_build_full ("https://r.cn", code, &error);

      g_test_message ("%s → %s", cases[i].in, uri ? uri : error->message);
      g_assert_cmpstr (uri, ==, cases[i].uri);
      if (uri == NULL)
        g_assert_nonnull (error);
    }
}

/* A Digital Link and the element string it stands for are the same code. */
static void
test_digital_link_equivalence (void)
{
  g_autoptr(SuyuanCode) dl = suyuan_code_parse ("https://a.b/c/01/06901234567892/10/L%2F1?3103=000750&17=270400", -1);
  g_autoptr(SuyuanCode) es = suyuan_code_parse (dl->element_string, -1);

  g_assert_true (dl->valid);
  g_assert_cmpstr (dl->element_string, ==, "010690123456789210L/1\x1d" "3103000750" "17270400");
  g_assert_true (es->valid);
  g_assert_cmpstr (es->gtin, ==, dl->gtin);
  g_assert_cmpstr (es->lot, ==, dl->lot);
  g_assert_cmpuint (es->expiry, ==, dl->expiry);
  g_assert_cmpstr (es->element_string, ==, dl->element_string);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/code/table/%02u", (guint) i);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/code/drug-identifier", test_drug_identifier);
  g_test_add_func ("/code/too-long", test_too_long);
  for (gsize i = 0; i < G_N_ELEMENTS (dl_rules); i++)
    {
      g_autofree char *path = g_strdup_printf ("/code/digital-link-rule/%s", dl_rules[i].rule);

      g_test_add_data_func (path, &dl_rules[i], test_digital_link_rule);
    }
  g_test_add_func ("/code/digital-link-round-trip", test_digital_link_round_trip);
  g_test_add_func ("/code/digital-link-build", test_digital_link_build);
  g_test_add_func ("/code/digital-link-equivalence", test_digital_link_equivalence);
  g_test_add_func ("/code/invalid-utf8", test_invalid_utf8_kept_safe);
  return g_test_run ();
}
