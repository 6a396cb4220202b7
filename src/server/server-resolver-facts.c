/* server-resolver-facts.c — from a code and what the store knows to the
 * facts a consumer sees: one verdict in plain words, and a trace summary
 * naming businesses, cities and dates only.
 * Copyright 2026 The Suyuan authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "server-resolver-private.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  const char *reason;            /* verdict reason id */
  const char *status;
  const char *title;
  const char *css;
} StatusRule;

/* The gravest first: the first reason the verdict has decides the words. */
static const StatusRule rules[] = {
  { "recalled", "recalled", N_("Batch recalled"), "stop" },
  { "unqualified", "unqualified", N_("Failed sampling inspection"), "stop" },
  { "held", "suspended", N_("Sale suspended"), "stop" },
  { "destroyed", "suspended", N_("Sale suspended"), "stop" },
  { "licence-revoked", "suspended", N_("Sale suspended"), "stop" },
  { "tampered", "mismatch", N_("Label does not match the records"), "stop" },
  { "expired", "expired", N_("Past its expiry date"), "stop" },
  { "unknown-unit", "unregistered", N_("Serial number not registered"), "warn" },
  { "unknown-batch", "unregistered", N_("Lot not registered"), "warn" },
  { "near-expiry", "near-expiry", N_("Close to expiry"), "warn" },
};

static char *
date_text (guint32 ymd)
{
  if (ymd == 0)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* The alert notice behind the batch's status, else the batch's own. */
static const char *
notice_text (const SuyuanLookup *lookup,
             const char         *kind)
{
  /* The batch's own notice says why; an alert's may be just its number. */
  if (lookup->batch != NULL && lookup->batch->notice != NULL && *lookup->batch->notice != '\0')
    return lookup->batch->notice;
  if (lookup->alerts != NULL)
    for (guint i = 0; i < lookup->alerts->len; i++)
      {
        const SuyuanAlert *alert = lookup->alerts->pdata[i];

        if (g_strcmp0 (alert->kind, kind) == 0 && (alert->notice || alert->title))
          return alert->notice ? alert->notice : alert->title;
      }
  return NULL;
}

static guint32
expiry_of (const ServerResolution *res)
{
  if (res->lookup->batch && res->lookup->batch->expiry)
    return res->lookup->batch->expiry;
  return res->code->expiry;
}

static char *
status_notice (const ServerResolution *res,
               const StatusRule       *rule,
               ServerLang              lang)
{
  g_autofree char *expiry = date_text (expiry_of (res));
  const char *kind = NULL;

  if (g_strcmp0 (rule->status, "recalled") == 0)
    kind = "recall";
  else if (g_strcmp0 (rule->status, "unqualified") == 0)
    kind = "unqualified";
  else if (g_strcmp0 (rule->status, "suspended") == 0)
    kind = "hold";
  if (kind != NULL && notice_text (res->lookup, kind) != NULL)
    return g_strdup (notice_text (res->lookup, kind));
  if (g_strcmp0 (rule->status, "expired") == 0 && expiry)
    return g_strdup_printf (server_gettext (lang, N_("Expired on %s. Do not eat or use it.")), expiry);
  if (g_strcmp0 (rule->status, "near-expiry") == 0 && expiry)
    return g_strdup_printf (server_gettext (lang, N_("Use by %s.")), expiry);
  if (g_strcmp0 (rule->status, "mismatch") == 0)
    return g_strdup (server_gettext (lang, N_("The lot or dates on this label differ from what the producer registered. It may be a copied code.")));
  if (g_strcmp0 (rule->status, "suspended") == 0)
    return g_strdup (server_gettext (lang, N_("The regulator has stopped the sale of this product.")));
  if (g_strcmp0 (rule->status, "unregistered") == 0)
    return g_strdup (server_gettext (lang, N_("The product is registered, but not this item. "
                                              "Be careful: it may not be genuine.")));
  return NULL;
}

/* Only the city of a place: never a street address. */
static char *
city_of (const char *place)
{
  static const char *const ends[] = { "市", "州", "盟", "县", "区" };
  glong n;

  if (place == NULL || *place == '\0')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      const char *at = strstr (place, ends[i]);

      if (at != NULL)
        return g_strndup (place, (gsize) (at - place) + strlen (ends[i]));
    }
  n = g_utf8_strlen (place, -1);
  return n <= 8 ? g_strdup (place) : g_utf8_substring (place, 0, 8);
}

static const char *
step_role (const SuyuanEvent *event)
{
  if (g_strcmp0 (event->type, "commissioning") == 0)
    return N_("Produced by");
  if (g_strcmp0 (event->type, "selling") == 0)
    return N_("Sold at");
  if (g_strcmp0 (event->type, "receiving") != 0)
    return NULL;
  if (g_strcmp0 (event->party_kind, "retailer") == 0 || g_strcmp0 (event->party_kind, "market") == 0)
    return N_("Sold at");
  return N_("Distributed by");
}

static void
step_free (gpointer data)
{
  ServerTraceStep *step = data;

  g_free (step->city);
  g_free (step->date);
  g_free (step);
}

/* Produced by … → distributed by … → sold at …: businesses, cities and
 * days only; events of other units of the batch are not this item's. */
static GPtrArray *
trace_steps (const ServerResolution *res)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (step_free);
  const char *last_party = NULL;

  if (res->lookup->events == NULL)
    return steps;
  for (guint i = 0; i < res->lookup->events->len && steps->len < SERVER_RESOLVER_MAX_STEPS; i++)
    {
      const SuyuanEvent *event = res->lookup->events->pdata[i];
      const char *role = step_role (event);
      ServerTraceStep *step;

      if (role == NULL || event->party_name == NULL)
        continue;
      if (event->serial != NULL && g_strcmp0 (event->serial, res->code->serial) != 0)
        continue;
      if (g_strcmp0 (last_party, event->party_id) == 0)
        {
          ServerTraceStep *prev = steps->pdata[steps->len - 1];

          /* A shop that received and then sold it: one step, "sold at",
           * on the day of the sale. */
          if (g_strcmp0 (event->type, "selling") == 0 && event->time != NULL)
            {
              prev->role = role;
              g_free (prev->date);
              prev->date = g_strndup (event->time, 10);
            }
          continue;
        }
      step = g_new0 (ServerTraceStep, 1);
      step->role = role;
      step->party = event->party_name;
      step->city = city_of (event->place);
      step->date = event->time ? g_strndup (event->time, 10) : NULL;
      g_ptr_array_add (steps, step);
      last_party = event->party_id;
    }
  return steps;
}

void
server_resolution_judge (ServerResolution *res,
                         ServerLang        lang)
{
  SuyuanVerdictSettings settings;

  g_return_if_fail (res != NULL && res->code != NULL && res->lookup != NULL);
  suyuan_verdict_settings_init (&settings);
  res->verdict = suyuan_verdict_judge (res->code, res->lookup, suyuan_today (), &settings);
  res->status = "ok";
  res->status_class = "ok";
  res->status_title = expiry_of (res) ? N_("Within its shelf life") : N_("No problem known");
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (suyuan_verdict_has_reason (res->verdict, rules[i].reason))
      {
        res->status = rules[i].status;
        res->status_title = rules[i].title;
        res->status_class = rules[i].css;
        res->notice = status_notice (res, &rules[i], lang);
        break;
      }
  res->steps = trace_steps (res);
  res->serialised = res->code->serial != NULL && res->lookup->unit != NULL;
}

void
server_resolution_clear (ServerResolution *res)
{
  g_clear_pointer (&res->code, suyuan_code_free);
  g_clear_pointer (&res->lookup, suyuan_lookup_free);
  g_clear_pointer (&res->verdict, suyuan_verdict_free);
  g_clear_pointer (&res->notice, g_free);
  g_clear_pointer (&res->steps, g_ptr_array_unref);
  server_query_count_clear (&res->queries);
  g_clear_pointer (&res->self_url, g_free);
}
