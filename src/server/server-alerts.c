/* server-alerts.c — see server-alerts.h.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-alerts.h"
#include "server-csv.h"

#include <gio/gio.h>
#include <string.h>

#define MAX_ALERTS 100000
#define MAX_FIELD 8192

static const char *const columns[] = { "id", "kind", "scope", "target_id", "title", "notice", "issued_at", "issuer" };

/* The batch status each kind of notice puts a batch in. */
static const struct { const char *kind; const char *status; } kinds[] = {
  { "recall", "recalled" }, { "unqualified", "unqualified" }, { "hold", "held" },
};

JsonArray *
server_alerts_from_csv (const char *text,
                        gsize       length,
                        GError    **error)
{
  g_autoptr(GPtrArray) rows = server_csv_parse (text, length, error);
  g_autoptr(JsonArray) alerts = json_array_new ();
  int index[G_N_ELEMENTS (columns)];
  GStrv header;

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the CSV is empty; its first row names the columns: %s",
                   SERVER_ALERT_COLUMNS);
      return NULL;
    }
  header = rows->pdata[0];
  for (gsize c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      index[c] = -1;
      for (int h = 0; header[h]; h++)
        if (g_ascii_strcasecmp (g_strstrip (header[h]), columns[c]) == 0)
          index[c] = h;
    }
  if (index[0] < 0 || index[1] < 0 || index[2] < 0 || index[3] < 0 || index[4] < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the first row must name the columns id, kind, scope, target_id and title (all: %s)",
                   SERVER_ALERT_COLUMNS);
      return NULL;
    }
  for (guint r = 1; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];
      guint n = g_strv_length (row);
      JsonObject *alert = json_object_new ();

      for (gsize c = 0; c < G_N_ELEMENTS (columns); c++)
        if (index[c] >= 0 && (guint) index[c] < n && *g_strstrip (row[index[c]]) != '\0')
          json_object_set_string_member (alert, columns[c], row[index[c]]);
      json_array_add_object_element (alerts, alert);
    }
  return g_steal_pointer (&alerts);
}

JsonArray *
server_alerts_from_json (const char *text,
                         gsize       length,
                         GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root, *list;

  if (!json_parser_load_from_data (parser, text, (gssize) length, error))
    return NULL;
  root = json_parser_get_root (parser);
  list = root && JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), "alerts") : root;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the JSON must be {\"alerts\": [...]} or [...]");
      return NULL;
    }
  return json_array_ref (json_node_get_array (list));
}

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
status_for (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return kinds[i].status;
  return NULL;
}

/* What is wrong with one alert, or NULL. */
static char *
check_alert (ServerStore *store,
             JsonNode    *node)
{
  static const char *const scope_types[][2] = { { "batch", "batch" }, { "product", "product" }, { "producer", "party" } };
  g_autofree char *found = NULL;
  JsonObject *o;
  const char *scope, *type = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("not an object");
  o = json_node_get_object (node);
  for (gsize c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      JsonNode *value = json_object_get_member (o, columns[c]);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value) && member (o, columns[c]) == NULL)
        return g_strdup_printf ("%s is not text", columns[c]);
      if (member (o, columns[c]) && (strlen (member (o, columns[c])) > MAX_FIELD
                                     || !g_utf8_validate (member (o, columns[c]), -1, NULL)))
        return g_strdup_printf ("%s is too long", columns[c]);
    }
  if (member (o, "id") == NULL || member (o, "title") == NULL || member (o, "target_id") == NULL)
    return g_strdup ("id, target_id and title are required");
  if (status_for (member (o, "kind")) == NULL)
    return g_strdup_printf ("kind must be recall, unqualified or hold, not “%s”", member (o, "kind") ? member (o, "kind") : "");
  scope = member (o, "scope");
  for (gsize i = 0; i < G_N_ELEMENTS (scope_types); i++)
    if (g_strcmp0 (scope, scope_types[i][0]) == 0)
      type = scope_types[i][1];
  if (type == NULL)
    return g_strdup_printf ("scope must be batch, product or producer, not “%s”", scope ? scope : "");
  if ((found = server_store_entity_member (store, type, "id", member (o, "target_id"), "id")) == NULL)
    return g_strdup_printf ("no %s with id “%s”", scope, member (o, "target_id"));
  return NULL;
}

/* The batch as the feed holds it, with the notice's status. */
static gboolean
append_batch_status (ServerStore *store,
                     JsonObject  *alert,
                     guint       *n_changes,
                     GError     **error)
{
  g_autofree char *text = server_store_entity_member (store, "batch", "id", member (alert, "target_id"), NULL);
  g_autoptr(JsonNode) batch = text ? json_from_string (text, NULL) : NULL;
  JsonObject *o;

  if (batch == NULL || !JSON_NODE_HOLDS_OBJECT (batch))
    return TRUE;
  o = json_node_get_object (batch);
  json_object_set_string_member (o, "status", status_for (member (alert, "kind")));
  json_object_set_string_member (o, "notice_id", member (alert, "id"));
  json_object_set_string_member (o, "notice", member (alert, "title"));
  (*n_changes)++;
  return server_store_append (store, "batch", o, error);
}

typedef struct {
  JsonArray *alerts;
  guint n_alerts;
  guint n_changes;
} Import;

static gboolean
append_all (ServerStore *store,
            gpointer     user_data,
            GError     **error)
{
  Import *import = user_data;

  for (guint i = 0; i < json_array_get_length (import->alerts); i++)
    {
      JsonNode *node = json_array_get_element (import->alerts, i);
      JsonObject *alert = json_node_get_object (node);
      g_autofree char *held = server_store_entity_member (store, "alert", "id", member (alert, "id"), NULL);
      g_autoptr(JsonNode) held_node = held ? json_from_string (held, NULL) : NULL;

      /* The same notice imported twice changes nothing. */
      if (held_node != NULL && json_node_equal (held_node, node))
        continue;
      if (!server_store_append (store, "alert", alert, error))
        return FALSE;
      import->n_alerts++;
      import->n_changes++;
      if (g_strcmp0 (member (alert, "scope"), "batch") == 0
          && !append_batch_status (store, alert, &import->n_changes, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
server_alerts_import (ServerStore *store,
                      JsonArray   *alerts,
                      guint       *n_alerts,
                      guint       *n_changes,
                      GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  Import import = { alerts, 0, 0 };
  guint n = json_array_get_length (alerts);

  if (n > MAX_ALERTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "at most %d alerts per import", MAX_ALERTS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *why = check_alert (store, json_array_get_element (alerts, i));

      /* Counted from 1, and as a spreadsheet numbers the CSV (header: row 1). */
      if (why != NULL && problems->len < 4096)
        g_string_append_printf (problems, "%salert %u (CSV row %u): %s", problems->len ? "\n" : "", i + 1, i + 2, why);
    }
  if (problems->len > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, problems->str);
      return FALSE;
    }
  if (!server_store_transaction (store, append_all, &import, error))
    return FALSE;
  if (n_alerts)
    *n_alerts = import.n_alerts;
  if (n_changes)
    *n_changes = import.n_changes;
  return TRUE;
}

typedef struct {
  const char *id;
  JsonObject *alert;
} Lift;

/* The hold becomes a "lifted" notice (terminals stop on hold, recall and
 * unqualified only), and a batch it held is normal again. */
static gboolean
append_lift (ServerStore *store,
             gpointer     user_data,
             GError     **error)
{
  Lift *lift = user_data;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) batch = NULL;
  JsonObject *o;

  json_object_set_string_member (lift->alert, "kind", "lifted");
  if (!server_store_append (store, "alert", lift->alert, error))
    return FALSE;
  if (g_strcmp0 (member (lift->alert, "scope"), "batch") != 0)
    return TRUE;
  text = server_store_entity_member (store, "batch", "id", member (lift->alert, "target_id"), NULL);
  batch = text ? json_from_string (text, NULL) : NULL;
  if (batch == NULL || !JSON_NODE_HOLDS_OBJECT (batch))
    return TRUE;
  o = json_node_get_object (batch);
  /* Only the status this hold set: a later recall of the batch stays. */
  if (g_strcmp0 (member (o, "status"), "held") != 0 || g_strcmp0 (member (o, "notice_id"), lift->id) != 0)
    return TRUE;
  json_object_set_string_member (o, "status", "normal");
  json_object_remove_member (o, "notice_id");
  json_object_remove_member (o, "notice");
  return server_store_append (store, "batch", o, error);
}

gboolean
server_alerts_lift (ServerStore *store,
                    const char  *id,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  Lift lift = { id, NULL };

  g_return_val_if_fail (store != NULL && id != NULL, FALSE);
  text = server_store_entity_member (store, "alert", "id", id, NULL);
  node = text ? json_from_string (text, NULL) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)
      || g_strcmp0 (member (json_node_get_object (node), "kind"), "hold") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no hold “%s” in force", id);
      return FALSE;
    }
  lift.alert = json_node_get_object (node);
  return server_store_transaction (store, append_lift, &lift, error);
}
