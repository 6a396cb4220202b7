/* server-epcis-write.c — stored events back out as they were sent: the
 * repository adds its recordTime (and the eventID it made when there was
 * none), and the document's @context gathers the namespaces their
 * extensions were sent with.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-epcis-write.h"

#include <string.h>

void
server_epcis_context_init (ServerEpcisContext *ctx)
{
  ctx->prefixes = json_object_new ();
  ctx->urls = g_ptr_array_new_with_free_func (g_free);
  ctx->texts = g_ptr_array_new_with_free_func (g_free);
  /* Random per reply: no string a sender wrote can pass for a placeholder. */
  ctx->mark = g_strdup_printf ("\001event-%08x%08x-", g_random_int (), g_random_int ());
}

void
server_epcis_context_clear (ServerEpcisContext *ctx)
{
  g_clear_pointer (&ctx->prefixes, json_object_unref);
  g_clear_pointer (&ctx->urls, g_ptr_array_unref);
  g_clear_pointer (&ctx->texts, g_ptr_array_unref);
  g_clear_pointer (&ctx->mark, g_free);
}

/* Whether each prefix @entry defines means what the document says so far. */
static gboolean
agrees (ServerEpcisContext *ctx,
        JsonNode           *entry)
{
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (entry))
    return TRUE;
  members = json_object_get_members (json_node_get_object (entry));
  for (GList *m = members; m; m = m->next)
    {
      JsonNode *held = json_object_get_member (ctx->prefixes, m->data);

      if (held != NULL && !json_node_equal (held, json_object_get_member (json_node_get_object (entry), m->data)))
        return FALSE;
    }
  return TRUE;
}

static void
merge (ServerEpcisContext *ctx,
       JsonNode           *entry)
{
  g_autoptr(GList) members = NULL;

  if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING)
    {
      const char *url = json_node_get_string (entry);

      for (guint i = 0; i < ctx->urls->len; i++)
        if (strcmp (ctx->urls->pdata[i], url) == 0)
          return;
      g_ptr_array_add (ctx->urls, g_strdup (url));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (entry))
    return;
  members = json_object_get_members (json_node_get_object (entry));
  for (GList *m = members; m; m = m->next)
    if (!json_object_has_member (ctx->prefixes, m->data))
      json_object_set_member (ctx->prefixes, m->data,
                              json_node_copy (json_object_get_member (json_node_get_object (entry), m->data)));
}

/* The event's document context joins the output's, or, where one of its
 * prefixes means something else there, travels inside the event. */
static void
add_context (ServerEpcisContext *ctx,
             JsonObject         *event,
             const char         *context)
{
  g_autoptr(JsonNode) node = context ? json_from_string (context, NULL) : NULL;
  JsonArray *array;
  gboolean all_agree = TRUE;

  if (node == NULL)
    return;
  array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    all_agree &= agrees (ctx, json_array_get_element (array, i));
  if (array == NULL)
    all_agree = agrees (ctx, node);
  if (!all_agree)
    {
      json_object_set_member (event, "@context", g_steal_pointer (&node));
      return;
    }
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    merge (ctx, json_array_get_element (array, i));
  if (array == NULL)
    merge (ctx, node);
}

static void
append_member (GString    *out,
               const char *name,
               JsonNode   *value)
{
  g_autofree char *text = json_to_string (value, FALSE);

  g_string_append_printf (out, ",\"%s\":%s", name, text);
}

void
server_epcis_add_stored (JsonBuilder            *b,
                         const ServerEpcisEvent *event,
                         ServerEpcisContext     *ctx)
{
  g_autoptr(JsonNode) node = json_from_string (event->json, NULL);
  g_autofree char *placeholder = NULL;
  const char *close;
  GString *text;
  JsonObject *o;
  gboolean had_context, sent_record_time;

  g_return_if_fail (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  o = json_node_get_object (node);
  had_context = json_object_has_member (o, "@context");
  sent_record_time = json_object_has_member (o, "recordTime");
  if (event->id_added)
    json_object_set_string_member (o, "eventID", event->event_id);
  json_object_set_string_member (o, "recordTime", event->record_time);
  add_context (ctx, o, event->context);
  close = strrchr (event->json, '}');
  /* A recordTime the sender wrote is replaced: the reader's text then. */
  if (sent_record_time || close == NULL)
    {
      json_builder_add_value (b, g_steal_pointer (&node));
      return;
    }
  /* Else the sender's own text, with what the repository adds at its end. */
  text = g_string_new_len (event->json, close - event->json);
  if (event->id_added)
    append_member (text, "eventID", json_object_get_member (o, "eventID"));
  append_member (text, "recordTime", json_object_get_member (o, "recordTime"));
  if (!had_context && json_object_has_member (o, "@context"))
    append_member (text, "@context", json_object_get_member (o, "@context"));
  g_string_append_c (text, '}');
  placeholder = g_strdup_printf ("%s%u", ctx->mark, ctx->texts->len);
  g_ptr_array_add (ctx->texts, g_string_free (text, FALSE));
  json_builder_add_string_value (b, placeholder);
}

char *
server_epcis_splice (const char         *document,
                     ServerEpcisContext *ctx)
{
  /* The mark as json-glib writes it inside a string: \001 as \u0001. */
  g_autofree char *quoted = g_strconcat ("\"\\u0001", ctx->mark + 1, NULL);
  GString *out = g_string_new (NULL);
  const char *p = document, *hit;

  while ((hit = strstr (p, quoted)) != NULL)
    {
      const char *digits = hit + strlen (quoted);
      char *after = NULL;
      guint64 index = g_ascii_strtoull (digits, &after, 10);

      if (after == digits || *after != '"' || index >= ctx->texts->len)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_len (out, p, hit - p);
      g_string_append (out, ctx->texts->pdata[index]);
      p = after + 1;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

void
server_epcis_finish_context (JsonNode           *document,
                             ServerEpcisContext *ctx)
{
  JsonObject *doc = json_node_get_object (document);
  JsonNode *held = json_object_get_member (doc, "@context");
  JsonArray *array;

  if (held == NULL || !JSON_NODE_HOLDS_ARRAY (held))
    return;
  array = json_node_get_array (held);
  for (guint i = 0; i < ctx->urls->len; i++)
    {
      gboolean known = FALSE;

      for (guint k = 0; k < json_array_get_length (array); k++)
        {
          JsonNode *entry = json_array_get_element (array, k);

          known |= JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING
                   && g_strcmp0 (json_node_get_string (entry), ctx->urls->pdata[i]) == 0;
        }
      if (!known)
        json_array_add_string_element (array, ctx->urls->pdata[i]);
    }
  if (json_object_get_size (ctx->prefixes) > 0)
    json_array_add_object_element (array, json_object_ref (ctx->prefixes));
}
