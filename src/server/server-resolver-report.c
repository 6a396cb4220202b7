/* server-resolver-report.c — POST /resolver/report: the public page's 举报
 * form, stored as a "public-report" record for the regulator. No account;
 * bounded in size and rate-limited per client address.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-resolver-private.h"
#include "server-reply.h"

#include <glib/gi18n.h>
#include <string.h>

#define MAX_FORM_BYTES 8192
#define MAX_MESSAGE_CHARS 1000
#define MAX_CONTACT_CHARS 100
#define MAX_CODE_BYTES 1024

/* Valid UTF-8 of 1..@max characters (0.. when @optional). */
static gboolean
field_ok (const char *text,
          glong       max,
          gboolean    optional)
{
  if (text == NULL || *text == '\0')
    return optional;
  return g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) <= max;
}

static void
record_free (ServerRecord *r)
{
  g_free (r->uuid);
  g_free (r->kind);
  g_free (r->created_at);
  g_free (r->data);
  g_free (r->refusal);
  g_free (r);
}

static void
reply_page (SoupServerMessage *msg,
            ServerLang         lang,
            guint              status,
            const char        *title,
            const char        *text)
{
  server_resolver_reply (msg, status, "text/html; charset=utf-8",
                         server_resolver_message_html (lang, server_gettext (lang, title),
                                                       server_gettext (lang, text)));
}

static char *
report_json (const char *code,
             const char *message,
             const char *contact,
             const char *client)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *client_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, client ? client : "", -1);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "contact");
  json_builder_add_string_value (b, contact ? contact : "");
  /* Enough to see one source of many reports, not who it was. */
  json_builder_set_member_name (b, "client");
  client_hash[16] = '\0';
  json_builder_add_string_value (b, client_hash);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

void
server_handle_report (ServerContext         *ctx,
                      SoupServerMessage     *msg,
                      GHashTable            *query,
                      const ServerPrincipal *who)
{
  ServerLang lang = server_lang_from_header (soup_message_headers_get_one (
                      soup_server_message_get_request_headers (msg), "Accept-Language"));
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  ServerRecord *record;
  const char *code, *message, *contact;
  guint retry;

  if (ctx->resolver == NULL)
    {
      server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "no such endpoint");
      return;
    }
  if (!server_rate_limit_take (ctx->resolver->reports, server_resolver_client (msg), &retry))
    {
      reply_page (msg, lang, 429, N_("Too many reports"),
                  N_("This connection has sent several reports already. Please try again later or call 12315."));
      return;
    }
  if (body->length == 0 || body->length > MAX_FORM_BYTES)
    {
      reply_page (msg, lang, SOUP_STATUS_BAD_REQUEST, N_("The report was not sent"),
                  N_("Describe the problem in at most 1000 characters."));
      return;
    }
  text = g_strndup (body->data, body->length);
  form = soup_form_decode (text);
  code = g_hash_table_lookup (form, "code");
  message = g_hash_table_lookup (form, "message");
  contact = g_hash_table_lookup (form, "contact");
  if (code == NULL || strlen (code) > MAX_CODE_BYTES || !g_str_has_prefix (code, "http")
      || !g_utf8_validate (code, -1, NULL)
      || !field_ok (message, MAX_MESSAGE_CHARS, FALSE) || !field_ok (contact, MAX_CONTACT_CHARS, TRUE))
    {
      reply_page (msg, lang, SOUP_STATUS_BAD_REQUEST, N_("The report was not sent"),
                  N_("Describe the problem in at most 1000 characters."));
      return;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  record = g_new0 (ServerRecord, 1);
  record->uuid = g_uuid_string_random ();
  record->kind = g_strdup ("public-report");
  record->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  record->data = report_json (code, message, contact, server_resolver_client (msg));
  g_ptr_array_add (records, record);
  if (!server_store_add_records (ctx->store, records, "public-resolver", NULL, NULL, &error))
    {
      g_warning ("report: %s", error->message);
      reply_page (msg, lang, SOUP_STATUS_INTERNAL_SERVER_ERROR, N_("The report was not sent"),
                  N_("Please try again later or call 12315."));
      return;
    }
  reply_page (msg, lang, SOUP_STATUS_OK, N_("Thank you, your report was received"),
              N_("The market regulator will look into it."));
}
