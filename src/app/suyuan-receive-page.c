/* suyuan-receive-page.c — pick a shipment (or receive ad hoc), scan case
 * after case, see the tally, reject what must not come in, finish.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-receive-page.h"
#include "suyuan-receive-rows.h"
#include "suyuan-receive-row.h"
#include "suyuan-widget-children.h"
#include "inspection.h"
#include "store-writer.h"

#include <glib/gi18n.h>

struct _SuyuanReceivePage {
  GtkWidget parent_instance;

  SuyuanStore *store;            /* not owned: the application's */
  char *shop_id;
  SuyuanVerdictSettings settings;
  GPtrArray *shipments;          /* of SuyuanShipment, as listed */
  SuyuanReceipt *receipt;        /* the open receipt, or NULL */
  SuyuanStoreWriter *writer;     /* commits the receipt's scans off the main thread */

  GtkStack *mode_stack;
  GtkListBox *shipment_list;
  GtkLabel *no_shipments_label;
  GtkLabel *receipt_title;
  SuyuanVerdictBanner *banner;
  GtkLabel *last_scan_label;
  GtkLabel *summary_label;
  GtkListBox *tally_list;
  AdwMessageDialog *reject_dialog;
  GtkEntry *reject_entry;
  int reject_index;
  AdwMessageDialog *confirm_dialog;  /* weak: the question being asked */
  GtkEditable *confirm_entry;        /* its entry, when it has one */
  gboolean stop_confirmed;           /* finishing: STOP lines accepted knowingly */
  GtkEntry *code_entry;
  gboolean entry_tapped;             /* the code entry was chosen by hand */
};

G_DEFINE_FINAL_TYPE (SuyuanReceivePage, suyuan_receive_page, GTK_TYPE_WIDGET)

enum { CHECKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_tally (SuyuanReceivePage *self)
{
  GPtrArray *lines = suyuan_receipt_get_lines (self->receipt);
  GtkWidget *child;
  guint matched, missing, extra, flagged;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tally_list))) != NULL)
    gtk_list_box_remove (self->tally_list, child);
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->tally_list, suyuan_receive_row_new (lines->pdata[i], i));
  suyuan_receipt_count (self->receipt, &matched, &missing, &extra, &flagged);
  /* Translators: the receiving tally: lines matched / missing / extra, lines with a problem */
  summary = g_strdup_printf (_("Matched %u · Missing %u · Extra %u · Problems %u"), matched, missing, extra, flagged);
  gtk_label_set_text (self->summary_label, summary);
}

static void
show_shipments (SuyuanReceivePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->shipment_list))) != NULL)
    gtk_list_box_remove (self->shipment_list, child);
  for (guint i = 0; self->shipments && i < self->shipments->len; i++)
    gtk_list_box_append (self->shipment_list, suyuan_receive_shipment_row_new (self->shipments->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->shipment_list), self->shipments && self->shipments->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_shipments_label), !self->shipments || self->shipments->len == 0);
}

static void
toast (SuyuanReceivePage *self,
       const char        *text)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text))
    g_message ("%s", text);
}

/* A queued save committed or failed: the rows say which lines are saved. */
static void
on_receipt_saved (SuyuanReceipt *receipt,
                  const GError  *error,
                  gpointer       user_data)
{
  SuyuanReceivePage *self = user_data;
  GPtrArray *lines = suyuan_receipt_get_lines (receipt);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tally_list));

  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      guint index;

      if (!SUYUAN_IS_RECEIVE_ROW (child))
        continue;
      g_object_get (child, "index", &index, NULL);
      if (index < lines->len)
        suyuan_receive_row_update_saved (SUYUAN_RECEIVE_ROW (child), lines->pdata[index]);
    }
  if (error != NULL)
    {
      /* Translators: a scan could not be written to the store; %s says why */
      g_autofree char *text = g_strdup_printf (_("Not saved: %s. The next scan or finishing saves it again."),
                                               error->message);

      gtk_label_set_text (self->last_scan_label, text);
      toast (self, text);
    }
}

/* Takes @receipt. */
static void
show_receipt (SuyuanReceivePage *self,
              SuyuanReceipt     *receipt,
              const char        *hint)
{
  g_autofree char *title = NULL;
  const char *supplier = suyuan_receipt_get_supplier_name (receipt);

  g_clear_pointer (&self->receipt, suyuan_receipt_free);
  self->receipt = receipt;
  if (self->writer != NULL)
    suyuan_receipt_set_writer (receipt, self->writer, on_receipt_saved, self);
  title = supplier == NULL ? g_strdup (_("Receiving without a shipment"))
                           : g_strdup_printf (_("Receiving from %s"), supplier);
  gtk_label_set_text (self->receipt_title, title);
  suyuan_verdict_banner_set_verdict (self->banner, NULL);
  gtk_label_set_text (self->last_scan_label, hint);
  update_tally (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "receipt");
  /* The scanner types into the window, not into a field it could split
   * across: the code entry takes focus only when tapped. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
}

/* A receipt left open (the app closed, the battery ran flat) is taken up again. */
static void
resume_unfinished (SuyuanReceivePage *self)
{
  g_autoptr(GError) error = NULL;
  SuyuanReceipt *receipt = suyuan_receipt_load_unfinished (self->store, self->shop_id, &error);

  if (error != NULL)
    toast (self, error->message);
  if (receipt != NULL)
    show_receipt (self, receipt, _("Unfinished receipt resumed: go on scanning where you stopped."));
}

static char *
describe_scan (SuyuanReceiptScanResult   result,
               const SuyuanReceiptLine  *line)
{
  switch (result)
    {
    case SUYUAN_RECEIPT_SCAN_DUPLICATE:
      return g_strdup_printf (_("Already scanned: %s not counted again"), line->product_name);
    case SUYUAN_RECEIPT_SCAN_UNKNOWN:
      return g_strdup (_("Not counted: no product with this code is known"));
    case SUYUAN_RECEIPT_SCAN_INVALID:
      return g_strdup (_("Not counted: this is not a valid code"));
    case SUYUAN_RECEIPT_SCAN_COUNTED:
    default:
      if (line->expected > 0)
        /* Translators: counted: product name, received so far, shipped */
        return g_strdup_printf (_("Counted: %s — %u of %u"), line->product_name, line->received, line->expected);
      return g_strdup_printf (_("Counted: %s — %u, not in the shipment"), line->product_name, line->received);
    }
}

/* Whether the receipt is checked against a shipment's lines. */
static gboolean
expects_goods (SuyuanReceipt *receipt)
{
  GPtrArray *lines = suyuan_receipt_get_lines (receipt);

  for (guint i = 0; i < lines->len; i++)
    if (((SuyuanReceiptLine *) lines->pdata[i])->expected > 0)
      return TRUE;
  return FALSE;
}

/* Goods nobody shipped are never a green light, whatever the code says. */
static void
not_in_shipment (SuyuanVerdict *verdict)
{
  SuyuanReason *reason = g_new0 (SuyuanReason, 1);

  reason->id = "not-in-shipment";
  reason->level = SUYUAN_LEVEL_WARN;
  reason->message = g_strdup (_("Not in this shipment: check the delivery note before taking it in"));
  g_ptr_array_add (verdict->reasons, reason);
  verdict->level = MAX (verdict->level, SUYUAN_LEVEL_WARN);
}

static void
on_code_activate (SuyuanReceivePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));

  if (text[0] == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), "");
  suyuan_receive_page_scan (self, text);
}

typedef void (*Answered) (SuyuanReceivePage *self,
                          const char        *response,
                          const char        *text);

static void
on_question_response (AdwMessageDialog  *dialog,
                      const char        *response,
                      SuyuanReceivePage *self)
{
  Answered answered = g_object_get_data (G_OBJECT (dialog), "answered");
  g_autofree char *text = NULL;

  g_signal_handlers_disconnect_by_func (dialog, on_question_response, self);
  if (dialog != self->confirm_dialog)
    return;
  if (self->confirm_entry != NULL)
    text = g_strstrip (g_strdup (gtk_editable_get_text (self->confirm_entry)));
  g_clear_weak_pointer (&self->confirm_dialog);
  self->confirm_entry = NULL;
  answered (self, response, text);
}

static void
on_question_entry_changed (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog), "needs-text"),
                                           text[0] != '\0');
}

/* Asks @heading; the @yes response (@destructive or suggested) goes ahead.
 * With @placeholder, an entry must hold text before @yes is enabled. */
static void
ask (SuyuanReceivePage *self,
     const char        *heading,
     const char        *body,
     const char        *no,
     const char        *yes,
     const char        *yes_label,
     gboolean           destructive,
     const char        *placeholder,
     Answered           answered)
{
  AdwMessageDialog *dialog;

  if (self->confirm_dialog != NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (suyuan_widget_get_window (GTK_WIDGET (self)),
                                                       heading, NULL));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", no, yes, yes_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, yes, destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                                      : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, destructive ? "cancel" : yes);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "answered", answered);
  self->confirm_entry = NULL;
  if (placeholder != NULL)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_max_length (GTK_ENTRY (entry), 200);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      adw_message_dialog_set_extra_child (dialog, entry);
      g_object_set_data_full (G_OBJECT (dialog), "needs-text", g_strdup (yes), g_free);
      adw_message_dialog_set_response_enabled (dialog, yes, FALSE);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_question_entry_changed), dialog, 0);
      self->confirm_entry = GTK_EDITABLE (entry);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response), self, 0);
  g_set_weak_pointer (&self->confirm_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_shipment_activated (GtkListBox        *list,
                       GtkListBoxRow     *row,
                       SuyuanReceivePage *self)
{
  suyuan_receive_page_start (self, gtk_list_box_row_get_index (row));
}

static void
on_supplier_answered (SuyuanReceivePage *self,
                      const char        *response,
                      const char        *text)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const SuyuanInspectionTask *party = NULL;

  if (g_strcmp0 (response, "start") != 0 || text == NULL || text[0] == '\0' || self->store == NULL)
    return;
  /* A supplier the store knows (by name or licence) is recorded by its id. */
  found = suyuan_inspection_find_parties (self->store, text, 2, NULL);
  if (found != NULL && found->len == 1)
    party = found->pdata[0];
  if (!suyuan_receive_page_start (self, -1))
    return;
  if (!suyuan_receipt_set_supplier (self->receipt, party ? party->party_id : NULL,
                                    party ? party->party_name : text, &error))
    {
      toast (self, error->message);
      return;
    }
  show_receipt (self, g_steal_pointer (&self->receipt), _("Scan every case or item as it comes off the truck."));
}

/* The 进货查验记录 names the supplier: asked before receiving without a shipment. */
static void
ad_hoc_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  ask (SUYUAN_RECEIVE_PAGE (widget), _("Who delivered the goods?"),
       _("The purchase inspection record names the supplier. Enter its name or licence number."),
       _("_Cancel"), "start", _("_Start Receiving"), FALSE, _("Supplier name or licence number"),
       on_supplier_answered);
}

static void
close_receipt (SuyuanReceivePage *self)
{
  g_clear_pointer (&self->receipt, suyuan_receipt_free);
  gtk_stack_set_visible_child_name (self->mode_stack, "start");
  suyuan_receive_page_refresh (self);
}

static void
finish (SuyuanReceivePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->receipt == NULL)
    return;
  if (!suyuan_receipt_finish (self->receipt, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Receipt saved; sent at the next sync"));
  close_receipt (self);
}

static guint
count_stop_accepted (SuyuanReceipt *receipt)
{
  GPtrArray *lines = suyuan_receipt_get_lines (receipt);
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const SuyuanReceiptLine *line = lines->pdata[i];

      n += line->level == SUYUAN_LEVEL_STOP && !line->rejected;
    }
  return n;
}

static char *
list_missing (SuyuanReceipt *receipt)
{
  GPtrArray *lines = suyuan_receipt_get_lines (receipt);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const SuyuanReceiptLine *line = lines->pdata[i];

      if (line->received < line->expected)
        /* Translators: a missing line: product name, received, shipped */
        g_string_append_printf (text, _("\n• %.80s: %u of %u"), line->product_name, line->received, line->expected);
    }
  return g_string_free (text, FALSE);
}

static void finish_action (GtkWidget  *widget,
                           const char *action,
                           GVariant   *parameter);

static void
on_finish_answered (SuyuanReceivePage *self,
                    const char        *response,
                    const char        *text)
{
  if (g_strcmp0 (response, "finish") == 0)
    finish (self);
}

static void
on_stop_answered (SuyuanReceivePage *self,
                  const char        *response,
                  const char        *text)
{
  if (g_strcmp0 (response, "finish") != 0)
    return;
  self->stop_confirmed = TRUE;
  finish_action (GTK_WIDGET (self), NULL, NULL);
}

/* Goods that must not be sold are not taken in by a slip of the finger, and
 * a short delivery is not signed off unseen: finishing asks about each. */
static void
finish_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  SuyuanReceivePage *self = SUYUAN_RECEIVE_PAGE (widget);
  guint n, matched, missing, extra, flagged;

  if (self->receipt == NULL || self->confirm_dialog != NULL)
    return;
  if (action != NULL)
    self->stop_confirmed = FALSE;
  n = count_stop_accepted (self->receipt);
  if (n > 0 && !self->stop_confirmed)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u line is expired, unqualified, recalled or otherwise must not be sold. Reject it, or finish and take it in anyway.",
                                               "%u lines are expired, unqualified, recalled or otherwise must not be sold. Reject them, or finish and take them in anyway.",
                                               n), n);

      ask (self, _("Accept goods that must not be sold?"), body, _("_Back to the Tally"), "finish",
           _("_Finish Anyway"), TRUE, NULL, on_stop_answered);
      return;
    }
  suyuan_receipt_count (self->receipt, &matched, &missing, &extra, &flagged);
  if (missing > 0)
    {
      g_autofree char *items = list_missing (self->receipt);
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u line of the shipment is short:%s",
                                               "%u lines of the shipment are short:%s",
                                               missing), missing, items);

      ask (self, _("Finish with goods missing?"), body, _("_Back to the Tally"), "finish",
           _("_Finish With Goods Missing"), TRUE, NULL, on_finish_answered);
      return;
    }
  finish (self);
}

static void
on_cancel_answered (SuyuanReceivePage *self,
                    const char        *response,
                    const char        *text)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  if (self->receipt != NULL)
    suyuan_receipt_discard (self->receipt, NULL);
  close_receipt (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  SuyuanReceivePage *self = SUYUAN_RECEIVE_PAGE (widget);
  g_autoptr(JsonObject) json = NULL;
  gint64 scans;

  if (self->receipt == NULL)
    return;
  json = suyuan_receipt_to_json (self->receipt);
  scans = json_object_get_int_member_with_default (json, "scans", 0);
  if (scans == 0)
    {
      on_cancel_answered (self, "discard", NULL);
      return;
    }
  {
    g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The %u scan made on this receipt is thrown away.",
                                             "The %u scans made on this receipt are thrown away.",
                                             (guint) scans), (guint) scans);

    ask (self, _("Cancel this receipt?"), body, _("_Back to the Tally"), "discard", _("_Discard Receipt"),
         TRUE, NULL, on_cancel_answered);
  }
}

static void
reject_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  SuyuanReceivePage *self = SUYUAN_RECEIVE_PAGE (widget);
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GError) error = NULL;
  SuyuanReceiptLine *line;

  if (self->receipt == NULL || index < 0 || (guint) index >= suyuan_receipt_get_lines (self->receipt)->len)
    return;
  line = suyuan_receipt_get_lines (self->receipt)->pdata[index];
  if (line->rejected)
    {
      /* Accept again. */
      if (!suyuan_receipt_set_rejected (self->receipt, index, NULL, &error))
        toast (self, error->message);
      update_tally (self);
      return;
    }
  self->reject_index = index;
  gtk_editable_set_text (GTK_EDITABLE (self->reject_entry), "");
  /* No reason, no rejection: the record must say why. */
  adw_message_dialog_set_response_enabled (self->reject_dialog, "reject", FALSE);
  adw_message_dialog_set_body (self->reject_dialog, line->product_name);
  gtk_window_set_transient_for (GTK_WINDOW (self->reject_dialog), suyuan_widget_get_window (widget));
  gtk_window_present (GTK_WINDOW (self->reject_dialog));
}

static void
on_reject_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    SuyuanReceivePage *self)
{
  g_autoptr(GError) error = NULL;

  /* Also when the response came from elsewhere than its buttons. */
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  if (g_strcmp0 (response, "reject") != 0 || self->receipt == NULL)
    return;
  if (!suyuan_receipt_set_rejected (self->receipt, self->reject_index,
                                    gtk_editable_get_text (GTK_EDITABLE (self->reject_entry)), &error))
    toast (self, error->message);
  update_tally (self);
}

static void
on_reject_entry_changed (GtkEditable       *entry,
                         SuyuanReceivePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (self->reject_dialog, "reject", text[0] != '\0');
}

/* A hand scanner types into the window; a focused field would split its
 * burst with the scan input under load. The code entry keeps focus only
 * when the user taps it, never because focus wandered in by itself. */
static void
on_focus_changed (GtkWindow         *window,
                  GParamSpec        *pspec,
                  SuyuanReceivePage *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->code_entry)))
    {
      self->entry_tapped = FALSE;
      return;
    }
  if (!self->entry_tapped)
    gtk_root_set_focus (GTK_ROOT (window), NULL);
}

static void
on_entry_pressed (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  SuyuanReceivePage *self)
{
  self->entry_tapped = TRUE;
}

static void
suyuan_receive_page_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (suyuan_receive_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  /* Whoever moves the focus (a tap, Tab, the window itself), the page sees it. */
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (on_focus_changed), widget, 0);
}

static void
suyuan_receive_page_dispose (GObject *object)
{
  SuyuanReceivePage *self = SUYUAN_RECEIVE_PAGE (object);

  if (self->reject_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->reject_dialog));
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  g_clear_weak_pointer (&self->confirm_dialog);
  g_clear_object (&self->reject_dialog);
  /* Freeing the receipt waits for its queued saves. */
  g_clear_pointer (&self->receipt, suyuan_receipt_free);
  g_clear_pointer (&self->writer, suyuan_store_writer_free);
  g_clear_pointer (&self->shipments, g_ptr_array_unref);
  g_clear_pointer (&self->shop_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), SUYUAN_TYPE_RECEIVE_PAGE);
  suyuan_widget_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (suyuan_receive_page_parent_class)->dispose (object);
}

static void
suyuan_receive_page_class_init (SuyuanReceivePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = suyuan_receive_page_dispose;
  widget_class->root = suyuan_receive_page_root;
  /* A scan judged: the level (SuyuanLevel), for beep and flash. */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  g_type_ensure (SUYUAN_TYPE_VERDICT_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/suyuan/Suyuan/suyuan-receive-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, shipment_list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, no_shipments_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, receipt_title);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, banner);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, last_scan_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, tally_list);
  gtk_widget_class_bind_template_child (widget_class, SuyuanReceivePage, code_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_shipment_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activate);
  gtk_widget_class_install_action (widget_class, "receive.ad-hoc", NULL, ad_hoc_action);
  gtk_widget_class_install_action (widget_class, "receive.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "receive.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "receive.reject", "i", reject_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
suyuan_receive_page_init (SuyuanReceivePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  suyuan_verdict_settings_init (&self->settings);
  {
    GtkGesture *press = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
    g_signal_connect (press, "pressed", G_CALLBACK (on_entry_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->code_entry), GTK_EVENT_CONTROLLER (press));
  }
  /* The reason is asked in a dialog of its own; it lives as long as the page. */
  self->reject_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->reject_entry, 200);
  gtk_entry_set_placeholder_text (self->reject_entry, _("e.g. expired, damaged packaging, no certificate"));
  gtk_entry_set_activates_default (self->reject_entry, TRUE);
  /* Held: its window, destroyed, destroys it too (destroy-with-parent). */
  self->reject_dialog = g_object_ref (ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Reject these goods?"), NULL)));
  adw_message_dialog_set_extra_child (self->reject_dialog, GTK_WIDGET (self->reject_entry));
  adw_message_dialog_add_responses (self->reject_dialog, "cancel", _("_Cancel"), "reject", _("_Reject"), NULL);
  adw_message_dialog_set_response_appearance (self->reject_dialog, "reject", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (self->reject_dialog, "reject");
  adw_message_dialog_set_close_response (self->reject_dialog, "cancel");
  gtk_window_set_hide_on_close (GTK_WINDOW (self->reject_dialog), TRUE);
  g_signal_connect_object (self->reject_dialog, "response", G_CALLBACK (on_reject_response), self, 0);
  g_signal_connect_object (self->reject_entry, "changed", G_CALLBACK (on_reject_entry_changed), self, 0);
}

void
suyuan_receive_page_refresh (SuyuanReceivePage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SUYUAN_IS_RECEIVE_PAGE (self));
  g_clear_pointer (&self->shipments, g_ptr_array_unref);
  if (self->store != NULL)
    self->shipments = suyuan_receipt_list_shipments (self->store, self->shop_id, &error);
  if (error != NULL)
    g_warning ("listing shipments failed: %s", error->message);
  show_shipments (self);
}

void
suyuan_receive_page_set_store (SuyuanReceivePage *self,
                               SuyuanStore       *store,
                               const char        *shop_id)
{
  g_return_if_fail (SUYUAN_IS_RECEIVE_PAGE (self));
  if (store != self->store)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&self->receipt, suyuan_receipt_free);
      g_clear_pointer (&self->writer, suyuan_store_writer_free);
      /* Without a writer (a store in memory) scans commit on this thread. */
      if (store != NULL && (self->writer = suyuan_store_writer_new (store, &error)) == NULL)
        g_debug ("receipts save on the main thread: %s", error->message);
    }
  self->store = store;
  g_free (self->shop_id);
  self->shop_id = g_strdup (shop_id);
  self->settings.here_party_id = self->shop_id;
  suyuan_receive_page_refresh (self);
  if (store != NULL && self->receipt == NULL)
    resume_unfinished (self);
}

void
suyuan_receive_page_set_verdict_settings (SuyuanReceivePage           *self,
                                          const SuyuanVerdictSettings *settings)
{
  g_return_if_fail (SUYUAN_IS_RECEIVE_PAGE (self));
  self->settings = *settings;
  self->settings.here_party_id = self->shop_id;
}

gboolean
suyuan_receive_page_start (SuyuanReceivePage *self,
                           int                index)
{
  g_autoptr(GError) error = NULL;
  SuyuanReceipt *receipt;

  g_return_val_if_fail (SUYUAN_IS_RECEIVE_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  if (index >= 0 && (self->shipments == NULL || (guint) index >= self->shipments->len))
    return FALSE;
  if (index < 0)
    receipt = suyuan_receipt_new_ad_hoc (self->store, self->shop_id, NULL);
  else
    receipt = suyuan_receipt_new_from_shipment (self->store, ((SuyuanShipment *) self->shipments->pdata[index])->key,
                                                &error);
  if (receipt == NULL)
    {
      toast (self, error->message);
      suyuan_receive_page_refresh (self);
      return FALSE;
    }
  show_receipt (self, receipt, _("Scan every case or item as it comes off the truck."));
  return TRUE;
}

gboolean
suyuan_receive_page_scan (SuyuanReceivePage *self,
                          const char        *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SuyuanVerdict) verdict = NULL;
  g_autofree char *text = NULL;
  SuyuanReceiptScanResult result;
  SuyuanLevel level;
  int index;

  g_return_val_if_fail (SUYUAN_IS_RECEIVE_PAGE (self), FALSE);
  if (self->receipt == NULL)
    return FALSE;
  result = suyuan_receipt_scan (self->receipt, payload, suyuan_today (), &self->settings, &index, &verdict, &error);
  if (error != NULL)
    {
      toast (self, error->message);
      return TRUE;
    }
  if (result == SUYUAN_RECEIPT_SCAN_COUNTED && verdict != NULL && index >= 0 && expects_goods (self->receipt)
      && ((SuyuanReceiptLine *) suyuan_receipt_get_lines (self->receipt)->pdata[index])->expected == 0)
    not_in_shipment (verdict);
  suyuan_verdict_banner_set_verdict (self->banner, verdict);
  text = describe_scan (result, index >= 0 ? suyuan_receipt_get_lines (self->receipt)->pdata[index] : NULL);
  gtk_label_set_text (self->last_scan_label, text);
  update_tally (self);
  level = verdict ? verdict->level : SUYUAN_LEVEL_STOP;
  if (result == SUYUAN_RECEIPT_SCAN_DUPLICATE)
    level = MAX (level, SUYUAN_LEVEL_WARN);
  /* The window gives the beep and the flash. */
  g_signal_emit (self, signals[CHECKED], 0, (int) level);
  return TRUE;
}

gboolean
suyuan_receive_page_claim_scan (SuyuanReceivePage *self,
                                const char        *payload)
{
  g_return_val_if_fail (SUYUAN_IS_RECEIVE_PAGE (self), FALSE);
  /* Scans are the receipt's only while it is open and in view. */
  if (self->receipt == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  return suyuan_receive_page_scan (self, payload);
}

SuyuanReceipt *
suyuan_receive_page_get_receipt (SuyuanReceivePage *self)
{
  return self->receipt;
}

guint
suyuan_receive_page_get_n_shipments (SuyuanReceivePage *self)
{
  return self->shipments ? self->shipments->len : 0;
}

SuyuanVerdictBanner *
suyuan_receive_page_get_banner (SuyuanReceivePage *self)
{
  return self->banner;
}

const char *
suyuan_receive_page_get_summary (SuyuanReceivePage *self)
{
  return gtk_label_get_text (self->summary_label);
}

const char *
suyuan_receive_page_get_last_scan (SuyuanReceivePage *self)
{
  g_return_val_if_fail (SUYUAN_IS_RECEIVE_PAGE (self), NULL);
  return gtk_label_get_text (self->last_scan_label);
}

SuyuanReceiveRow *
suyuan_receive_page_get_row (SuyuanReceivePage *self,
                             guint              index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SUYUAN_IS_RECEIVE_PAGE (self), NULL);
  row = gtk_list_box_get_row_at_index (self->tally_list, (int) index);
  return SUYUAN_IS_RECEIVE_ROW (row) ? SUYUAN_RECEIVE_ROW (row) : NULL;
}

AdwMessageDialog *
suyuan_receive_page_get_confirm_dialog (SuyuanReceivePage *self)
{
  return self->confirm_dialog;
}

GtkEditable *
suyuan_receive_page_get_confirm_entry (SuyuanReceivePage *self)
{
  return self->confirm_dialog != NULL ? self->confirm_entry : NULL;
}

GtkEntry *
suyuan_receive_page_get_code_entry (SuyuanReceivePage *self)
{
  return self->code_entry;
}

AdwMessageDialog *
suyuan_receive_page_get_reject_dialog (SuyuanReceivePage *self,
                                       GtkEntry         **entry)
{
  *entry = self->reject_entry;
  return self->reject_dialog;
}
