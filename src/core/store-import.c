/* store-import.c — applying master data and events in the exchange format
 * (docs/data-format.md), as served by suyuan-server and read by `suyuanctl import`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_FIELD_LENGTH 8192

typedef struct {
  const char *type;        /* singular, as in a change feed */
  const char *plural;      /* as in a document */
  const char *table;
  const char *const *columns;
  const char *const *required;
} EntityKind;

static const char *const party_columns[] = { "id", "name", "kind", "licence_no", "licence_valid_until", "licence_status", "region", "credit_class", "abnormal", NULL };
static const char *const product_columns[] = { "id", "gtin", "product_key", "drug_id", "name", "spec", "category", "producer_id", "shelf_life_days", "approval_no", "storage", "origin", NULL };
static const char *const batch_columns[] = { "id", "product_id", "lot", "production_date", "expiry_date", "status", "notice", "notice_id", NULL };
static const char *const unit_columns[] = { "product_id", "serial", "batch_id", "state", "last_party_id", "last_place", "last_seen_at", NULL };
static const char *const event_columns[] = { "id", "type", "time", "product_id", "batch_id", "serial", "party_id", "place", "reason", "data", "source_id", "destination_id", "disposition", NULL };
static const char *const alert_columns[] = { "id", "kind", "scope", "target_id", "title", "notice", "issued_at", "issuer", NULL };
static const char *const task_columns[] = { "id", "party_id", "kind", "due_date", "status", "assigned_to", "notes", NULL };

static const char *const party_required[] = { "id", "name", NULL };
static const char *const product_required[] = { "id", "name", NULL };
static const char *const batch_required[] = { "id", "product_id", "lot", NULL };
static const char *const unit_required[] = { "product_id", "serial", NULL };
static const char *const event_required[] = { "id", "type", "time", NULL };
static const char *const alert_required[] = { "id", "kind", "scope", "target_id", "title", NULL };
static const char *const task_required[] = { "id", "party_id", NULL };

/* In dependency order, so a document applies parents before children. */
static const EntityKind kinds[] = {
  { "party", "parties", "parties", party_columns, party_required },
  { "product", "products", "products", product_columns, product_required },
  { "batch", "batches", "batches", batch_columns, batch_required },
  { "unit", "units", "units", unit_columns, unit_required },
  { "event", "events", "events", event_columns, event_required },
  { "alert", "alerts", "alerts", alert_columns, alert_required },
  { "inspection_task", "inspection_tasks", "inspection_tasks", task_columns, task_required },
};

static const EntityKind *
find_kind (const char *type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].type, type) == 0)
      return &kinds[i];
  return NULL;
}

static char *
upsert_sql (const EntityKind *kind)
{
  GString *sql = g_string_new ("INSERT OR REPLACE INTO ");
  guint n = 0;

  g_string_append_printf (sql, "%s (", kind->table);
  for (; kind->columns[n]; n++)
    g_string_append_printf (sql, "%s%s", n ? ", " : "", kind->columns[n]);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s?%u", i ? ", " : "", i + 1);
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

static gboolean
data_error (GError    **error,
            const char *type,
            const char *message)
{
  g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
               _("Bad %s record: %s"), type, message);
  return FALSE;
}

static gboolean
bind_member (sqlite3_stmt *stmt,
             int           index,
             JsonNode     *node,
             const char   *type,
             GError      **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;
  if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      if (strlen (text) > MAX_FIELD_LENGTH)
        return data_error (error, type, _("a field is too long"));
      return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return sqlite3_bind_int64 (stmt, index, json_node_get_int (node)) == SQLITE_OK;
    case G_TYPE_BOOLEAN:
      return sqlite3_bind_int (stmt, index, json_node_get_boolean (node)) == SQLITE_OK;
    case G_TYPE_DOUBLE:
      return sqlite3_bind_double (stmt, index, json_node_get_double (node)) == SQLITE_OK;
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);

        if (strlen (s) > MAX_FIELD_LENGTH)
          return data_error (error, type, _("a field is too long"));
        return sqlite3_bind_text (stmt, index, s, -1, SQLITE_TRANSIENT) == SQLITE_OK;
      }
    default:
      return data_error (error, type, _("a field has an unsupported type"));
    }
}

gboolean
suyuan_store_apply_entity (SuyuanStore *store,
                           const char  *type,
                           JsonObject  *object,
                           GError     **error)
{
  const EntityKind *kind = find_kind (type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (kind == NULL)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
                   _("Unknown record type “%s”"), type ? type : "");
      return FALSE;
    }
  for (guint i = 0; kind->required[i]; i++)
    {
      JsonNode *node = json_object_get_member (object, kind->required[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is missing"), kind->required[i]);
          return data_error (error, type, message);
        }
    }
  sql = upsert_sql (kind);
  stmt = suyuan_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; kind->columns[i]; i++)
    if (!bind_member (stmt, (int) i + 1, json_object_get_member (object, kind->columns[i]), type, error))
      return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  return TRUE;
}

gboolean
suyuan_store_import_document (SuyuanStore *store,
                              JsonNode    *document,
                              guint       *n_applied,
                              GError     **error)
{
  JsonObject *root;
  guint n = 0;

  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
                   _("The document is not a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (document);
  if (!suyuan_store_begin (store, error))
    return FALSE;
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonNode *list = json_object_get_member (root, kinds[k].plural);
      JsonArray *array;

      if (list == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          suyuan_store_rollback (store);
          return data_error (error, kinds[k].type, _("the list is not an array"));
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              suyuan_store_rollback (store);
              return data_error (error, kinds[k].type, _("an entry is not an object"));
            }
          if (!suyuan_store_apply_entity (store, kinds[k].type, json_node_get_object (item), error))
            {
              suyuan_store_rollback (store);
              return FALSE;
            }
          n++;
        }
    }
  if (!suyuan_store_commit (store, error))
    {
      suyuan_store_rollback (store);
      return FALSE;
    }
  if (n_applied)
    *n_applied = n;
  return TRUE;
}
