/* suyuan-receive-row.c — one line of the receiving tally. Everything shown
 * came from the store or a scan: plain text only (use-markup off).
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-receive-row.h"
#include "suyuan-save-mark.h"

#include <glib/gi18n.h>

struct _SuyuanReceiveRow {
  AdwActionRow parent_instance;

  guint index;
  char *product;
  char *state_text;
  char *count;
  char *text;
  gboolean rejected;
  SuyuanLevel level;
  SuyuanSaveMark save_mark;

  GtkImage *icon;
  GtkButton *reject_button;
  GtkLabel *save_label;
};

G_DEFINE_FINAL_TYPE (SuyuanReceiveRow, suyuan_receive_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_PRODUCT,
  PROP_STATE_TEXT,
  PROP_COUNT,
  PROP_REJECTED,
  PROP_LEVEL,
  PROP_TEXT,
  PROP_SAVED,
  PROP_SAVE_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_date (guint32 date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (date == 0)
    return g_strdup ("—");
  dt = g_date_time_new_local (date / 10000, date / 100 % 100, date % 100, 0, 0, 0);
  /* Translators: a date as your locale writes it (strftime); zh_CN: %Y年%-m月%-d日 */
  return dt ? g_date_time_format (dt, _("%Y-%m-%d")) : g_strdup ("—");
}

static void
append_flags (GString *words,
              guint    flags)
{
  static const struct { guint flag; const char *text; } names[] = {
    { SUYUAN_RECEIPT_FLAG_EXPIRED, N_("Expired") },
    { SUYUAN_RECEIPT_FLAG_NEAR_EXPIRY, N_("Near expiry") },
    { SUYUAN_RECEIPT_FLAG_UNQUALIFIED, N_("Failed sampling") },
    { SUYUAN_RECEIPT_FLAG_RECALLED, N_("Recalled") },
    { SUYUAN_RECEIPT_FLAG_HELD, N_("Held") },
    { SUYUAN_RECEIPT_FLAG_DUPLICATED, N_("Duplicated code") },
    { SUYUAN_RECEIPT_FLAG_OTHER, N_("Must not be accepted") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].flag)
      g_string_append_printf (words, " · %s", _(names[i].text));
}

/* The look of a line: its icon and CSS class. */
static void
state_look (const SuyuanReceiptLine  *line,
            const char              **icon,
            const char              **css)
{
  gboolean warn = line->flags != 0 || suyuan_receipt_line_state (line) != SUYUAN_RECEIPT_MATCHED;

  if (line->rejected)
    *icon = "action-unavailable-symbolic", *css = "receipt-rejected";
  else if (line->level == SUYUAN_LEVEL_STOP)
    *icon = "process-stop-symbolic", *css = "receipt-stop";
  else if (warn)
    *icon = "dialog-warning-symbolic", *css = "receipt-warn";
  else
    *icon = "emblem-ok-symbolic", *css = "receipt-ok";
}

static char *
describe (const SuyuanReceiptLine *line)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *expiry = format_date (line->expiry);
  SuyuanReceiptState state = suyuan_receipt_line_state (line);

  /* Translators: a tally line starts with the lot and the expiry date */
  g_string_printf (words, _("Lot %s · expires %s"), line->lot ? line->lot : "—", expiry);
  g_string_append (words, " · ");
  if (state == SUYUAN_RECEIPT_MATCHED)
    g_string_append (words, _("Matched"));
  else if (state == SUYUAN_RECEIPT_MISSING)
    g_string_append_printf (words, _("Missing %u"), line->expected - line->received);
  else if (line->expected == 0)
    g_string_append (words, _("Not in the shipment"));
  else
    g_string_append_printf (words, _("Extra %u"), line->received - line->expected);
  append_flags (words, line->flags);
  if (line->rejected)
    g_string_append_printf (words, " · %s: %s", _("Rejected"), line->reject_reason);
  return g_string_free (g_steal_pointer (&words), FALSE);
}

static void
set_line (SuyuanReceiveRow        *self,
          const SuyuanReceiptLine *line)
{
  const char *icon, *css;

  self->product = line->spec ? g_strdup_printf ("%s  %s", line->product_name, line->spec)
                             : g_strdup (line->product_name);
  self->state_text = describe (line);
  self->count = line->expected ? g_strdup_printf ("%u / %u", line->received, line->expected)
                               : g_strdup_printf ("%u", line->received);
  self->text = g_strdup_printf ("%s | %s | %s", self->product, self->state_text, self->count);
  self->rejected = line->rejected;
  self->level = line->level;

  state_look (line, &icon, &css);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_widget_add_css_class (GTK_WIDGET (self), css);
  gtk_button_set_label (self->reject_button, line->rejected ? _("Accept") : _("Reject…"));
  /* Only goods that must not come in get the loud button. */
  if (!line->rejected && line->level == SUYUAN_LEVEL_STOP)
    gtk_widget_add_css_class (GTK_WIDGET (self->reject_button), "destructive-action");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->reject_button), "i",
                                    (gint32) self->index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->text, -1);
  for (guint i = PROP_PRODUCT; i <= PROP_TEXT; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  suyuan_receive_row_update_saved (self, line);
}

static void
suyuan_receive_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_RECEIVE_ROW);
  G_OBJECT_CLASS (suyuan_receive_row_parent_class)->dispose (object);
}

static void
suyuan_receive_row_finalize (GObject *object)
{
  SuyuanReceiveRow *self = SUYUAN_RECEIVE_ROW (object);

  g_free (self->product);
  g_free (self->state_text);
  g_free (self->count);
  g_free (self->text);
  suyuan_save_mark_clear (&self->save_mark);
  G_OBJECT_CLASS (suyuan_receive_row_parent_class)->finalize (object);
}

static void
suyuan_receive_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SuyuanReceiveRow *self = SUYUAN_RECEIVE_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_PRODUCT:
      g_value_set_string (value, self->product);
      break;
    case PROP_STATE_TEXT:
      g_value_set_string (value, self->state_text);
      break;
    case PROP_COUNT:
      g_value_set_string (value, self->count);
      break;
    case PROP_REJECTED:
      g_value_set_boolean (value, self->rejected);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->save_mark.saved);
      break;
    case PROP_SAVE_TEXT:
      g_value_set_string (value, self->save_mark.text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_receive_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SuyuanReceiveRow *self = SUYUAN_RECEIVE_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suyuan_receive_row_class_init (SuyuanReceiveRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = suyuan_receive_row_dispose;
  object_class->finalize = suyuan_receive_row_finalize;
  object_class->get_property = suyuan_receive_row_get_property;
  object_class->set_property = suyuan_receive_row_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRODUCT] = g_param_spec_string ("product", NULL, NULL, NULL, ro);
  properties[PROP_STATE_TEXT] = g_param_spec_string ("state-text", NULL, NULL, NULL, ro);
  properties[PROP_COUNT] = g_param_spec_string ("count", NULL, NULL, NULL, ro);
  properties[PROP_REJECTED] = g_param_spec_boolean ("rejected", NULL, NULL, FALSE, ro);
  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, G_MININT, G_MAXINT, 0, ro);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  /* Everything counted on the line is committed to the store. */
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, ro);
  /* "Saving…", "Not saved" or empty when saved. */
  properties[PROP_SAVE_TEXT] = g_param_spec_string ("save-text", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-receive-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceiveRow, icon);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceiveRow, reject_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceiveRow, save_label);
}

static void
suyuan_receive_row_init (SuyuanReceiveRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
suyuan_receive_row_new (const SuyuanReceiptLine *line,
                        guint                    index)
{
  SuyuanReceiveRow *self;

  g_return_val_if_fail (line != NULL, NULL);
  self = g_object_new (SUYUAN_TYPE_RECEIVE_ROW, "index", index, NULL);
  set_line (self, line);
  return GTK_WIDGET (self);
}

void
suyuan_receive_row_update_saved (SuyuanReceiveRow        *self,
                                 const SuyuanReceiptLine *line)
{
  g_return_if_fail (line != NULL);
  suyuan_save_mark_update (&self->save_mark, G_OBJECT (self), properties[PROP_SAVED],
                           properties[PROP_SAVE_TEXT], GTK_WIDGET (self->save_label),
                           suyuan_receipt_line_is_saved (line), line->save_failed);
}

const char *
suyuan_receive_row_get_text (SuyuanReceiveRow *self)
{
  g_return_val_if_fail (SUYUAN_IS_RECEIVE_ROW (self), NULL);
  return self->text;
}
