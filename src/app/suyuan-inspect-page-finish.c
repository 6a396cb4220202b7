/* suyuan-inspect-page-finish.c — the questions before an inspection ends:
 * who inspected, which findings have no action yet, why 合格 although a
 * product must not be sold; and whether to throw an inspection away.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "suyuan-inspect-page-private.h"
#include "suyuan-widget-children.h"

#include <glib/gi18n.h>

typedef void (*Answered) (SuyuanInspectPage *self,
                          const char        *response,
                          const char        *text);

static void
toast (SuyuanInspectPage *self,
       const char        *text)
{
  /* Where the user looks: the status line scrolls away, a toast does not. */
  suyuan_inspect_page_set_status (self, text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
on_dialog_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    SuyuanInspectPage *self)
{
  Answered answered = g_object_get_data (G_OBJECT (dialog), "answered");
  g_autofree char *text = NULL;

  /* One answer per question: closing it afterwards says nothing more. */
  g_signal_handlers_disconnect_by_func (dialog, on_dialog_response, self);
  if (dialog != self->dialog)
    return;
  if (self->dialog_entry != NULL)
    text = g_strstrip (g_strdup (gtk_editable_get_text (self->dialog_entry)));
  g_clear_weak_pointer (&self->dialog);
  self->dialog_entry = NULL;
  answered (self, response, text);
}

static void
on_entry_changed (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *needs = g_object_get_data (G_OBJECT (dialog), "needs-text");

  adw_message_dialog_set_response_enabled (dialog, needs, text[0] != '\0');
}

/* Asks @heading; @needs_text names the response that stays off until the
 * entry (shown when @placeholder is set) holds some text. */
static void
ask (SuyuanInspectPage *self,
     const char        *heading,
     const char        *body,
     const char        *placeholder,
     const char        *needs_text,
     Answered           answered)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (suyuan_widget_get_window (GTK_WIDGET (self)),
                                                       heading, NULL));
  /* Bodies quote product names from scans: plain text. */
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_add_response (dialog, "back", _("_Back"));
  adw_message_dialog_set_default_response (dialog, "back");
  adw_message_dialog_set_close_response (dialog, "back");
  g_object_set_data (G_OBJECT (dialog), "answered", answered);
  self->dialog_entry = NULL;
  if (placeholder != NULL)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_max_length (GTK_ENTRY (entry), 200);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
      adw_message_dialog_set_extra_child (dialog, entry);
      self->dialog_entry = GTK_EDITABLE (entry);
      g_object_set_data_full (G_OBJECT (dialog), "needs-text", g_strdup (needs_text), g_free);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed), dialog, 0);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
}

static void
present (SuyuanInspectPage *self)
{
  if (self->dialog_entry != NULL)
    {
      const char *needs = g_object_get_data (G_OBJECT (self->dialog), "needs-text");

      adw_message_dialog_set_response_enabled (self->dialog, needs, FALSE);
    }
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
on_name_answered (SuyuanInspectPage *self,
                  const char        *response,
                  const char        *text)
{
  if (g_strcmp0 (response, "save") != 0 || text == NULL || text[0] == '\0')
    return;
  /* The entry is bound to the setting: the name is remembered. */
  gtk_editable_set_text (GTK_EDITABLE (self->inspector_row), text);
  suyuan_inspect_page_try_finish (self);
}

static void
on_unhandled_answered (SuyuanInspectPage *self,
                       const char        *response,
                       const char        *text)
{
  if (g_strcmp0 (response, "finish") != 0)
    return;
  self->unhandled_confirmed = TRUE;
  suyuan_inspect_page_try_finish (self);
}

static void
on_override_answered (SuyuanInspectPage *self,
                      const char        *response,
                      const char        *text)
{
  if (g_strcmp0 (response, "fail") == 0)
    adw_combo_row_set_selected (self->result_row, SUYUAN_RESULT_FAIL - 1);
  else if (g_strcmp0 (response, "override") == 0 && text != NULL && text[0] != '\0')
    {
      g_free (self->override_reason);
      self->override_reason = g_strdup (text);
    }
  else
    return;
  suyuan_inspect_page_try_finish (self);
}

static char *
list_unhandled (GPtrArray *unhandled)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < unhandled->len && i < 8; i++)
    {
      const SuyuanInspectionItem *item = unhandled->pdata[i];
      const char *what = item->summary && *item->summary ? item->summary : item->code;
      const char *why = item->findings && *item->findings ? item->findings
                        : item->level == SUYUAN_LEVEL_STOP ? _("Must not be sold") : _("Warning");

      g_string_append_printf (text, "\n• %d. %.80s — %.120s", item->seq, what, why);
    }
  if (unhandled->len > 8)
    g_string_append_printf (text, "\n• …");
  return g_string_free (text, FALSE);
}

void
suyuan_inspect_page_try_finish (SuyuanInspectPage *self)
{
  SuyuanInspection *inspection = self->inspection;
  SuyuanInspectionResult result = adw_combo_row_get_selected (self->result_row) + 1;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->inspector_row));
  g_autoptr(GPtrArray) unhandled = NULL;
  g_autoptr(GError) error = NULL;

  if (inspection == NULL || inspection->finished_at != NULL || self->dialog != NULL)
    return;

  if (name[0] == '\0' && (inspection->inspector == NULL || inspection->inspector[0] == '\0'))
    {
      ask (self, _("Who inspected?"),
           _("The record names its inspector. Enter your name once: this terminal remembers it."),
           _("Your name"), "save", on_name_answered);
      adw_message_dialog_add_response (self->dialog, "save", _("_Save and Finish"));
      adw_message_dialog_set_response_appearance (self->dialog, "save", ADW_RESPONSE_SUGGESTED);
      present (self);
      return;
    }

  unhandled = suyuan_inspection_list_unhandled (inspection);
  if (unhandled->len > 0 && !self->unhandled_confirmed)
    {
      g_autofree char *items = list_unhandled (unhandled);
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "No action is recorded for %u finding:%s",
                                                            "No action is recorded for %u findings:%s",
                                                            unhandled->len),
                                               unhandled->len, items);

      ask (self, _("Findings without an action"), body, NULL, NULL, on_unhandled_answered);
      adw_message_dialog_add_response (self->dialog, "finish", _("_Finish Anyway"));
      adw_message_dialog_set_response_appearance (self->dialog, "finish", ADW_RESPONSE_DESTRUCTIVE);
      present (self);
      return;
    }

  if (result == SUYUAN_RESULT_PASS && suyuan_inspection_suggest_result (inspection) == SUYUAN_RESULT_FAIL
      && self->override_reason == NULL)
    {
      ask (self, _("Compliant, although a product must not be sold?"),
           _("A product scanned here must not be sold, so the result is Non-compliant. "
             "Record it as compliant only with a reason a reviewer can check."),
           _("Reason it is compliant"), "override", on_override_answered);
      adw_message_dialog_add_response (self->dialog, "override", _("_Compliant, With This Reason"));
      adw_message_dialog_add_response (self->dialog, "fail", _("Record _Non-compliant"));
      adw_message_dialog_set_response_appearance (self->dialog, "override", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (self->dialog, "fail", ADW_RESPONSE_SUGGESTED);
      present (self);
      return;
    }

  if (!suyuan_inspection_finish_with_reason (suyuan_inspect_page_get_store (self), inspection, result, name,
                                             result == SUYUAN_RESULT_PASS ? self->override_reason : NULL,
                                             &error))
    {
      toast (self, error->message);
      return;
    }
  suyuan_inspect_page_show (self);
}

static void
on_discard_answered (SuyuanInspectPage *self,
                     const char        *response,
                     const char        *text)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "discard") != 0)
    return;
  if (self->inspection != NULL
      && !suyuan_inspection_discard (suyuan_inspect_page_get_store (self), self->inspection, &error))
    {
      toast (self, error->message);
      return;
    }
  suyuan_inspect_page_back_to_start (self);
}

void
suyuan_inspect_page_ask_discard (SuyuanInspectPage *self)
{
  g_autofree char *body = NULL;
  guint n;

  if (self->inspection == NULL || self->dialog != NULL)
    return;
  n = self->inspection->items->len;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The %u product scanned, its actions, notes and photos are deleted from this terminal.",
                                       "The %u products scanned, their actions, notes and photos are deleted from this terminal.",
                                       n), n);
  ask (self, _("Discard this inspection?"), body, NULL, NULL, on_discard_answered);
  adw_message_dialog_add_response (self->dialog, "discard", _("_Discard"));
  adw_message_dialog_set_response_appearance (self->dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  present (self);
}
