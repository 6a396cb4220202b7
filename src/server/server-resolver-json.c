/* server-resolver-json.c — the resolver's facts as JSON and as an RFC 9264
 * linkset (GS1-Conformant Resolver): the same facts the page shows.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-reply.h"
#include "server-resolver-private.h"

#include <glib/gi18n.h>
#include <string.h>

static void
member_date (JsonBuilder *b,
             const char  *name,
             guint32      ymd)
{
  g_autofree char *text = ymd ? g_strdup_printf ("%04u-%02u-%02u", ymd / 10000, ymd / 100 % 100, ymd % 100) : NULL;

  server_json_member_string (b, name, text);
}

void
server_resolution_to_json (const ServerResolution *res,
                           ServerLang              lang,
                           JsonBuilder            *b)
{
  const SuyuanLookup *lookup = res->lookup;
  const SuyuanProduct *product = lookup->product;
  const SuyuanParty *producer = lookup->producer;
  const SuyuanBatch *batch = lookup->batch;

  json_builder_begin_object (b);
  server_json_member_string (b, "url", res->self_url);
  server_json_member_string (b, "language", server_lang_tag (lang));

  json_builder_set_member_name (b, "status");
  json_builder_begin_object (b);
  server_json_member_string (b, "id", res->status);
  server_json_member_string (b, "level", res->status_class);
  server_json_member_string (b, "title", server_gettext (lang, res->status_title));
  server_json_member_string (b, "notice", res->notice);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "product");
  json_builder_begin_object (b);
  server_json_member_string (b, "name", product->name);
  server_json_member_string (b, "spec", product->spec);
  server_json_member_string (b, "gtin", product->gtin);
  server_json_member_string (b, "product_key", product->product_key);
  server_json_member_string (b, "category", product->category);
  server_json_member_string (b, "approval_no", product->approval_no);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "producer");
  if (producer != NULL)
    {
      json_builder_begin_object (b);
      server_json_member_string (b, "name", producer->name);
      server_json_member_string (b, "licence_no", producer->licence_no);
      server_json_member_string (b, "licence_status", producer->licence_status);
      member_date (b, "licence_valid_until", producer->licence_valid_until);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "batch");
  json_builder_begin_object (b);
  server_json_member_string (b, "lot", batch ? batch->lot : res->code->lot);
  member_date (b, "production_date", batch && batch->production ? batch->production : res->code->production);
  member_date (b, "expiry_date", batch && batch->expiry ? batch->expiry : res->code->expiry);
  server_json_member_string (b, "status", batch ? batch->status : NULL);
  json_builder_end_object (b);

  server_json_member_string (b, "serial", res->code->serial);

  json_builder_set_member_name (b, "trace");
  json_builder_begin_array (b);
  for (guint i = 0; i < res->steps->len; i++)
    {
      const ServerTraceStep *step = res->steps->pdata[i];

      json_builder_begin_object (b);
      server_json_member_string (b, "role", server_gettext (lang, step->role));
      server_json_member_string (b, "party", step->party);
      server_json_member_string (b, "city", step->city);
      server_json_member_string (b, "date", step->date);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (res->serialised)
    {
      json_builder_set_member_name (b, "queries");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, res->queries.count);
      json_builder_set_member_name (b, "networks");
      json_builder_add_int_value (b, res->queries.networks);
      server_json_member_string (b, "first_at", res->queries.first_at);
      json_builder_set_member_name (b, "suspicious");
      json_builder_add_boolean_value (b, res->queries.count >= SERVER_RESOLVER_WARN_CLIENTS
                                      || res->queries.networks >= SERVER_RESOLVER_WARN_NETWORKS);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

#define GS1_VOC "https://gs1.org/voc/"

static void
add_link (JsonBuilder *b,
      const char  *rel,
      const char  *href,
      const char  *title,
      const char  *type,
      ServerLang   lang)
{
  json_builder_set_member_name (b, rel);
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  server_json_member_string (b, "href", href);
  server_json_member_string (b, "title", title);
  server_json_member_string (b, "type", type);
  json_builder_set_member_name (b, "hreflang");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, server_lang_tag (lang));
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

/* One anchor (this code's URL), its default link and product information
 * page (both this page), and the same facts as JSON for traceability. */
void
server_resolution_linkset (const ServerResolution *res,
                           ServerLang              lang,
                           JsonBuilder            *b)
{
  const char *title = res->lookup->product->name;
  g_autofree char *json_href = g_strconcat (res->self_url, strchr (res->self_url, '?') ? "&" : "?",
                                            "linkType=gs1:traceability", NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "linkset");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  server_json_member_string (b, "anchor", res->self_url);
  add_link (b, GS1_VOC "defaultLink", res->self_url, title, "text/html", lang);
  add_link (b, GS1_VOC "pip", res->self_url, title, "text/html", lang);
  add_link (b, GS1_VOC "traceability", json_href, title, "application/json", lang);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
server_resolution_link_header (const ServerResolution *res)
{
  const char *sep = strchr (res->self_url, '?') ? "&" : "?";

  return g_strdup_printf ("<%s>; rel=\"" GS1_VOC "defaultLink\"; type=\"text/html\", "
                          "<%s>; rel=\"" GS1_VOC "pip\"; type=\"text/html\", "
                          "<%s%slinkType=all>; rel=\"linkset\"; type=\"application/linkset+json\"",
                          res->self_url, res->self_url, res->self_url, sep);
}
