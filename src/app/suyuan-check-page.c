/* suyuan-check-page.c — input → code → lookup → verdict, shown at once.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-check-page.h"
#include "scan-record.h"
#include "suyuan-code-kind.h"
#include "suyuan-widget-children.h"
#include "suyuan-verdict-banner.h"
#include "suyuan-camera-view.h"
#include "suyuan-check-online.h"
#include "code-json.h"
#include "verdict.h"

#include <glib/gi18n.h>

struct _SuyuanCheckPage {
  GtkWidget parent_instance;

  SuyuanStore *store;   /* not owned: the application's */
  SuyuanVerdictSettings verdict_settings;
  char *gs_substitute;  /* what the wedge scanner types for GS, or NULL */
  SuyuanScanLog *scan_log;  /* scans waiting to be kept in Records */
  guint scan_flush_id;

  GtkScrolledWindow *scroller;
  GtkEntry *entry;
  SuyuanVerdictBanner *banner;
  AdwPreferencesGroup *details_group;
  AdwActionRow *product_row;
  AdwActionRow *code_row;
  AdwActionRow *lot_row;
  AdwActionRow *production_row;
  AdwActionRow *expiry_row;
  AdwActionRow *producer_row;
  AdwActionRow *category_row;
  AdwActionRow *status_row;
  SuyuanAlertList *alert_list;
  SuyuanTraceView *trace_view;
  GtkToggleButton *camera_button;
  SuyuanCameraView *camera_view;

  SuyuanLevel level;    /* of the last check, for scan feedback */
  char *store_path;     /* for the online lookup's own connection */
  char *server_url;     /* NULL: no server to ask */
  guint generation;     /* of the check shown: a late answer for an older one is not shown */
  GHashTable *asking;   /* generation → input: scans whose server answer is still due */
};

G_DEFINE_FINAL_TYPE (SuyuanCheckPage, suyuan_check_page, GTK_TYPE_WIDGET)

enum { CHECKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  /* Rows are use-markup=False in the template: data is shown as typed. */
  adw_action_row_set_subtitle (row, value && *value ? value : "—");
}

static void
set_date_row (AdwActionRow *row,
              guint32       date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (date != 0)
    dt = g_date_time_new_local (date / 10000, date / 100 % 100, date % 100, 0, 0, 0);
  /* Translators: a date as your locale writes it (strftime); zh_CN: %Y年%-m月%-d日 */
  text = dt ? g_date_time_format (dt, _("%Y-%m-%d")) : NULL;
  set_row (row, text);
}

static void
show_details (SuyuanCheckPage     *self,
              const SuyuanCode    *code,
              const SuyuanLookup  *lookup,
              const SuyuanVerdict *verdict)
{
  const SuyuanProduct *product = lookup ? lookup->product : NULL;
  const SuyuanBatch *batch = lookup ? lookup->batch : NULL;
  g_autofree char *product_text = NULL;
  g_autofree char *code_text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *status_text = NULL;

  if (product)
    product_text = product->spec ? g_strdup_printf ("%s  %s", product->name, product->spec) : g_strdup (product->name);
  shown = suyuan_code_dup_display (code->raw);
  code_text = g_strdup_printf ("%s · %s", suyuan_code_kind_to_label (code->kind), shown);
  set_row (self->product_row, product_text);
  set_row (self->code_row, code_text);
  set_row (self->lot_row, code->lot ? code->lot : batch ? batch->lot : NULL);
  set_date_row (self->production_row, code->production ? code->production : batch ? batch->production : 0);
  set_date_row (self->expiry_row, code->expiry ? code->expiry : batch ? batch->expiry : 0);
  set_row (self->producer_row, lookup && lookup->producer ? lookup->producer->name : NULL);
  set_row (self->category_row, product ? suyuan_category_to_label (product->category) : NULL);
  if (batch)
    status_text = batch->notice ? g_strdup_printf ("%s — %s", suyuan_batch_status_to_label (batch->status), batch->notice)
                                : g_strdup (suyuan_batch_status_to_label (batch->status));
  set_row (self->status_row, status_text);
  suyuan_alert_list_set_lookup (self->alert_list, lookup);
  suyuan_trace_view_set_lookup (self->trace_view, lookup, verdict);
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), TRUE);
}

static gboolean
flush_scans (gpointer data)
{
  SuyuanCheckPage *self = data;
  g_autoptr(GError) error = NULL;

  self->scan_flush_id = 0;
  if (self->scan_log != NULL && !suyuan_scan_log_flush (self->scan_log, &error))
    g_warning ("keeping the scans failed: %s", error->message);
  return G_SOURCE_REMOVE;
}

/* Every verdict shows where the eyes are: a scan made while reading the trace
 * chain further down brings the banner back into view, and with the camera
 * on the preview above it too (when both fit), since the inspector aims with
 * it. Only upward: what is in sight already stays where it is. */
static void
reveal_banner (SuyuanCheckPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  graphene_rect_t banner, camera;
  double top;

  /* In the viewport's coordinates: 0 is the top of what is in sight. */
  if (!gtk_widget_compute_bounds (GTK_WIDGET (self->banner), viewport, &banner))
    return;
  top = banner.origin.y;
  if (gtk_widget_get_visible (GTK_WIDGET (self->camera_view))
      && gtk_widget_compute_bounds (GTK_WIDGET (self->camera_view), viewport, &camera)
      && banner.origin.y + banner.size.height - camera.origin.y + 24 <= gtk_adjustment_get_page_size (adj))
    top = camera.origin.y;
  /* A little of what is above stays in sight, so the page reads from the top. */
  if (top < 12)
    gtk_adjustment_set_value (adj, MAX (gtk_adjustment_get_value (adj) + top - 12, 0));
}

/* Every check is kept in Records (记录), written once the burst is over. */
static void
keep_scan (SuyuanCheckPage     *self,
           const char          *input,
           const SuyuanLookup  *lookup,
           const SuyuanVerdict *verdict)
{
  if (self->store == NULL)
    return;
  if (self->scan_log == NULL)
    self->scan_log = suyuan_scan_log_new (self->store);
  suyuan_scan_log_add (self->scan_log, input, lookup, verdict, self->verdict_settings.here_party_id);
  g_clear_handle_id (&self->scan_flush_id, g_source_remove);
  self->scan_flush_id = g_timeout_add (300, flush_scans, self);
}

static const char *
source_text (SuyuanLookupSource source)
{
  switch (source)
    {
    case SUYUAN_LOOKUP_SOURCE_SERVER:
      return _("Answer from the server");
    case SUYUAN_LOOKUP_SOURCE_OFFLINE:
      return _("Offline: judged from the code alone");
    case SUYUAN_LOOKUP_SOURCE_LOCAL:
    default:
      return _("Answer from this terminal");
    }
}

/* Judges @code on @lookup and shows it, with the flash and the sound; for
 * a later answer to the same scan (@again) only when the level changed. */
static SuyuanVerdict *
show_verdict (SuyuanCheckPage    *self,
              const SuyuanCode   *code,
              const SuyuanLookup *lookup,
              const char         *source,
              gboolean            again)
{
  SuyuanVerdictSettings settings = self->verdict_settings;
  SuyuanVerdict *verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);
  gboolean changed = !again || verdict->level != self->level;

  suyuan_verdict_banner_set_verdict (self->banner, verdict);
  suyuan_verdict_banner_set_source (self->banner, code->valid ? source : NULL);
  self->level = verdict->level;
  show_details (self, code, lookup, verdict);
  reveal_banner (self);
  if (changed)
    g_signal_emit (self, signals[CHECKED], 0, (int) verdict->level);
  return verdict;
}

static void
online_answered (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  SuyuanCheckPage *self = SUYUAN_CHECK_PAGE (object);
  guint generation = GPOINTER_TO_UINT (data);
  const char *input = suyuan_check_online_get_input (result);
  g_autoptr(SuyuanCode) code = suyuan_code_parse (input, -1);
  g_autoptr(GError) error = NULL;
  SuyuanLookupSource source = SUYUAN_LOOKUP_SOURCE_OFFLINE;
  g_autoptr(SuyuanLookup) lookup = suyuan_check_online_lookup_finish (result, &source, &error);
  g_autoptr(SuyuanVerdict) verdict = NULL;
  SuyuanVerdictSettings settings = self->verdict_settings;

  if (error != NULL)
    g_warning ("online lookup failed: %s", error->message);
  /* Kept already, as the terminal judged it, when the page left its window. */
  if (self->asking == NULL || !g_hash_table_remove (self->asking, data))
    return;
  /* A newer scan is on screen: this answer is only kept in Records. */
  if (generation != self->generation || self->store == NULL)
    verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);
  else
    {
      if (lookup == NULL)
        lookup = suyuan_store_lookup (self->store, code, NULL);
      verdict = show_verdict (self, code, lookup, source_text (source), TRUE);
    }
  keep_scan (self, input, lookup, verdict);
}

void
suyuan_check_page_check (SuyuanCheckPage *self,
                         const char      *input)
{
  g_autoptr(SuyuanCode) code = NULL;
  g_autoptr(SuyuanLookup) lookup = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ask;

  g_return_if_fail (SUYUAN_IS_CHECK_PAGE (self));

  self->generation++;
  code = suyuan_code_parse (input, -1);
  if (self->store != NULL && code->valid)
    {
      lookup = suyuan_store_lookup (self->store, code, &error);
      if (error != NULL)
        g_warning ("lookup failed: %s", error->message);
    }
  /* What the store knows is shown at once; the server's answer follows. */
  ask = self->server_url != NULL && self->store_path != NULL && lookup != NULL
        && suyuan_lookup_is_partial (lookup, code);
  verdict = show_verdict (self, code, lookup,
                          ask ? _("Asking the server…")
                              : source_text (lookup && suyuan_lookup_is_partial (lookup, code)
                                             ? SUYUAN_LOOKUP_SOURCE_OFFLINE : SUYUAN_LOOKUP_SOURCE_LOCAL),
                          FALSE);
  if (ask)
    {
      g_hash_table_insert (self->asking, GUINT_TO_POINTER (self->generation), g_strdup (input));
      suyuan_check_online_lookup (G_OBJECT (self), self->store_path, self->server_url, input,
                                  online_answered, GUINT_TO_POINTER (self->generation));
    }
  else
    keep_scan (self, input, lookup, verdict);
}

static void
on_entry_activate (GtkEntry        *entry,
                   SuyuanCheckPage *self)
{
  g_autoptr(GString) text = g_string_new (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (text->len == 0)
    return;
  /* The same substitute the hardware-scanner input replaces. */
  if (self->gs_substitute != NULL)
    g_string_replace (text, self->gs_substitute, "\x1d", 0);
  suyuan_check_page_check (self, text->str);
  /* Ready for the next scan straight away. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

void
suyuan_check_page_set_store (SuyuanCheckPage *self,
                             SuyuanStore     *store)
{
  g_return_if_fail (SUYUAN_IS_CHECK_PAGE (self));
  self->store = store;
}

void
suyuan_check_page_set_server (SuyuanCheckPage *self,
                              const char      *store_path,
                              const char      *server_url)
{
  g_return_if_fail (SUYUAN_IS_CHECK_PAGE (self));
  g_free (self->store_path);
  self->store_path = g_strdup (store_path);
  g_free (self->server_url);
  self->server_url = server_url != NULL && server_url[0] != '\0' ? g_strdup (server_url) : NULL;
}

void
suyuan_check_page_set_verdict_settings (SuyuanCheckPage             *self,
                                        const SuyuanVerdictSettings *settings)
{
  g_return_if_fail (SUYUAN_IS_CHECK_PAGE (self));
  self->verdict_settings = *settings;
}

void
suyuan_check_page_set_gs_substitute (SuyuanCheckPage *self,
                                     const char      *substitute)
{
  g_return_if_fail (SUYUAN_IS_CHECK_PAGE (self));
  g_free (self->gs_substitute);
  self->gs_substitute = substitute != NULL && substitute[0] != '\0' ? g_strdup (substitute) : NULL;
}

void
suyuan_check_page_focus_entry (SuyuanCheckPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

SuyuanVerdictBanner *
suyuan_check_page_get_banner (SuyuanCheckPage *self)
{
  return self->banner;
}

SuyuanTraceView *
suyuan_check_page_get_trace_view (SuyuanCheckPage *self)
{
  return self->trace_view;
}

SuyuanAlertList *
suyuan_check_page_get_alert_list (SuyuanCheckPage *self)
{
  return self->alert_list;
}

SuyuanLevel
suyuan_check_page_get_level (SuyuanCheckPage *self)
{
  return self->level;
}

SuyuanCameraView *
suyuan_check_page_get_camera_view (SuyuanCheckPage *self)
{
  return self->camera_view;
}

void
suyuan_check_page_show_camera (SuyuanCheckPage *self,
                               gboolean         show)
{
  gtk_toggle_button_set_active (self->camera_button, show);
}

/* The window is closing (or the app quitting) while the store is still
 * open: a scan whose server answer is not in yet is kept as the terminal
 * judged it, and what waits for the burst to end is written now. */
static void
suyuan_check_page_unroot (GtkWidget *widget)
{
  SuyuanCheckPage *self = SUYUAN_CHECK_PAGE (widget);
  GHashTableIter iter;
  gpointer input;

  g_hash_table_iter_init (&iter, self->asking);
  while (self->store != NULL && g_hash_table_iter_next (&iter, NULL, &input))
    {
      g_autoptr(SuyuanCode) code = suyuan_code_parse (input, -1);
      g_autoptr(SuyuanLookup) lookup = code->valid ? suyuan_store_lookup (self->store, code, NULL) : NULL;
      SuyuanVerdictSettings settings = self->verdict_settings;
      g_autoptr(SuyuanVerdict) verdict = suyuan_verdict_judge (code, lookup, suyuan_today (), &settings);

      keep_scan (self, input, lookup, verdict);
    }
  g_hash_table_remove_all (self->asking);
  g_clear_handle_id (&self->scan_flush_id, g_source_remove);
  flush_scans (self);
  GTK_WIDGET_CLASS (suyuan_check_page_parent_class)->unroot (widget);
}

static void
suyuan_check_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_CHECK_PAGE);
  g_clear_pointer (&SUYUAN_CHECK_PAGE (object)->gs_substitute, g_free);
  g_clear_pointer (&SUYUAN_CHECK_PAGE (object)->store_path, g_free);
  /* An answer still on its way finds no store and touches nothing. */
  SUYUAN_CHECK_PAGE (object)->store = NULL;
  g_clear_pointer (&SUYUAN_CHECK_PAGE (object)->server_url, g_free);
  g_clear_handle_id (&SUYUAN_CHECK_PAGE (object)->scan_flush_id, g_source_remove);
  g_clear_pointer (&SUYUAN_CHECK_PAGE (object)->scan_log, suyuan_scan_log_free);
  g_clear_pointer (&SUYUAN_CHECK_PAGE (object)->asking, g_hash_table_unref);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_check_page_parent_class)->dispose (object);
}

static void
suyuan_check_page_class_init (SuyuanCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suyuan_check_page_dispose;
  widget_class->unroot = suyuan_check_page_unroot;
  /* (level): after every check, whatever typed it; the window gives the
   * flash and the sound from it. */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  g_type_ensure (SUYUAN_TYPE_VERDICT_BANNER);
  g_type_ensure (SUYUAN_TYPE_ALERT_LIST);
  g_type_ensure (SUYUAN_TYPE_TRACE_VIEW);
  g_type_ensure (SUYUAN_TYPE_CAMERA_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, entry);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, banner);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, product_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, lot_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, production_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, producer_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, category_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, alert_list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, trace_view);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, camera_button);
  gtk_widget_class_bind_template_child (widget_class, SuyuanCheckPage, camera_view);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_check_page_init (SuyuanCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  suyuan_verdict_settings_init (&self->verdict_settings);
  self->asking = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}
