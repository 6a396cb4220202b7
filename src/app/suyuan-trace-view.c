/* suyuan-trace-view.c — one row per event, oldest first, joined by a line,
 * so an inspector reads the chain top to bottom: producer → … → this shop.
 * Every text comes from the data: plain labels only, never markup.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-trace-view.h"
#include "suyuan-widget-children.h"

#include <glib/gi18n.h>

struct _SuyuanTraceView {
  GtkWidget parent_instance;

  GtkListBox *steps;
  GPtrArray *step_texts;   /* "title|party" per row */
  int cause;               /* the step that makes it a STOP, or -1 */
};

G_DEFINE_FINAL_TYPE (SuyuanTraceView, suyuan_trace_view, GTK_TYPE_WIDGET)

static const struct {
  const char *type;
  const char *label;
  const char *icon;
} event_looks[] = {
  { "commissioning", N_("Produced and coded"), "package-x-generic-symbolic" },
  { "shipping", N_("Shipped"), "mail-send-symbolic" },
  { "receiving", N_("Received"), "go-down-symbolic" },
  { "inspecting", N_("Inspected"), "system-search-symbolic" },
  { "sampling", N_("Sampled for testing"), "edit-find-symbolic" },
  { "selling", N_("Sold"), "emblem-ok-symbolic" },
  { "recalling", N_("Recalled"), "dialog-warning-symbolic" },
  { "destroying", N_("Destroyed"), "user-trash-symbolic" },
};

static const struct { const char *kind; const char *label; } party_kinds[] = {
  { "producer", N_("Producer") },
  { "distributor", N_("Distributor") },
  { "retailer", N_("Retailer") },
  { "market", N_("Market") },
};

const char *
suyuan_event_type_to_label (const char *type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (event_looks); i++)
    if (g_strcmp0 (type, event_looks[i].type) == 0)
      return _(event_looks[i].label);
  return type ? type : "?";
}

static const char *
event_icon (const char *type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (event_looks); i++)
    if (g_strcmp0 (type, event_looks[i].type) == 0)
      return event_looks[i].icon;
  return "media-record-symbolic";
}

static const char *
party_kind_label (const char *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (party_kinds); i++)
    if (g_strcmp0 (kind, party_kinds[i].kind) == 0)
      return _(party_kinds[i].label);
  return kind;
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "2026-11-02T15:20:00+08:00" → "2026年11月2日 15:20" (the locale's style),
 * at the place's own offset; anything else as it is. */
static char *
short_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autofree char *t = NULL;

  if (time != NULL)
    /* Translators: a date and a time (strftime); zh_CN: %Y年%-m月%-d日 %H:%M */
    return g_date_time_format (time, _("%Y-%m-%d %H:%M"));
  t = g_strndup (iso ? iso : "", 16);
  g_strdelimit (t, "T", ' ');
  return g_steal_pointer (&t);
}

/* The event a STOP comes from: a sale, a destruction, a recall of this very
 * unit means its code should never be scanned again on a shelf. */
static const struct { const char *reason; const char *event; } causes[] = {
  { "already-sold", "selling" },
  { "destroyed", "destroying" },
  { "recalled", "recalling" },
};

static int
find_cause (const SuyuanLookup  *lookup,
            const SuyuanVerdict *verdict,
            const char         **message)
{
  for (guint r = 0; verdict != NULL && r < verdict->reasons->len; r++)
    {
      const SuyuanReason *reason = verdict->reasons->pdata[r];

      for (gsize c = 0; c < G_N_ELEMENTS (causes); c++)
        {
          if (g_strcmp0 (reason->id, causes[c].reason) != 0)
            continue;
          /* The latest such event is the one that counts. */
          for (guint i = lookup->events->len; i > 0; i--)
            if (g_strcmp0 (((SuyuanEvent *) lookup->events->pdata[i - 1])->type, causes[c].event) == 0)
              {
                *message = reason->message;
                return (int) i - 1;
              }
        }
    }
  return -1;
}

static GtkWidget *
step_row (const SuyuanEvent *e,
          gboolean           first,
          gboolean           last,
          const char        *cause,
          char             **text_out)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *rail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (cause ? "process-stop-symbolic" : event_icon (e->type));
  const char *party = e->party_name ? e->party_name : e->party_id ? e->party_id : _("Unknown party");
  const char *kind = party_kind_label (e->party_kind);
  g_autofree char *who = kind ? g_strdup_printf ("%s · %s", party, kind) : g_strdup (party);
  g_autofree char *when = short_time (e->time);
  g_autofree char *where = e->place ? g_strdup_printf ("%s · %s", when, e->place) : g_strdup (when);
  GtkWidget *line_top = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *line_bottom = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

  /* The rail: a line in from the step before, the step's icon, a line on to the next. */
  gtk_widget_set_size_request (line_top, -1, 10);
  gtk_widget_set_vexpand (line_bottom, TRUE);
  gtk_widget_set_halign (line_top, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (line_bottom, GTK_ALIGN_CENTER);
  gtk_widget_set_opacity (line_top, first ? 0 : 1);
  gtk_widget_set_opacity (line_bottom, last ? 0 : 1);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 24);
  gtk_widget_add_css_class (icon, cause ? "trace-icon-cause" : last ? "trace-icon-latest" : "trace-icon");
  gtk_box_append (GTK_BOX (rail), line_top);
  gtk_box_append (GTK_BOX (rail), icon);
  gtk_box_append (GTK_BOX (rail), line_bottom);

  gtk_widget_set_margin_top (body, 10);
  gtk_widget_set_margin_bottom (body, 10);
  gtk_widget_set_hexpand (body, TRUE);
  /* What happened and who: large and dark; when and where: small. */
  gtk_box_append (GTK_BOX (body), text_label (suyuan_event_type_to_label (e->type), "heading"));
  gtk_box_append (GTK_BOX (body), text_label (who, "trace-party"));
  gtk_box_append (GTK_BOX (body), text_label (where, "trace-when"));
  if (e->reason)
    gtk_box_append (GTK_BOX (body), text_label (e->reason, "trace-when"));
  if (cause)
    {
      /* Translators: %s is the verdict's reason, e.g. "This unit was already sold: …" */
      g_autofree char *why = g_strdup_printf (_("This is why it must not be sold: %s"), cause);

      gtk_box_append (GTK_BOX (body), text_label (why, "trace-cause"));
      gtk_widget_add_css_class (row, "trace-step-cause");
    }

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_box_append (GTK_BOX (row), rail);
  gtk_box_append (GTK_BOX (row), body);
  *text_out = g_strdup_printf ("%s|%s", suyuan_event_type_to_label (e->type), party);
  return row;
}

void
suyuan_trace_view_set_lookup (SuyuanTraceView     *self,
                              const SuyuanLookup  *lookup,
                              const SuyuanVerdict *verdict)
{
  GtkWidget *child;
  guint n = lookup && lookup->events ? lookup->events->len : 0;
  const char *cause_message = NULL;

  g_return_if_fail (SUYUAN_IS_TRACE_VIEW (self));

  self->cause = n > 0 ? find_cause (lookup, verdict, &cause_message) : -1;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps))) != NULL)
    gtk_list_box_remove (self->steps, child);
  g_ptr_array_set_size (self->step_texts, 0);
  for (guint i = 0; i < n; i++)
    {
      char *text = NULL;
      GtkWidget *row = step_row (lookup->events->pdata[i], i == 0, i + 1 == n,
                                 (int) i == self->cause ? cause_message : NULL, &text);

      gtk_list_box_append (self->steps, row);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      g_ptr_array_add (self->step_texts, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

int
suyuan_trace_view_get_cause_step (SuyuanTraceView *self)
{
  g_return_val_if_fail (SUYUAN_IS_TRACE_VIEW (self), -1);
  return self->cause;
}

guint
suyuan_trace_view_get_n_steps (SuyuanTraceView *self)
{
  g_return_val_if_fail (SUYUAN_IS_TRACE_VIEW (self), 0);
  return self->step_texts->len;
}

char *
suyuan_trace_view_dup_step_text (SuyuanTraceView *self,
                                 guint            i)
{
  g_return_val_if_fail (SUYUAN_IS_TRACE_VIEW (self), NULL);
  g_return_val_if_fail (i < self->step_texts->len, NULL);
  return g_strdup (self->step_texts->pdata[i]);
}

static void
suyuan_trace_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_TRACE_VIEW);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_trace_view_parent_class)->dispose (object);
}

static void
suyuan_trace_view_finalize (GObject *object)
{
  g_ptr_array_unref (SUYUAN_TRACE_VIEW (object)->step_texts);
  G_OBJECT_CLASS (suyuan_trace_view_parent_class)->finalize (object);
}

static void
suyuan_trace_view_class_init (SuyuanTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_trace_view_dispose;
  object_class->finalize = suyuan_trace_view_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-trace-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanTraceView, steps);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "traceview");
}

static void
suyuan_trace_view_init (SuyuanTraceView *self)
{
  self->step_texts = g_ptr_array_new_with_free_func (g_free);
  self->cause = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);
}
