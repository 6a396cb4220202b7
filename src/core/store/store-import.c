/* store-import.c — applying master data and events in the exchange format
 * (docs/data-format.md), as served by suyuan-server and read by `suyuanctl import`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "store.h"
#include "store-private.h"

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

#define MAX_COLUMNS 16

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

/* What applying a kind needs, worked out once: an initial sync applies a
 * million rows through these. */
typedef struct {
  char *sql;
  guint n_columns;
  guint n_required;
  guint required[MAX_COLUMNS];   /* column indexes */
} KindPlan;

static const KindPlan *
kind_plan (const EntityKind *kind)
{
  static gsize once = 0;
  static KindPlan plans[G_N_ELEMENTS (kinds)];

  if (g_once_init_enter (&once))
    {
      for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          KindPlan *plan = &plans[k];

          plan->sql = upsert_sql (&kinds[k]);
          plan->n_columns = g_strv_length ((char **) kinds[k].columns);
          g_assert (plan->n_columns <= MAX_COLUMNS);
          for (guint c = 0; c < plan->n_columns; c++)
            if (g_strv_contains (kinds[k].required, kinds[k].columns[c]))
              plan->required[plan->n_required++] = c;
        }
      g_once_init_leave (&once, 1);
    }
  return &plans[kind - kinds];
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

/* Text is bound without a copy: the statement is stepped and its bindings
 * cleared before suyuan_store_apply_fields returns. */
static gboolean
bind_field (sqlite3_stmt      *stmt,
            int                index,
            const SuyuanField *field,
            const char        *type,
            GError           **error)
{
  switch (field->kind)
    {
    case SUYUAN_FIELD_NULL:
      return sqlite3_bind_null (stmt, index) == SQLITE_OK;
    case SUYUAN_FIELD_BOOLEAN:
    case SUYUAN_FIELD_INT:
      return sqlite3_bind_int64 (stmt, index, field->integer) == SQLITE_OK;
    case SUYUAN_FIELD_DOUBLE:
      return sqlite3_bind_double (stmt, index, field->number) == SQLITE_OK;
    case SUYUAN_FIELD_STRING:
    case SUYUAN_FIELD_JSON:
      if (field->len > MAX_FIELD_LENGTH)
        return data_error (error, type, _("a field is too long"));
      return sqlite3_bind_text (stmt, index, field->text, (int) field->len, SQLITE_STATIC) == SQLITE_OK;
    default:
      return data_error (error, type, _("a field has an unsupported type"));
    }
}

/* Whether a batch change would replace or move a recalled, unqualified or
 * held batch: another id for its product and lot (INSERT OR REPLACE on
 * UNIQUE (product_id, lot) deletes it), or the same id on another lot or
 * product. The server refuses both; a terminal does not rely on it. */
static gboolean
hides_flagged_batch (SuyuanStore        *store,
                     const SuyuanField **slots,
                     gboolean           *hides,
                     GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* id, product_id, lot are the first three columns, all required. */
  for (guint c = 0; c < 3; c++)
    if (slots[c]->kind != SUYUAN_FIELD_STRING)
      return data_error (error, "batch", _("a field has an unsupported type"));
  stmt = suyuan_store_prepare (store,
      "SELECT 1 FROM batches WHERE status <> 'normal' AND ("
      " (product_id = ?2 AND lot = ?3 AND id <> ?1) OR (id = ?1 AND (product_id <> ?2 OR lot <> ?3)))"
      " LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint c = 0; c < 3; c++)
    sqlite3_bind_text (stmt, (int) c + 1, slots[c]->text, (int) slots[c]->len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return suyuan_store_set_sql_error (store, error);
  *hides = rc == SQLITE_ROW;
  return TRUE;
}

/* The most a "units" change may carry, as JSON text. */
#define MAX_UNITS_LENGTH (64 * 1024)

/* A "units" change: {"units": [unit, …]}, the units of a batch the server
 * copies for a scope the batch has come into (docs/api.md, "Scoped pull"). */
static gboolean
apply_units (SuyuanStore       *store,
             const SuyuanField *fields,
             guint              n_fields,
             GError           **error)
{
  const SuyuanField *units = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;
  JsonArray *list;

  for (guint f = 0; f < n_fields; f++)
    if (strcmp (fields[f].name, "units") == 0)
      units = &fields[f];
  /* Nested JSON is a slice of the page, not NUL-terminated. */
  if (units == NULL || units->kind != SUYUAN_FIELD_JSON || units->len > MAX_UNITS_LENGTH
      || !json_parser_load_from_data (parser, units->text, (gssize) units->len, NULL)
      || (node = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return data_error (error, "units", _("“units” is not a list of units"));
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *unit = json_array_get_element (list, i);

      if (!JSON_NODE_HOLDS_OBJECT (unit))
        return data_error (error, "units", _("“units” is not a list of units"));
      if (!suyuan_store_apply_entity (store, "unit", json_node_get_object (unit), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
suyuan_store_apply_fields (SuyuanStore       *store,
                           const char        *type,
                           const SuyuanField *fields,
                           guint              n_fields,
                           GError           **error)
{
  const EntityKind *kind = find_kind (type);
  const SuyuanField *slots[MAX_COLUMNS] = { NULL };
  const KindPlan *plan;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (kind == NULL && g_strcmp0 (type, "units") == 0)
    return apply_units (store, fields, n_fields, error);
  if (kind == NULL)
    {
      g_set_error (error, SUYUAN_STORE_ERROR, SUYUAN_STORE_ERROR_DATA,
                   _("Unknown record type “%s”"), type ? type : "");
      return FALSE;
    }
  plan = kind_plan (kind);
  /* Members the table has no column for are ignored, as in a document. Fields
   * mostly come in column order, so the search starts after the last match. */
  for (guint f = 0, hint = 0; f < n_fields; f++)
    for (guint i = 0; i < plan->n_columns; i++)
      {
        guint c = (hint + i) % plan->n_columns;

        if (strcmp (fields[f].name, kind->columns[c]) == 0)
          {
            slots[c] = &fields[f];
            hint = c + 1;
            break;
          }
      }
  for (guint r = 0; r < plan->n_required; r++)
    {
      guint c = plan->required[r];

      if (slots[c] == NULL || slots[c]->kind == SUYUAN_FIELD_NULL)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is missing"), kind->columns[c]);
          return data_error (error, type, message);
        }
    }
  if (kind->columns == batch_columns)
    {
      gboolean hides = FALSE;

      if (!hides_flagged_batch (store, slots, &hides, error))
        return FALSE;
      if (hides)
        return data_error (error, type, _("it would replace or move a recalled, unqualified or held batch"));
    }
  stmt = suyuan_store_prepare_static (store, plan->sql, error);
  if (stmt == NULL)
    return FALSE;
  /* Every parameter starts as NULL: only the fields given are bound. */
  for (guint c = 0; ok && c < plan->n_columns; c++)
    if (slots[c] != NULL)
      ok = bind_field (stmt, (int) c + 1, slots[c], type, error);
  if (ok && sqlite3_step (stmt) != SQLITE_DONE)
    ok = suyuan_store_set_sql_error (store, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

/* A member of a document as a field; nested JSON becomes text in @owned. */
static gboolean
field_from_node (SuyuanField *field,
                 const char  *name,
                 JsonNode    *node,
                 GPtrArray   *owned)
{
  *field = (SuyuanField) { .name = name, .kind = SUYUAN_FIELD_NULL };
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
    {
      char *text = json_to_string (node, FALSE);

      g_ptr_array_add (owned, text);
      field->kind = SUYUAN_FIELD_JSON;
      field->text = text;
      field->len = strlen (text);
      return TRUE;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      field->kind = SUYUAN_FIELD_INT;
      field->integer = json_node_get_int (node);
      return TRUE;
    case G_TYPE_BOOLEAN:
      field->kind = SUYUAN_FIELD_BOOLEAN;
      field->integer = json_node_get_boolean (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      field->kind = SUYUAN_FIELD_DOUBLE;
      field->number = json_node_get_double (node);
      return TRUE;
    case G_TYPE_STRING:
      field->kind = SUYUAN_FIELD_STRING;
      field->text = json_node_get_string (node);
      field->len = strlen (field->text);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
suyuan_store_apply_entity (SuyuanStore *store,
                           const char  *type,
                           JsonObject  *object,
                           GError     **error)
{
  const EntityKind *kind = find_kind (type);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  SuyuanField fields[MAX_COLUMNS];
  guint n = 0;

  if (kind == NULL)
    return suyuan_store_apply_fields (store, type, NULL, 0, error);
  for (; kind->columns[n]; n++)
    if (!field_from_node (&fields[n], kind->columns[n], json_object_get_member (object, kind->columns[n]), owned))
      return data_error (error, type, _("a field has an unsupported type"));
  return suyuan_store_apply_fields (store, type, fields, n, error);
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
