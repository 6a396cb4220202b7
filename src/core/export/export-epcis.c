/* export-epcis.c — the events as an EPCIS 2.0 JSON-LD document, so other
 * traceability systems can take them in. GS1 Digital Link URIs name what has
 * a GTIN; the rest gets URNs in our own namespace.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "export-private.h"

#include <string.h>

#define SUYUAN_URN "urn:x-suyuan:"

static char *
escaped (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static char *
party_uri (const char *id)
{
  g_autofree char *e = escaped (id);

  return g_strconcat (SUYUAN_URN "party:", e, NULL);
}

/* One unit (with @serial) or a class of them (batch @lot, or the product). */
static char *
item_uri (const char *const *c,
          const char        *serial)
{
  const char *gtin = c[EXPORT_GTIN];
  const char *lot = c[EXPORT_LOT];
  g_autofree char *product = escaped (c[EXPORT_PRODUCT_ID] ? c[EXPORT_PRODUCT_ID] : "unknown");
  g_autofree char *key = NULL;

  if (serial != NULL)
    key = escaped (serial);
  else if (lot != NULL)
    key = escaped (lot);
  if (gtin != NULL)
    return key ? g_strdup_printf ("https://id.gs1.org/01/%s/%s/%s", gtin, serial ? "21" : "10", key)
               : g_strdup_printf ("https://id.gs1.org/01/%s", gtin);
  return key ? g_strdup_printf (SUYUAN_URN "product:%s:%s:%s", product, serial ? "serial" : "lot", key)
             : g_strdup_printf (SUYUAN_URN "product:%s", product);
}

/* Our event types as CBV 2.0 business steps. A recall is no CBV step: it
 * is "holding" with the disposition "recalled" (docs/data-format.md). */
static const struct {
  const char *type;
  const char *biz_step;
  const char *disposition;       /* when the event states none */
} cbv_steps[] = {
  { "commissioning", "commissioning", NULL },
  { "shipping", "shipping", NULL },
  { "receiving", "receiving", NULL },
  { "inspecting", "inspecting", NULL },
  { "sampling", "sampling", NULL },
  { "selling", "retail_selling", NULL },
  { "recalling", "holding", "recalled" },
  { "destroying", "destroying", NULL },
};

/* CBV 2.0 dispositions: other values go out as URIs of our own, which the
 * standard allows. */
static const char *const cbv_dispositions[] = {
  "active", "container_closed", "damaged", "destroyed", "dispensed", "disposed", "encoded",
  "expired", "in_progress", "in_transit", "inactive", "no_pedigree_match", "non_sellable_other",
  "partially_dispensed", "recalled", "reserved", "retail_sold", "returned",
  "sellable_accessible", "sellable_not_accessible", "stolen", "unknown", "available",
  "completeness_verified", "completeness_inferred", "conformant", "container_open",
  "mismatch_instance", "mismatch_class", "mismatch_quantity", "needs_replacement",
  "non_conformant", "unavailable",
};

static char *
vocabulary_uri (const char *kind,
                const char *value)
{
  g_autofree char *e = escaped (value);

  return g_strconcat (SUYUAN_URN, kind, ":", e, NULL);
}

static char *
biz_step (const char *type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cbv_steps); i++)
    if (g_strcmp0 (type, cbv_steps[i].type) == 0)
      return g_strdup (cbv_steps[i].biz_step);
  return type ? vocabulary_uri ("bizstep", type) : NULL;
}

static char *
disposition (const char *type,
             const char *value)
{
  if (value == NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (cbv_steps); i++)
        if (g_strcmp0 (type, cbv_steps[i].type) == 0)
          return g_strdup (cbv_steps[i].disposition);
      return NULL;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (cbv_dispositions); i++)
    if (strcmp (value, cbv_dispositions[i]) == 0)
      return g_strdup (value);
  if (strchr (value, ':') != NULL && g_uri_is_valid (value, G_URI_FLAGS_NONE, NULL))
    return g_strdup (value);
  return vocabulary_uri ("disposition", value);
}

static char *
time_zone_offset (const char *time)
{
  gsize n = time ? strlen (time) : 0;

  if (n > 6 && (time[n - 6] == '+' || time[n - 6] == '-') && time[n - 3] == ':')
    return g_strdup (time + n - 6);
  return g_strdup ("+00:00");
}

static void
add_party_list (JsonBuilder *b,
                const char  *list,
                const char  *key,
                const char  *party)
{
  g_autofree char *uri = NULL;

  if (party == NULL)
    return;
  uri = party_uri (party);
  json_builder_set_member_name (b, list);
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "owning_party");
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, uri);
  json_builder_end_object (b);
  json_builder_end_array (b);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_what (JsonBuilder       *b,
          const char *const *c)
{
  g_autofree char *uri = item_uri (c, c[EXPORT_SERIAL]);

  if (c[EXPORT_SERIAL] != NULL)
    {
      json_builder_set_member_name (b, "epcList");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, uri);
      json_builder_end_array (b);
      return;
    }
  json_builder_set_member_name (b, "quantityList");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "epcClass", uri);
  if (c[EXPORT_QUANTITY] != NULL)
    {
      json_builder_set_member_name (b, "quantity");
      json_builder_add_double_value (b, g_ascii_strtod (c[EXPORT_QUANTITY], NULL));
      add_string (b, "uom", "EA");
    }
  json_builder_end_object (b);
  json_builder_end_array (b);
}

gboolean
suyuan_epcis_event (const char *const *c,
             gpointer           data,
             GError           **error)
{
  JsonBuilder *b = data;
  g_autofree char *event_id = NULL;
  g_autofree char *offset = time_zone_offset (c[EXPORT_TIME]);
  g_autofree char *location = c[EXPORT_PARTY_ID] ? party_uri (c[EXPORT_PARTY_ID]) : NULL;
  g_autofree char *id = escaped (c[EXPORT_ID]);
  g_autofree char *step = biz_step (c[EXPORT_TYPE]);
  g_autofree char *disp = disposition (c[EXPORT_TYPE], c[EXPORT_DISPOSITION]);

  event_id = g_strconcat (SUYUAN_URN "event:", id, NULL);
  g_return_val_if_fail (c[EXPORT_ID] != NULL, FALSE);
  json_builder_begin_object (b);
  add_string (b, "type", "ObjectEvent");
  add_string (b, "eventID", event_id);
  add_string (b, "eventTime", c[EXPORT_TIME]);
  add_string (b, "eventTimeZoneOffset", offset);
  add_string (b, "action", g_strcmp0 (c[EXPORT_TYPE], "commissioning") == 0 ? "ADD" : "OBSERVE");
  add_string (b, "bizStep", step);
  add_string (b, "disposition", disp);
  add_what (b, c);
  if (location != NULL)
    {
      json_builder_set_member_name (b, "bizLocation");
      json_builder_begin_object (b);
      add_string (b, "id", location);
      json_builder_end_object (b);
    }
  add_party_list (b, "sourceList", "source", c[EXPORT_SOURCE]);
  add_party_list (b, "destinationList", "destination", c[EXPORT_DESTINATION]);
  json_builder_end_object (b);
  return TRUE;
}

void
suyuan_epcis_begin (JsonBuilder *b)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "@context");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "https://ref.gs1.org/standards/epcis/epcis-context.jsonld");
  json_builder_end_array (b);
  add_string (b, "type", "EPCISDocument");
  add_string (b, "schemaVersion", "2.0");
  add_string (b, "creationDate", created);
  json_builder_set_member_name (b, "epcisBody");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "eventList");
  json_builder_begin_array (b);
}

void
suyuan_epcis_end (JsonBuilder *b)
{
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* One event at a time to the stream: a store of a million events is never
 * one JSON tree in memory. */
typedef struct {
  GOutputStream *out;
  gboolean first;
} EpcisOut;

static gboolean
epcis_row (const char *const *c,
           gpointer           data,
           GError           **error)
{
  EpcisOut *epcis = data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (!suyuan_epcis_event (c, b, error))
    return FALSE;
  node = json_builder_get_root (b);
  text = json_to_string (node, TRUE);
  if (!g_output_stream_write_all (epcis->out, epcis->first ? "\n" : ",\n", epcis->first ? 1 : 2,
                                  NULL, NULL, error))
    return FALSE;
  epcis->first = FALSE;
  return g_output_stream_write_all (epcis->out, text, strlen (text), NULL, NULL, error);
}

gboolean
suyuan_export_epcis_stream (SuyuanStore          *store,
                            GOutputStream        *out,
                            GCancellable         *cancellable,
                            SuyuanExportProgress  progress,
                            gpointer              progress_data,
                            guint                *n_events,
                            GError              **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *head = NULL;
  static const char tail[] = "\n]}}\n";
  EpcisOut epcis = { out, TRUE };

  /* The same document suyuan_epcis_begin () starts, written as text. */
  head = g_strdup_printf ("{\"@context\":[\"https://ref.gs1.org/standards/epcis/epcis-context.jsonld\"],"
                          "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"%s\","
                          "\"epcisBody\":{\"eventList\":[", created);
  if (!g_output_stream_write_all (out, head, strlen (head), NULL, NULL, error)
      || !suyuan_export_each (store, epcis_row, &epcis, cancellable, progress, progress_data, n_events, error))
    return FALSE;
  return g_output_stream_write_all (out, tail, strlen (tail), NULL, NULL, error);
}

gboolean
suyuan_export_epcis (SuyuanStore   *store,
                     GOutputStream *out,
                     guint         *n_events,
                     GError       **error)
{
  g_return_val_if_fail (store != NULL && G_IS_OUTPUT_STREAM (out), FALSE);
  return suyuan_export_epcis_stream (store, out, NULL, NULL, NULL, n_events, error);
}
