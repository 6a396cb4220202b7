/* suyuan-record-detail.c — a record's fields as rows: the value large, its
 * label small underneath (values are what an inspector reads). Everything
 * comes from the store and, before that, from scans and people: plain text.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-record-detail.h"
#include "suyuan-trace-view.h"
#include "suyuan-widget-children.h"
#include "export.h"
#include "inspection.h"
#include "date-text.h"

#include <glib/gi18n.h>

struct _SuyuanRecordDetail {
  GtkWidget parent_instance;

  GtkLabel *heading;
  AdwPreferencesGroup *fields;
  AdwPreferencesGroup *lines;
  GPtrArray *rows;               /* of AdwActionRow, in both groups */
  GString *text;
  char *inspection_uuid;
  char *receipt_uuid;
};

G_DEFINE_FINAL_TYPE (SuyuanRecordDetail, suyuan_record_detail, GTK_TYPE_WIDGET)

static const char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_row (SuyuanRecordDetail  *self,
         AdwPreferencesGroup *group,
         const char          *label,
         const char          *value)
{
  GtkWidget *row;
  g_autofree char *bounded = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  bounded = g_utf8_substring (value, 0, MIN (g_utf8_strlen (value, -1), 600));
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bounded);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "record-field");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_string_append_printf (self->text, "%s: %s\n", label, bounded);
}

static void
clear (SuyuanRecordDetail *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_string_truncate (self->text, 0);
  g_clear_pointer (&self->inspection_uuid, g_free);
  g_clear_pointer (&self->receipt_uuid, g_free);
  adw_preferences_group_set_title (self->lines, "");
}

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) dt = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;

  /* Translators: a date and a time (strftime); zh_CN: %Y年%-m月%-d日 %H:%M */
  return local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup (iso);
}

/* "2026-11-01" as the locale writes a date (zh_CN: 2026年11月1日). */
static char *
day_text (const char *iso_date)
{
  return suyuan_date_dup_text (iso_date ? suyuan_iso_to_date (iso_date) : 0);
}

static void
show_receipt (SuyuanRecordDetail *self,
              JsonObject         *data)
{
  JsonNode *node = json_object_get_member (data, "lines");
  JsonArray *lines = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autofree char *when = local_time (member (data, "received_at") ? member (data, "received_at")
                                                                   : member (data, "started_at"));

  gtk_label_set_text (self->heading, _("Purchase inspection record"));
  add_row (self, self->fields, _("Supplier"), member (data, "supplier_name") ? member (data, "supplier_name")
                                                                              : _("Not named"));
  add_row (self, self->fields, _("Licence no."), member (data, "supplier_licence_no"));
  add_row (self, self->fields, _("Received by"), member (data, "receiver_name"));
  add_row (self, self->fields, _("Received on"), when);
  adw_preferences_group_set_title (self->lines, _("Goods"));
  for (guint i = 0; lines != NULL && i < MIN (json_array_get_length (lines), 200); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      g_autofree char *what = NULL, *how = NULL, *produced = NULL, *expires = NULL;

      if (line == NULL)
        continue;
      produced = day_text (member (line, "production_date"));
      expires = day_text (member (line, "expiry_date"));
      what = g_strdup_printf ("%s %s", member (line, "product_name") ? member (line, "product_name") : _("Unknown product"),
                              member (line, "spec") ? member (line, "spec") : "");
      how = g_strdup_printf (_("Batch %s · produced %s · expires %s · received %d of %d"),
                             member (line, "lot") ? member (line, "lot") : "—",
                             produced, expires,
                             (int) json_object_get_int_member_with_default (line, "quantity", 0),
                             (int) json_object_get_int_member_with_default (line, "expected", 0));
      if (g_strcmp0 (member (line, "decision"), "rejected") == 0)
        {
          g_autofree char *reason = g_strdup_printf (_("Rejected: %s"),
                                                     member (line, "reject_reason") ? member (line, "reject_reason") : "—");
          g_autofree char *rejected = g_strdup_printf ("%s · %s", how, reason);

          g_free (how);
          how = g_steal_pointer (&rejected);
        }
      add_row (self, self->lines, how, what);
    }
}

static void
show_inspection (SuyuanRecordDetail *self,
                 JsonObject         *data)
{
  JsonNode *node = json_object_get_member (data, "items");
  JsonArray *items = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autofree char *when = local_time (member (data, "finished_at"));

  gtk_label_set_text (self->heading, _("On-site Inspection Record"));
  self->inspection_uuid = g_strdup (member (data, "inspection_uuid"));
  add_row (self, self->fields, _("Business"), member (data, "party_name"));
  add_row (self, self->fields, _("Licence no."), member (data, "licence_no"));
  add_row (self, self->fields, _("Result"),
           suyuan_inspection_result_label (suyuan_inspection_result_from_string (member (data, "result"))));
  add_row (self, self->fields, _("Reason for the result"), member (data, "override_reason"));
  add_row (self, self->fields, _("Inspector"), member (data, "inspector"));
  add_row (self, self->fields, _("Finished"), when);
  adw_preferences_group_set_title (self->lines, _("Products checked"));
  for (guint i = 0; items != NULL && i < MIN (json_array_get_length (items), 200); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *how = NULL;
      const char *findings;

      if (item == NULL)
        continue;
      findings = member (item, "findings");
      how = g_strdup_printf ("%s · %s", findings && *findings ? findings : _("No finding"),
                             suyuan_inspection_action_label (suyuan_inspection_action_from_string (member (item, "action"))));
      add_row (self, self->lines, how, member (item, "summary") && *member (item, "summary") ? member (item, "summary")
                                                                                           : member (item, "code"));
    }
}

static void
show_scan (SuyuanRecordDetail *self,
           JsonObject         *data)
{
  static const struct { const char *id; const char *words; } levels[] = {
    { "ok", N_("OK — may be sold") },
    { "warn", N_("Warning — check before selling") },
    { "stop", N_("STOP — must not be sold") },
    { "unknown", N_("Unknown code") },
  };
  const char *level = member (data, "level");

  gtk_label_set_text (self->heading, _("Check"));
  for (gsize i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_strcmp0 (level, levels[i].id) == 0)
      add_row (self, self->fields, _("Verdict"), _(levels[i].words));
  add_row (self, self->fields, _("Findings"), member (data, "findings"));
  add_row (self, self->fields, _("Product"), member (data, "product_name"));
  add_row (self, self->fields, _("Batch"), member (data, "lot"));
  add_row (self, self->fields, _("Code"), member (data, "raw"));
}

static void
show_event (SuyuanRecordDetail *self,
            JsonObject         *data)
{
  g_autofree char *when = local_time (member (data, "time"));
  const char *type = member (data, "type");

  gtk_label_set_text (self->heading, g_strcmp0 (type, "master-data") == 0 ? _("Product data")
                                     : type ? suyuan_event_type_to_label (type) : _("Traceability event"));
  add_row (self, self->fields, _("Product"), member (data, "product_name"));
  add_row (self, self->fields, _("Batch"), member (data, "lot"));
  add_row (self, self->fields, _("Serial number"), member (data, "serial"));
  add_row (self, self->fields, _("Time"), when);
  add_row (self, self->fields, _("Place"), member (data, "place"));
}

gboolean
suyuan_record_detail_show (SuyuanRecordDetail *self,
                           SuyuanStore        *store,
                           const char         *uuid,
                           const char         *kind,
                           GError            **error)
{
  g_autoptr(JsonObject) data = NULL;

  g_return_val_if_fail (SUYUAN_IS_RECORD_DETAIL (self), FALSE);
  clear (self);
  data = suyuan_record_dup_data (store, uuid, error);
  if (data == NULL)
    return FALSE;
  if (g_strcmp0 (kind, "receipt") == 0)
    {
      show_receipt (self, data);
      self->receipt_uuid = g_strdup (uuid);
    }
  else if (g_strcmp0 (kind, "inspection") == 0)
    show_inspection (self, data);
  else if (g_strcmp0 (kind, "scan") == 0)
    show_scan (self, data);
  else
    show_event (self, data);
  gtk_widget_set_visible (GTK_WIDGET (self->lines), self->lines != NULL
                          && g_strcmp0 (adw_preferences_group_get_title (self->lines), "") != 0);
  return TRUE;
}

const char *
suyuan_record_detail_get_inspection_uuid (SuyuanRecordDetail *self)
{
  return self->inspection_uuid;
}

const char *
suyuan_record_detail_get_receipt_uuid (SuyuanRecordDetail *self)
{
  return self->receipt_uuid;
}

char *
suyuan_record_detail_dup_text (SuyuanRecordDetail *self)
{
  return g_strdup_printf ("%s\n%s", gtk_label_get_text (self->heading), self->text->str);
}

static void
suyuan_record_detail_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_RECORD_DETAIL);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_record_detail_parent_class)->dispose (object);
}

static void
suyuan_record_detail_finalize (GObject *object)
{
  SuyuanRecordDetail *self = SUYUAN_RECORD_DETAIL (object);

  g_ptr_array_unref (self->rows);
  g_string_free (self->text, TRUE);
  g_free (self->inspection_uuid);
  g_free (self->receipt_uuid);
  G_OBJECT_CLASS (suyuan_record_detail_parent_class)->finalize (object);
}

static void
suyuan_record_detail_class_init (SuyuanRecordDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_record_detail_dispose;
  object_class->finalize = suyuan_record_detail_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-record-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordDetail, heading);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordDetail, fields);
  gtk_widget_class_bind_template_child (widget_class, SuyuanRecordDetail, lines);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_record_detail_init (SuyuanRecordDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->text = g_string_new (NULL);
}
