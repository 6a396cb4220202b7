/* inspection.c — the inspection model: names of actions and results, the
 * record sent to the server, memory. The store side is inspection-store.c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "inspection.h"
#include "store-writer.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (suyuan-inspection-error-quark, suyuan_inspection_error)

static const char *const action_ids[SUYUAN_N_ACTIONS] = {
  "none", "removed", "sealed", "sampled", "rectify",
};
static const char *const action_labels[SUYUAN_N_ACTIONS] = {
  N_("No action"), N_("Removed from shelf"), N_("Sealed"), N_("Sampled"), N_("Ordered to rectify"),
};
static const char *const result_ids[SUYUAN_N_RESULTS] = {
  "open", "pass", "fail", "rectify",
};
static const char *const result_labels[SUYUAN_N_RESULTS] = {
  N_("In progress"), N_("Compliant"), N_("Non-compliant"), N_("Ordered to rectify"),
};

const char *
suyuan_inspection_action_to_string (SuyuanInspectionAction action)
{
  g_return_val_if_fail (action < SUYUAN_N_ACTIONS, "none");
  return action_ids[action];
}

SuyuanInspectionAction
suyuan_inspection_action_from_string (const char *id)
{
  for (int i = 0; i < SUYUAN_N_ACTIONS; i++)
    if (g_strcmp0 (id, action_ids[i]) == 0)
      return (SuyuanInspectionAction) i;
  return SUYUAN_ACTION_NONE;
}

const char *
suyuan_inspection_action_label (SuyuanInspectionAction action)
{
  g_return_val_if_fail (action < SUYUAN_N_ACTIONS, "");
  return _(action_labels[action]);
}

const char *
suyuan_inspection_result_to_string (SuyuanInspectionResult result)
{
  g_return_val_if_fail (result < SUYUAN_N_RESULTS, "open");
  return result_ids[result];
}

SuyuanInspectionResult
suyuan_inspection_result_from_string (const char *id)
{
  for (int i = 0; i < SUYUAN_N_RESULTS; i++)
    if (g_strcmp0 (id, result_ids[i]) == 0)
      return (SuyuanInspectionResult) i;
  return SUYUAN_RESULT_NONE;
}

const char *
suyuan_inspection_result_label (SuyuanInspectionResult result)
{
  g_return_val_if_fail (result < SUYUAN_N_RESULTS, "");
  return _(result_labels[result]);
}

SuyuanInspectionItem *
suyuan_inspection_get_item (SuyuanInspection *inspection,
                            int               seq)
{
  for (guint i = 0; i < inspection->items->len; i++)
    {
      SuyuanInspectionItem *item = inspection->items->pdata[i];

      if (item->seq == seq)
        return item;
    }
  return NULL;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_item (JsonBuilder          *b,
          SuyuanInspectionItem *item)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, item->seq);
  add_string (b, "code", item->code);
  add_string (b, "level", suyuan_level_to_string (item->level));
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  if (item->reasons != NULL && item->reasons[0] != '\0')
    {
      g_auto(GStrv) ids = g_strsplit (item->reasons, ",", -1);

      for (char **id = ids; *id != NULL; id++)
        json_builder_add_string_value (b, *id);
    }
  json_builder_end_array (b);
  add_string (b, "summary", item->summary);
  add_string (b, "findings", item->findings);
  add_string (b, "action", suyuan_inspection_action_to_string (item->action));
  add_string (b, "notes", item->notes);
  /* Only the file names travel: the paths are this terminal's business. */
  json_builder_set_member_name (b, "photos");
  json_builder_begin_array (b);
  for (guint i = 0; i < item->photos->len; i++)
    {
      g_autofree char *base = g_path_get_basename (item->photos->pdata[i]);

      json_builder_add_string_value (b, base);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonObject *
suyuan_inspection_to_json (SuyuanInspection *inspection)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_string (b, "inspection_uuid", inspection->uuid);
  add_string (b, "task_id", inspection->task_id);
  add_string (b, "party_id", inspection->party_id);
  add_string (b, "party_name", inspection->party_name);
  add_string (b, "licence_no", inspection->licence_no);
  add_string (b, "corrects", inspection->corrects);
  add_string (b, "inspector", inspection->inspector);
  add_string (b, "started_at", inspection->started_at);
  add_string (b, "finished_at", inspection->finished_at);
  add_string (b, "result", suyuan_inspection_result_to_string (inspection->result));
  if (inspection->override_reason != NULL)
    add_string (b, "override_reason", inspection->override_reason);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < inspection->items->len; i++)
    add_item (b, inspection->items->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_object_ref (json_node_get_object (root));
}

void
suyuan_inspection_item_free (SuyuanInspectionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->code);
  g_free (item->reasons);
  g_free (item->summary);
  g_free (item->findings);
  g_free (item->notes);
  g_clear_pointer (&item->photos, g_ptr_array_unref);
  g_free (item);
}

void
suyuan_inspection_free (SuyuanInspection *inspection)
{
  if (inspection == NULL)
    return;
  /* Queued saves point at the inspection: they finish first. */
  inspection->saved = NULL;
  if (inspection->writer != NULL)
    suyuan_store_writer_flush (inspection->writer);
  g_free (inspection->uuid);
  g_free (inspection->task_id);
  g_free (inspection->party_id);
  g_free (inspection->party_name);
  g_free (inspection->licence_no);
  g_free (inspection->corrects);
  g_free (inspection->inspector);
  g_free (inspection->override_reason);
  g_free (inspection->started_at);
  g_free (inspection->finished_at);
  g_free (inspection->record_uuid);
  g_clear_pointer (&inspection->items, g_ptr_array_unref);
  g_free (inspection);
}

void
suyuan_inspection_task_free (SuyuanInspectionTask *task)
{
  if (task == NULL)
    return;
  g_free (task->task_id);
  g_free (task->party_id);
  g_free (task->party_name);
  g_free (task->licence_no);
  g_free (task->kind);
  g_free (task->due_date);
  g_free (task);
}
